package cl.smartercl.mcp.server.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import cl.smartercl.mcp.core.auth.Principal;
import cl.smartercl.mcp.core.auth.Scope;
import cl.smartercl.mcp.core.error.ForbiddenException;
import cl.smartercl.mcp.core.error.ToolException;
import cl.smartercl.mcp.core.error.UnauthorizedException;
import cl.smartercl.mcp.core.schema.ToolJson;
import cl.smartercl.mcp.server.audit.AuditSpoolStatus;
import cl.smartercl.mcp.server.auth.Authenticator;
import cl.smartercl.mcp.server.auth.TokenCacheStatus;
import cl.smartercl.mcp.server.tenant.TenantDirectory;
import cl.smartercl.mcp.server.web.Problems;
import cl.smartercl.mcp.server.web.RequestContext;

/**
 * {@code GET /health}: public, so it holds no tenant data — only the aggregate per
 * service. With {@code ?detail=true} and an {@code admin:tenants} token it adds each
 * tenant's backends with latency, version and what was probed: a token of the
 * {@code default} tenant sees every tenant, any other its own. Answers 503 when
 * unhealthy, so a load balancer can act on the status code alone: without the database a
 * replica whose audit spool takes rows and whose token cache still holds a usable token
 * answers reads, so it says {@code degraded} with 200 and stays in the balancer; without
 * either it says {@code unhealthy} with 503 and a {@code reason}.
 */
public class HealthRoutes {

	static final String DEFAULT_TENANT = "default";

	private final BackendHealth backends;

	private final DatabaseCheck database;

	private final TenantDirectory tenants;

	private final Authenticator authenticator;

	private final String version;

	private final Clock clock;

	private final Instant started;

	private final AuditSpoolStatus spool;

	private final TokenCacheStatus tokens;

	/**
	 * @param spool the local audit spool: while it holds rows, the answer shows the audit
	 * store degraded; without the database, whether it takes rows
	 * @param tokens without the database, whether any caller can still be authenticated
	 */
	public HealthRoutes(BackendHealth backends, DatabaseCheck database, TenantDirectory tenants,
			Authenticator authenticator, String version, Clock clock, AuditSpoolStatus spool, TokenCacheStatus tokens) {
		this.spool = spool;
		this.tokens = tokens;
		this.backends = backends;
		this.database = database;
		this.tenants = tenants;
		this.authenticator = authenticator;
		this.version = version;
		this.clock = clock;
		this.started = clock.instant();
	}

	Mono<ServerResponse> health(ServerRequest request) {
		String requestId = RequestContext.requestId(request.exchange());
		boolean detail = request.queryParam("detail").map(Boolean::parseBoolean).orElse(false);
		Mono<List<String>> detailTenants = detail ? admin(request).map(this::visibleTenants) : Mono.just(List.of());
		return detailTenants.flatMap((visible) -> {
			List<String> all = new ArrayList<>(this.tenants.tenantIds());
			return Mono.zip(this.backends.probe(all), this.database.connected()).map((results) -> {
				Instant now = this.clock.instant();
				boolean database = results.getT2();
				ObjectNode body = HealthReport.build(this.version, Duration.between(this.started, now), results.getT1(),
						database, database ? null : notServing(), detail, visible, now);
				return HealthReport.withAuditSpool(body, this.spool.spooledRows());
			});
		}).flatMap(this::respond).onErrorResume(ToolException.class, (ex) -> Problems.response(ex, requestId));
	}

	/**
	 * Without the database: why this replica can answer no read, {@code null} when it
	 * still can (a read needs its audit row taken by the spool, and its caller's token
	 * checked from the cache).
	 */
	private String notServing() {
		List<String> reasons = new ArrayList<>(2);
		if (!this.spool.accepting()) {
			reasons.add("the audit store cannot be reached and this replica's local audit spool takes no rows"
					+ " (off, held by another process, full or unwritable)");
		}
		String tokens = this.tokens.noCallerWithoutStore();
		if (tokens != null) {
			reasons.add(tokens);
		}
		return reasons.isEmpty() ? null : String.join("; ", reasons);
	}

	private Mono<ServerResponse> respond(ObjectNode body) {
		return ServerResponse.status(HealthReport.isUnhealthy(body) ? 503 : 200)
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.bodyValue(ToolJson.mapper().writeValueAsString(body));
	}

	private Mono<Principal> admin(ServerRequest request) {
		String header = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
			return Mono.error(new UnauthorizedException());
		}
		return this.authenticator.authenticate(header.substring(7).strip()).flatMap((principal) -> {
			if (!principal.scopes().allows(Scope.ADMIN_TENANTS)) {
				return Mono.error(new ForbiddenException(Scope.ADMIN_TENANTS, "the health detail"));
			}
			return Mono.just(principal);
		});
	}

	private List<String> visibleTenants(Principal admin) {
		if (DEFAULT_TENANT.equals(admin.tenantId())) {
			return new ArrayList<>(this.tenants.tenantIds());
		}
		return this.tenants.tenantIds().contains(admin.tenantId()) ? List.of(admin.tenantId()) : List.of();
	}

}
