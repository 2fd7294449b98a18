package cl.smartercl.mcp.server.auth;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import cl.smartercl.mcp.core.auth.Principal;
import cl.smartercl.mcp.core.error.InvalidArgumentsException;
import cl.smartercl.mcp.core.error.TenantAccessException;
import cl.smartercl.mcp.core.error.ToolException;
import cl.smartercl.mcp.core.error.UnauthorizedException;
import cl.smartercl.mcp.server.config.ServerProperties;
import cl.smartercl.mcp.server.web.BearerChallenge;
import cl.smartercl.mcp.server.web.Problems;
import cl.smartercl.mcp.server.web.RequestContext;

/**
 * Authenticates every request but {@code /health}, the OAuth protected resource metadata
 * (and {@code /metrics} when made public): the {@code Authorization: Bearer} header (a
 * static {@code smcp_…} token, or with OAuth on a JWT access token, see
 * {@link BearerTokens}) is verified on each request — MCP sessions are never a substitute
 * (MCP security best practices, "Session Hijacking"). A client may name its tenant in
 * {@code X-Tenant-ID}; a tenant that is not the token's is refused with the documented
 * wording.
 */
public class BearerAuthenticationFilter implements WebFilter, Ordered {

	public static final String TENANT_HEADER = "X-Tenant-ID";

	/** Runs after request-id assignment and before routing. */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

	private final BearerTokens authenticator;

	private final boolean publicMetrics;

	/** Where the protected resource metadata is, {@code null} with OAuth off. */
	private final String metadataUrl;

	private final String initialScope;

	public BearerAuthenticationFilter(BearerTokens authenticator, ServerProperties properties, OAuthProperties oauth) {
		this.authenticator = authenticator;
		this.publicMetrics = properties.publicMetrics();
		this.metadataUrl = oauth.enabled() ? oauth.metadataUrl() : null;
		this.initialScope = oauth.enabled() ? oauth.initialScope() : null;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String token = bearerToken(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
		if (this.metadataUrl != null) {
			// every 401 and scope 403, whoever writes it, points OAuth clients at the
			// metadata (RFC 9728 §5.1)
			boolean oauthToken = token != null && !token.startsWith(ApiTokens.PREFIX);
			BearerChallenge.addOAuthParametersOnCommit(exchange.getResponse(), this.metadataUrl, this.initialScope,
					oauthToken ? () -> RequestContext.principal(exchange)
						.map((principal) -> principal.scopes().grantedValues())
						.orElse(null) : null);
		}
		String path = exchange.getRequest().getPath().pathWithinApplication().value();
		if (isPublic(path)) {
			return chain.filter(exchange);
		}
		String requestId = RequestContext.requestId(exchange);
		if (exchange.getRequest().getQueryParams().containsKey("access_token")) {
			// MCP authorization: tokens only in the Authorization header, never in a URL
			// (they end up in logs)
			return Problems.write(exchange.getResponse(), new InvalidArgumentsException("access_token",
					"tokens are accepted only in the Authorization header"), requestId);
		}
		if (token == null) {
			return Problems.write(exchange.getResponse(),
					UnauthorizedException.missing(this.authenticator.missingTokenReason()), requestId);
		}
		return this.authenticator.authenticate(token).flatMap((principal) -> {
			String tenant = exchange.getRequest().getHeaders().getFirst(TENANT_HEADER);
			if (tenant != null && !tenant.isBlank() && !tenant.equals(principal.tenantId())) {
				return Mono.<Principal>error(new TenantAccessException(tenant));
			}
			return Mono.just(principal);
		})
			.onErrorResume(ToolException.class,
					(ex) -> Problems.write(exchange.getResponse(), ex, requestId).then(Mono.empty()))
			.flatMap((principal) -> {
				RequestContext.setPrincipal(exchange, principal);
				return chain.filter(exchange);
			});
	}

	private boolean isPublic(String path) {
		// the metadata path is public with OAuth off too: it then answers 404, which
		// tells a client there is
		// no OAuth here, where a 401 would send it looking further
		return path.equals("/health") || (this.publicMetrics && path.equals("/metrics"))
				|| path.equals(ProtectedResourceMetadata.PATH) || path.startsWith(ProtectedResourceMetadata.PATH + "/");
	}

	private static String bearerToken(String header) {
		if (header == null) {
			return null;
		}
		String value = header.strip();
		if (value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return null;
		}
		String token = value.substring(7).strip();
		return token.isEmpty() ? null : token;
	}

}
