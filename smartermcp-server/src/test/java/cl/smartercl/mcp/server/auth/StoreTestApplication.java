package cl.smartercl.mcp.server.auth;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

import cl.smartercl.mcp.server.store.StoreConfiguration;
import cl.smartercl.mcp.server.store.TenantStore;
import cl.smartercl.mcp.server.store.TokenStore;

/**
 * The store, token and bootstrap beans under Spring Boot's auto-configuration, as the
 * application will run them, without the web layer (listed, not scanned, so that other
 * beans of these packages stay out). Deliberately not a {@code @Configuration}: the
 * application's component scan must not pick it up when the full server runs in other
 * tests.
 */
@EnableAutoConfiguration
@Import({ StoreConfiguration.class, TenantStore.class, TokenStore.class, TenantService.class, TokenService.class,
		Bootstrap.class })
class StoreTestApplication {

}
