package cl.smartercl.mcp.server.health;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import cl.smartercl.mcp.server.audit.AuditSpoolStatus;
import cl.smartercl.mcp.server.auth.Authenticator;
import cl.smartercl.mcp.server.auth.TokenCacheStatus;
import cl.smartercl.mcp.server.store.StoreClient;
import cl.smartercl.mcp.server.tenant.TenantDirectory;

/** {@code /health}: live backend probes and a live store query. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HealthProperties.class)
public class HealthConfiguration {

	@Bean
	BackendHealth backendHealth(TenantDirectory tenants, HealthProperties properties) {
		return new BackendHealth(tenants, properties);
	}

	@Bean
	DatabaseCheck databaseCheck(StoreClient store, HealthProperties properties) {
		return () -> store.mono((sql) -> sql.sql("SELECT 1").map((row) -> 1).first())
			.map((one) -> true)
			.timeout(properties.probeTimeout())
			.onErrorReturn(false)
			.defaultIfEmpty(false);
	}

	@Bean
	RouterFunction<ServerResponse> healthRouter(BackendHealth backends, DatabaseCheck database, TenantDirectory tenants,
			Authenticator authenticator, @Value("${smartermcp.version:dev}") String version,
			ObjectProvider<AuditSpoolStatus> spool, ObjectProvider<TokenCacheStatus> tokens) {
		HealthRoutes routes = new HealthRoutes(backends, database, tenants, authenticator, version, Clock.systemUTC(),
				spool.getIfAvailable(() -> () -> 0), tokens.getIfAvailable(() -> () -> null));
		return RouterFunctions.route().GET("/health", routes::health).build();
	}

}
