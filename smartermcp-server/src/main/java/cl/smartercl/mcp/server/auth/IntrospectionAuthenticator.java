package cl.smartercl.mcp.server.auth;

import java.util.Collection;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OAuth2IntrospectionException;
import org.springframework.security.oauth2.server.resource.introspection.ReactiveOpaqueTokenIntrospector;
import org.springframework.security.oauth2.server.resource.introspection.SpringReactiveOpaqueTokenIntrospector;

import cl.smartercl.mcp.core.auth.Principal;
import cl.smartercl.mcp.core.error.UnauthorizedException;

/**
 * Access tokens judged by the authorization server itself, through OAuth 2.0 Token
 * Introspection (RFC 7662) with Spring Security's reactive introspector: opaque tokens,
 * and JWTs when an operator wants a revoked session or token refused at once instead of
 * at its expiry. An active answer must name this server's resource in {@code aud} (no
 * tokens of other services) and, when it names an issuer, the configured one; its claims
 * become the caller as a JWT's do ({@link JwtAuthenticator}). Every request is
 * introspected (no cache): revocation takes effect on the next request.
 */
public final class IntrospectionAuthenticator implements Authenticator {

	private static final Logger logger = LoggerFactory.getLogger(IntrospectionAuthenticator.class);

	private final ReactiveOpaqueTokenIntrospector introspector;

	private final JwtAuthenticator claims;

	private final String issuer;

	private final String resource;

	public IntrospectionAuthenticator(ReactiveOpaqueTokenIntrospector introspector, JwtAuthenticator claims,
			OAuthProperties properties) {
		this.introspector = introspector;
		this.claims = claims;
		this.issuer = properties.issuerText();
		this.resource = properties.resourceText();
	}

	/**
	 * The introspector of {@code properties}' endpoint, authenticating as its client
	 * (secret never logged).
	 */
	public static ReactiveOpaqueTokenIntrospector introspector(OAuthProperties properties) {
		return SpringReactiveOpaqueTokenIntrospector.withIntrospectionUri(properties.introspectionUri().toString())
			.clientId(properties.introspectionClientId())
			.clientSecret(properties.introspectionSecret())
			.build();
	}

	@Override
	public Mono<Principal> authenticate(String bearerToken) {
		return this.introspector.introspect(bearerToken).onErrorMap(BadOpaqueTokenException.class, (ex) -> {
			logger.debug("Refused an access token the authorization server says is not active");
			return new UnauthorizedException("the access token is not active: the authorization server says it"
					+ " has expired, was revoked or is unknown to it");
		}).onErrorMap(OAuth2IntrospectionException.class, (ex) -> {
			// the message names the endpoint and status, never the token
			logger.warn("Could not introspect an access token: {}", ex.getMessage());
			return new UnauthorizedException("the access token could not be verified now: the authorization"
					+ " server's introspection endpoint did not answer");
		}).flatMap((answer) -> {
			Map<String, Object> attributes = answer.getAttributes();
			if (!names(attributes.get("aud"), this.resource)) {
				return Mono.error(new UnauthorizedException("the access token was not issued for this server (its"
						+ " audience is not " + this.resource + ")"));
			}
			Object iss = attributes.get("iss");
			if (iss != null && !this.issuer.equals(iss.toString())) {
				return Mono.error(new UnauthorizedException(
						"the access token was issued by an authorization server this server does not trust"));
			}
			return this.claims.principal(attributes);
		});
	}

	private static boolean names(Object audience, String resource) {
		if (audience instanceof Collection<?> values) {
			return values.stream().anyMatch((value) -> resource.equals(String.valueOf(value)));
		}
		return audience != null && resource.equals(audience.toString());
	}

}
