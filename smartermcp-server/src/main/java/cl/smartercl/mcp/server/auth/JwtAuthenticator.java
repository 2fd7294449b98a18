package cl.smartercl.mcp.server.auth;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import cl.smartercl.mcp.core.auth.Principal;
import cl.smartercl.mcp.core.auth.Scope;
import cl.smartercl.mcp.core.auth.ScopeSet;
import cl.smartercl.mcp.core.error.UnauthorizedException;
import cl.smartercl.mcp.server.store.TenantIds;
import cl.smartercl.mcp.server.store.TenantStore;

/**
 * Turns a JWT access token of the configured authorization server into the caller. Spring
 * Security's Nimbus decoder checks the signature against the issuer's JWKS (found through
 * its discovery document, refetched when a token names a key it has not seen: key
 * rotation); the validators here check expiry, the issuer and that the audience is this
 * server's resource URI (no tokens minted for other services, MCP authorization › Token
 * Audience Binding). Claims become the principal: {@code scope} → our scopes (unknown
 * names ignored, each logged once), the tenant claim → the tenant (missing or unknown:
 * refused), {@code preferred_username}/{@code sub} and {@code azp} → the agent name of
 * audit and metrics.
 */
public final class JwtAuthenticator {

	private static final Logger logger = LoggerFactory.getLogger(JwtAuthenticator.class);

	/** A JWS in compact form: three base64url parts (RFC 7515 §7.1). */
	private static final Pattern JWS = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

	/** Width of the audit trail's token id and name columns. */
	private static final int ID_WIDTH = 36;

	private static final int NAME_WIDTH = 64;

	private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_.-]{1," + ID_WIDTH + "}");

	private final ReactiveJwtDecoder decoder;

	private final String issuer;

	private final String tenantClaim;

	private final TenantStore tenants;

	private final Set<String> unknownScopesSeen = ConcurrentHashMap.newKeySet();

	public JwtAuthenticator(ReactiveJwtDecoder decoder, OAuthProperties properties, TenantStore tenants) {
		this.decoder = decoder;
		this.issuer = properties.issuerText();
		this.tenantClaim = properties.tenantClaim();
		this.tenants = tenants;
	}

	/**
	 * The decoder for {@code properties}' issuer: keys from the issuer's discovery
	 * document (fetched on first use, so the server starts while the authorization server
	 * is down), and the validators.
	 */
	public static ReactiveJwtDecoder decoder(OAuthProperties properties, Clock clock) {
		NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withIssuerLocation(properties.issuerText()).build();
		decoder.setJwtValidator(validator(properties, clock));
		return decoder;
	}

	static OAuth2TokenValidator<Jwt> validator(OAuthProperties properties, Clock clock) {
		JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ofSeconds(30));
		timestamps.setClock(clock);
		return new DelegatingOAuth2TokenValidator<>(
				List.of(explained(timestamps, "the access token has expired or is not yet valid"),
						explained(new JwtIssuerValidator(properties.issuerText()),
								"the access token was issued by an authorization server this server does not trust"),
						explained(new JwtAudienceValidator(properties.resourceText()),
								"the access token was not issued for this server (its audience is not "
										+ properties.resourceText() + ")")));
	}

	/**
	 * Whether {@code token} has the shape of a signed JWT (to tell it from a static token
	 * or garbage).
	 */
	public static boolean looksLikeJwt(String token) {
		return JWS.matcher(token).matches();
	}

	/**
	 * The caller a JWT stands for, or {@code UnauthorizedException} with the reason of
	 * the refusal.
	 */
	public Mono<Principal> authenticate(String bearerToken) {
		return this.decoder.decode(bearerToken)
			.onErrorMap(JwtException.class, JwtAuthenticator::refusal)
			.flatMap((jwt) -> principal(jwt.getClaims()));
	}

	/**
	 * The caller the verified claims of an access token stand for (a JWT's, or an
	 * introspection answer's): tenant, scopes, audit identity;
	 * {@code UnauthorizedException} when the tenant is missing or unknown.
	 */
	Mono<Principal> principal(Map<String, Object> claims) {
		String tenant = tenant(claims);
		String subject = text(claims, "sub");
		if (tenant == null) {
			logger.debug("Refused a token of '{}' without a usable '{}' claim", subject, this.tenantClaim);
			return Mono.error(new UnauthorizedException("the access token names no tenant (claim '" + this.tenantClaim
					+ "'); ask the operator to map one"));
		}
		return this.tenants.find(tenant).switchIfEmpty(Mono.defer(() -> {
			logger.debug("Refused a token of '{}' for unknown tenant '{}'", subject, tenant);
			return Mono.error(new UnauthorizedException("the access token's tenant is not known to this server"));
		})).map((record) -> new Principal(record.id(), tokenId(claims), agentName(claims), scopes(claims)));
	}

	private static String text(Map<String, Object> claims, String name) {
		Object value = claims.get(name);
		return (value == null) ? null : value.toString();
	}

	/**
	 * The tenant claim: one string (Keycloak may render a single-valued attribute as a
	 * list of one).
	 */
	private String tenant(Map<String, Object> claims) {
		Object value = claims.get(this.tenantClaim);
		if (value instanceof Collection<?> values && values.size() == 1) {
			value = values.iterator().next();
		}
		return (value instanceof String text && TenantIds.isValid(text)) ? text : null;
	}

	private ScopeSet scopes(Map<String, Object> claims) {
		List<Scope> scopes = new ArrayList<>();
		for (String name : scopeNames(claims)) {
			Scope.fromValue(name).ifPresentOrElse(scopes::add, () -> {
				// bounded: an issuer has a handful of scopes, a flood of made-up names is
				// not worth remembering
				if (this.unknownScopesSeen.size() < 1000 && this.unknownScopesSeen.add(name)) {
					logger.info("OAuth scope '{}' is not a SmarterMCP scope; ignored (logged once)", name);
				}
			});
		}
		return ScopeSet.of(scopes);
	}

	private static List<String> scopeNames(Map<String, Object> claims) {
		Object scope = claims.get("scope");
		if (scope instanceof String text) {
			return List.of(text.trim().split("\\s+"));
		}
		Object scp = (scope != null) ? scope : claims.get("scp");
		if (scp instanceof Collection<?> values) {
			return values.stream().map(String::valueOf).toList();
		}
		return List.of();
	}

	/**
	 * Stable per user and authorization server, so limits, sessions and the audit trail
	 * follow the person across token refreshes: the {@code sub} itself when it fits the
	 * audit column (Keycloak's are UUIDs), else a name-based UUID of it.
	 */
	private String tokenId(Map<String, Object> claims) {
		String subject = text(claims, "sub");
		if (subject != null && SAFE_ID.matcher(subject).matches()) {
			return subject;
		}
		String key = this.issuer + '\n' + ((subject != null) ? subject : text(claims, "azp"));
		return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
	}

	/**
	 * Who acted, through which client: {@code alice via claude-ai}; cut to the audit
	 * column's width.
	 */
	static String agentName(Jwt jwt) {
		return agentName(jwt.getClaims());
	}

	private static String agentName(Map<String, Object> claims) {
		String user = text(claims, "preferred_username");
		if (user == null || user.isBlank()) {
			user = text(claims, "sub");
		}
		String client = text(claims, "azp");
		if (client == null) {
			client = text(claims, "client_id"); // RFC 7662's name for it
		}
		String name = (user == null || user.isBlank()) ? ((client != null) ? client : "oauth")
				: (client != null && !client.isBlank() && !client.equals(user)) ? user + " via " + client : user;
		return (name.length() > NAME_WIDTH) ? name.substring(0, NAME_WIDTH) : name;
	}

	private static Throwable refusal(JwtException ex) {
		if (ex instanceof JwtValidationException invalid) {
			String reason = invalid.getErrors()
				.stream()
				.map(OAuth2Error::getDescription)
				.filter((d) -> d != null && !d.isBlank())
				.findFirst()
				.orElse("the access token is not valid");
			logger.debug("Refused a JWT: {}", reason);
			return new UnauthorizedException(reason);
		}
		if (ex instanceof BadJwtException) {
			logger.debug("Refused a malformed or badly signed JWT");
			return new UnauthorizedException(
					"the access token is malformed or its signature does not verify against the issuer's keys");
		}
		// the keys could not be fetched: the authorization server is down or
		// misconfigured
		logger.warn("Could not verify a JWT: {}: {}", ex.getClass().getSimpleName(), ex.getMessage());
		return new UnauthorizedException("the access token could not be verified now: the authorization server's"
				+ " keys could not be fetched");
	}

	/**
	 * A validator whose failure says {@code reason} (fixed text) instead of the library's
	 * wording.
	 */
	private static OAuth2TokenValidator<Jwt> explained(OAuth2TokenValidator<Jwt> validator, String reason) {
		return (jwt) -> validator.validate(jwt).hasErrors()
				? OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", reason, null))
				: OAuth2TokenValidatorResult.success();
	}

}
