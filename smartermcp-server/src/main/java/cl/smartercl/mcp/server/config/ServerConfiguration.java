package cl.smartercl.mcp.server.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import cl.smartercl.mcp.connectors.config.TenantConfig;
import cl.smartercl.mcp.connectors.ports.ConnectorProvider;
import cl.smartercl.mcp.connectors.ports.Connectors;
import cl.smartercl.mcp.connectors.ports.KeyedLock;
import cl.smartercl.mcp.core.tool.Catalog;
import cl.smartercl.mcp.server.auth.BearerAuthenticationFilter;
import cl.smartercl.mcp.server.auth.BearerTokens;
import cl.smartercl.mcp.server.auth.IntrospectionAuthenticator;
import cl.smartercl.mcp.server.auth.JwtAuthenticator;
import cl.smartercl.mcp.server.auth.OAuthProperties;
import cl.smartercl.mcp.server.auth.TenantService;
import cl.smartercl.mcp.server.auth.TokenService;
import cl.smartercl.mcp.server.tenant.LocalDocker;
import cl.smartercl.mcp.server.tenant.TenantDirectory;
import cl.smartercl.mcp.server.tenant.TenantsFileLoader;
import cl.smartercl.mcp.server.web.EventLoopWritesFilter;
import cl.smartercl.mcp.server.web.OriginFilter;
import cl.smartercl.mcp.server.web.ProblemExceptionHandler;

/** The catalog, the tenants' connectors and the request filters. */
@Configuration(proxyBeanMethods = false)
public class ServerConfiguration {

	private static final Logger log = LoggerFactory.getLogger(ServerConfiguration.class);

	@Bean
	Catalog catalog() {
		return Catalog.standard();
	}

	/**
	 * The tenants' connectors from {@link Connectors#providers()}, plus any
	 * {@link ConnectorProvider} bean (tests register stub backends that way).
	 */
	@Bean(destroyMethod = "close")
	TenantDirectory tenantDirectory(ServerProperties properties, ObjectProvider<ConnectorProvider> extraProviders,
			KeyedLock locks) {
		List<TenantConfig> tenants = List.of();
		if (properties.tenantsFile() != null) {
			tenants = TenantsFileLoader.withSystemEnvironment().load(properties.tenantsFile());
			log.info("tenants file {}: {} tenant(s)", properties.tenantsFile(), tenants.size());
		}
		else {
			log.info("no tenants file (SMARTERMCP_TENANTS_FILE): no backends are configured");
		}
		if (properties.localDocker()) {
			tenants = LocalDocker.ofSystem().addTo(tenants);
		}
		List<ConnectorProvider> providers = new ArrayList<>(Connectors.providers());
		extraProviders.orderedStream().forEach(providers::add);
		return new TenantDirectory(tenants, providers, locks);
	}

	@Bean
	EventLoopWritesFilter eventLoopWritesFilter() {
		return new EventLoopWritesFilter();
	}

	@Bean
	OriginFilter originFilter(ServerProperties properties) {
		return new OriginFilter(properties);
	}

	/**
	 * Static tokens, and OAuth access tokens when OAuth is on
	 * ({@code OAuthConfiguration}): JWTs validated here, or every OAuth token
	 * introspected when an introspection endpoint is set.
	 */
	@Bean
	BearerTokens authenticator(TokenService tokens, ObjectProvider<JwtAuthenticator> jwts,
			ObjectProvider<IntrospectionAuthenticator> introspection, Environment environment) {
		JwtAuthenticator jwt = jwts.getIfAvailable();
		IntrospectionAuthenticator introspector = introspection.getIfAvailable();
		requireBuiltFor(environment, "smartermcp.oauth.issuer", jwt != null);
		requireBuiltFor(environment, "smartermcp.oauth.introspection-uri", introspector != null);
		return new BearerTokens(tokens::authenticate, (jwt != null) ? jwt::authenticate : null, introspector);
	}

	/**
	 * Refuses to start when an OAuth setting is given but its beans are absent. That
	 * happens only under Spring AOT ({@code -Dspring.aot.enabled=true},
	 * docs/operations.md "Start-up"), whose bean definitions were computed at build time:
	 * a jar processed without the setting would otherwise start with OAuth silently off.
	 */
	static void requireBuiltFor(Environment environment, String property, boolean present) {
		String value = environment.getProperty(property);
		if (value != null && !"false".equalsIgnoreCase(value) && !present) {
			throw new IllegalStateException(property + " is set, but this server was started with Spring AOT "
					+ "(-Dspring.aot.enabled=true) from a jar processed without it, so OAuth is not configured; "
					+ "start without -Dspring.aot.enabled=true (or bin/fast-start without AOT), or process the jar "
					+ "with the OAuth settings (docs/operations.md, Start-up)");
		}
	}

	/**
	 * Tenants the tenants file names are created in the store at start (idempotent, safe
	 * for replicas).
	 */
	@Bean
	SmartInitializingSingleton tenantsOfTheTenantsFile(TenantDirectory tenants, TenantService tenantService) {
		return () -> tenantService.ensureTenants(tenants.tenantIds()).block(Duration.ofSeconds(30));
	}

	@Bean
	BearerAuthenticationFilter bearerAuthenticationFilter(BearerTokens authenticator, ServerProperties properties,
			OAuthProperties oauth) {
		return new BearerAuthenticationFilter(authenticator, properties, oauth);
	}

	@Bean
	ProblemExceptionHandler problemExceptionHandler() {
		return new ProblemExceptionHandler();
	}

}
