package cl.smartercl.mcp.server.auth;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import cl.smartercl.mcp.core.tool.Catalog;
import cl.smartercl.mcp.server.config.ServerProperties;
import cl.smartercl.mcp.server.dispatch.ToolDispatcher;
import cl.smartercl.mcp.server.mcp.McpConfiguration;
import cl.smartercl.mcp.server.store.TenantStore;

/**
 * The OAuth 2.1 resource server side (docs/oauth.md), present only when
 * {@code smartermcp.oauth.issuer} is set. Spring Security is used as a library (its JWT
 * decoder and validators) inside our bearer filter, not as a filter chain: the server
 * keeps one authentication path for static tokens and JWTs.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "smartermcp.oauth", name = "issuer")
public class OAuthConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(OAuthConfiguration.class);

	/** The clock of expiry checks: the system's, or a test's {@link OAuthClock}. */
	@Bean
	JwtAuthenticator jwtAuthenticator(OAuthProperties properties, TenantStore tenants,
			ObjectProvider<OAuthClock> clock) {
		logger.info("OAuth on: JWT access tokens of {} for resource {} (tenant claim '{}'); metadata at {}",
				properties.issuerText(), properties.resourceText(), properties.tenantClaim(), properties.metadataUrl());
		Clock expiryClock = clock.getIfAvailable(() -> Clock::systemUTC).clock();
		return new JwtAuthenticator(JwtAuthenticator.decoder(properties, expiryClock), properties, tenants);
	}

	/**
	 * Step-up on the Streamable HTTP endpoint: a tools/call beyond an OAuth token's
	 * scopes is a 403 challenge.
	 */
	@Bean
	McpScopeChallengeFilter mcpScopeChallengeFilter(Catalog catalog, ToolDispatcher dispatcher,
			ServerProperties server) {
		return new McpScopeChallengeFilter(McpConfiguration.STREAMABLE_ENDPOINT, catalog, dispatcher,
				server.maxBodyBytes());
	}

	/**
	 * With an introspection endpoint set, OAuth tokens are judged by the authorization
	 * server (RFC 7662).
	 */
	@Bean
	@ConditionalOnProperty(prefix = "smartermcp.oauth", name = "introspection-uri")
	IntrospectionAuthenticator introspectionAuthenticator(OAuthProperties properties, JwtAuthenticator claims) {
		logger.info("OAuth tokens introspected at {} as client '{}'", properties.introspectionUri(),
				properties.introspectionClientId());
		return new IntrospectionAuthenticator(IntrospectionAuthenticator.introspector(properties), claims, properties);
	}

	@Bean
	RouterFunction<ServerResponse> protectedResourceMetadataRouter(OAuthProperties properties) {
		return new ProtectedResourceMetadata(properties).router();
	}

	/**
	 * Replaces the system clock of token expiry checks (tests move it past a token's
	 * {@code exp}).
	 */
	@FunctionalInterface
	public interface OAuthClock {

		Clock clock();

	}

}
