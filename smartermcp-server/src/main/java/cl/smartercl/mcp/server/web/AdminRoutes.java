package cl.smartercl.mcp.server.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonProperty;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import cl.smartercl.mcp.core.admin.IssuedToken;
import cl.smartercl.mcp.core.admin.Tenant;
import cl.smartercl.mcp.core.admin.TenantList;
import cl.smartercl.mcp.core.admin.TokenInfo;
import cl.smartercl.mcp.core.admin.TokenList;
import cl.smartercl.mcp.core.auth.AgentProfile;
import cl.smartercl.mcp.core.auth.Principal;
import cl.smartercl.mcp.core.auth.Scope;
import cl.smartercl.mcp.core.auth.ScopeSet;
import cl.smartercl.mcp.core.error.ForbiddenException;
import cl.smartercl.mcp.core.error.InvalidArgumentsException;
import cl.smartercl.mcp.core.error.TenantAccessException;
import cl.smartercl.mcp.core.error.ToolException;
import cl.smartercl.mcp.core.schema.ArgumentBinder;
import cl.smartercl.mcp.core.schema.ToolJson;
import cl.smartercl.mcp.server.auth.TenantService;
import cl.smartercl.mcp.server.auth.TokenService;
import cl.smartercl.mcp.server.config.ServerProperties;
import cl.smartercl.mcp.server.store.TenantRecord;
import cl.smartercl.mcp.server.store.TokenRecord;

/**
 * Token and tenant administration, all under {@code admin:tenants}. An administrator acts
 * on its own tenant; the administrators of the operator tenant {@code default} (the
 * bootstrap token among them) may act on any tenant, since someone must create the first
 * token of a new tenant.
 */
@Configuration(proxyBeanMethods = false)
public class AdminRoutes {

	/** The tenant whose administrators operate the whole server. */
	public static final String OPERATOR_TENANT = "default";

	private final TokenService tokens;

	private final TenantService tenants;

	private final long maxBodyBytes;

	public AdminRoutes(TokenService tokens, TenantService tenants, ServerProperties properties) {
		this.tokens = tokens;
		this.tenants = tenants;
		this.maxBodyBytes = properties.maxBodyBytes();
	}

	/** Body of {@code POST /auth/token}: scopes or a profile, not both. */
	record TokenRequest(@JsonProperty(required = true) String name, List<String> scopes, String profile,
			String expiresAt, String tenantId) {
	}

	/** Body of {@code POST /tenants}. */
	record TenantRequest(@JsonProperty(required = true) String id, String name) {
	}

	@Bean
	RouterFunction<ServerResponse> adminRouter() {
		return RouterFunctions.route()
			.POST("/auth/token", this::issue)
			.GET("/auth/tokens", this::listTokens)
			.DELETE("/auth/tokens/{id}", this::revoke)
			.POST("/tenants", this::createTenant)
			.GET("/tenants", this::listTenants)
			.build();
	}

	private Mono<ServerResponse> issue(ServerRequest request) {
		return handle(request, (admin) -> body(request, TokenRequest.class).flatMap((body) -> {
			String tenant = targetTenant(admin, body.tenantId());
			ScopeSet scopes = scopes(body);
			requireHeld(admin, scopes);
			Instant expiresAt = expiresAt(body.expiresAt());
			return this.tokens.issue(tenant, body.name(), scopes, expiresAt);
		})
			.flatMap((issued) -> json(201,
					new IssuedToken(issued.apiToken(), issued.tenantId(), issued.scopes(), issued.expiresAt()))));
	}

	private Mono<ServerResponse> listTokens(ServerRequest request) {
		return handle(request, (admin) -> {
			String tenant = targetTenant(admin, request.queryParam("tenant_id").orElse(null));
			return this.tokens.list(tenant)
				.map(AdminRoutes::describe)
				.collectList()
				.flatMap((list) -> json(200, new TokenList(list)));
		});
	}

	private Mono<ServerResponse> revoke(ServerRequest request) {
		return handle(request, (admin) -> {
			String tenant = targetTenant(admin, request.queryParam("tenant_id").orElse(null));
			return this.tokens.revoke(tenant, request.pathVariable("id")).then(ServerResponse.noContent().build());
		});
	}

	private Mono<ServerResponse> createTenant(ServerRequest request) {
		return handle(request, (admin) -> {
			requireOperator(admin);
			return body(request, TenantRequest.class)
				.flatMap((body) -> this.tenants.create(body.id(), body.name() == null ? body.id() : body.name()))
				.flatMap((tenant) -> json(201, describe(tenant)));
		});
	}

	private Mono<ServerResponse> listTenants(ServerRequest request) {
		return handle(request, (admin) -> {
			var all = OPERATOR_TENANT.equals(admin.tenantId()) ? this.tenants.list()
					: this.tenants.find(admin.tenantId()).flux();
			return all.map(AdminRoutes::describe).collectList().flatMap((list) -> json(200, new TenantList(list)));
		});
	}

	private Mono<ServerResponse> handle(ServerRequest request, Function<Principal, Mono<ServerResponse>> action) {
		String requestId = RequestContext.requestId(request.exchange());
		return Mono.defer(() -> {
			Principal admin = ToolRoutes.principal(request);
			if (!admin.scopes().allows(Scope.ADMIN_TENANTS)) {
				throw new ForbiddenException(Scope.ADMIN_TENANTS, request.method() + " " + request.path());
			}
			return action.apply(admin);
		}).onErrorResume(ToolException.class, (ex) -> Problems.response(ex, requestId));
	}

	private <T> Mono<T> body(ServerRequest request, Class<T> type) {
		return RequestBodies.readText(request, this.maxBodyBytes)
			.map((text) -> ArgumentBinder.bind(ToolRoutes.parseArguments(text), type));
	}

	private static String targetTenant(Principal admin, String requested) {
		if (requested == null || requested.isBlank() || requested.equals(admin.tenantId())) {
			return admin.tenantId();
		}
		if (!OPERATOR_TENANT.equals(admin.tenantId())) {
			throw new TenantAccessException(requested);
		}
		return requested;
	}

	/**
	 * A token may grant only scopes it holds itself (its writes' implied reads count as
	 * held): {@code admin:tenants} lets a token issue tokens, never widen them, so a
	 * token holding only {@code admin:tenants} can issue only {@code admin:tenants}
	 * tokens.
	 */
	private static void requireHeld(Principal admin, ScopeSet requested) {
		for (Scope scope : requested.granted()) {
			if (!admin.scopes().allows(scope)) {
				throw new ForbiddenException(scope,
						"granting it to a token (a token may grant only scopes it holds itself)");
			}
		}
	}

	private static void requireOperator(Principal admin) {
		if (!OPERATOR_TENANT.equals(admin.tenantId())) {
			throw new TenantAccessException(admin.tenantId());
		}
	}

	private static ScopeSet scopes(TokenRequest body) {
		boolean hasScopes = body.scopes() != null && !body.scopes().isEmpty();
		boolean hasProfile = body.profile() != null;
		if (hasScopes == hasProfile) {
			throw new InvalidArgumentsException("scopes",
					"give either scopes or a profile (executor, director, writer)");
		}
		if (hasProfile) {
			return AgentProfile.fromValue(body.profile())
				.orElseThrow(() -> new InvalidArgumentsException("profile",
						"unknown profile '" + body.profile() + "'; valid profiles: executor, director, writer"))
				.scopes();
		}
		return ScopeSet.parse(body.scopes());
	}

	private static Instant expiresAt(String text) {
		if (text == null) {
			return null;
		}
		try {
			return Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			try {
				return java.time.OffsetDateTime.parse(text).toInstant();
			}
			catch (DateTimeParseException again) {
				throw new InvalidArgumentsException("expires_at",
						"expected an RFC 3339 timestamp such as 2027-01-31T00:00:00Z, got '" + text + "'");
			}
		}
	}

	private static TokenInfo describe(TokenRecord token) {
		return new TokenInfo(token.id(), token.tenantId(), token.name(), token.scopes(), token.createdAt(),
				token.expiresAt(), token.revoked());
	}

	private static Tenant describe(TenantRecord tenant) {
		return new Tenant(tenant.id(), tenant.name(), tenant.createdAt());
	}

	private static Mono<ServerResponse> json(int status, Object body) {
		return ServerResponse.status(status)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(ToolJson.mapper().writeValueAsString(body));
	}

}
