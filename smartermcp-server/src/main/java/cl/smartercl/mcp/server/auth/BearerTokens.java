package cl.smartercl.mcp.server.auth;

import reactor.core.publisher.Mono;

import cl.smartercl.mcp.core.auth.Principal;
import cl.smartercl.mcp.core.error.UnauthorizedException;

/**
 * The server's {@link Authenticator}: a static {@code smcp_} token goes to the token
 * store, a JWT to the {@link JwtAuthenticator} when OAuth is on (or any other token to
 * the {@link IntrospectionAuthenticator} when introspection is configured); all give the
 * same kind of principal, so scopes, limits and audit apply alike. Every refusal says
 * what kind of token was expected (issue 16 item 5: mcp-remote starts an OAuth login on
 * any 401, so a refused static token must say so plainly).
 */
public final class BearerTokens implements Authenticator {

	static final String STATIC_REFUSED = "the static SmarterMCP API token (smcp_...) was refused: it is unknown,"
			+ " expired or revoked; issue a new one (POST /auth/token) or check SMARTERMCP_ADMIN_TOKEN";

	static final String STATIC_ONLY = "a static SmarterMCP API token (Authorization: Bearer smcp_...) was expected;"
			+ " this server does not offer OAuth";

	static final String NEITHER = "neither a static SmarterMCP API token (smcp_...) nor a JWT access token";

	private final Authenticator staticTokens;

	private final Authenticator jwts;

	private final Authenticator introspection;

	/**
	 * @param jwts the OAuth side, {@code null} when OAuth is off
	 */
	public BearerTokens(Authenticator staticTokens, Authenticator jwts) {
		this(staticTokens, jwts, null);
	}

	/**
	 * @param jwts the OAuth side validating JWTs here, {@code null} when OAuth is off
	 * @param introspection the OAuth side asking the authorization server (RFC 7662),
	 * {@code null} unless an introspection endpoint is configured; it then judges every
	 * token that is not a static one, whatever its shape (opaque tokens, and JWTs whose
	 * revocation must count at once)
	 */
	public BearerTokens(Authenticator staticTokens, Authenticator jwts, Authenticator introspection) {
		this.staticTokens = staticTokens;
		this.jwts = jwts;
		this.introspection = introspection;
	}

	@Override
	public Mono<Principal> authenticate(String bearerToken) {
		if (bearerToken.startsWith(ApiTokens.PREFIX)) {
			return this.staticTokens.authenticate(bearerToken)
				.onErrorMap(UnauthorizedException.class,
						(ex) -> (ex.reason() == null) ? new UnauthorizedException(STATIC_REFUSED) : ex);
		}
		if (this.introspection != null) {
			return this.introspection.authenticate(bearerToken);
		}
		if (this.jwts == null) {
			return Mono.error(new UnauthorizedException(STATIC_ONLY));
		}
		if (!JwtAuthenticator.looksLikeJwt(bearerToken)) {
			return Mono.error(new UnauthorizedException("the bearer token is " + NEITHER));
		}
		return this.jwts.authenticate(bearerToken);
	}

	/** The reason of a 401 for a request without a bearer token. */
	public String missingTokenReason() {
		return (this.jwts == null) ? STATIC_ONLY : "a bearer token is required: a static SmarterMCP API token"
				+ " (smcp_...) or an OAuth access token from the authorization server of the resource metadata";
	}

}
