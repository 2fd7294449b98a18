package cl.smartercl.mcp.server.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import cl.smartercl.mcp.core.auth.Principal;
import cl.smartercl.mcp.core.auth.Scope;
import cl.smartercl.mcp.core.error.ForbiddenException;
import cl.smartercl.mcp.core.error.InvalidArgumentsException;
import cl.smartercl.mcp.core.error.TenantAccessException;
import cl.smartercl.mcp.core.error.ToolException;
import cl.smartercl.mcp.core.error.UnauthorizedException;
import cl.smartercl.mcp.core.schema.ToolJson;
import cl.smartercl.mcp.server.web.Problems;
import cl.smartercl.mcp.server.web.RequestContext;

/**
 * {@code GET /audit}: the caller's tenant's trail, newest first, for
 * {@code admin:tenants} tokens. A {@code default}-tenant admin may read any tenant's with
 * {@code tenant_id}. Filters: {@code tool}, {@code outcome}, {@code token} (a token id),
 * {@code since} and {@code until} (ISO-8601 instants, since inclusive); {@code limit}
 * (1–500, default 100); {@code cursor} from the previous page's {@code next_cursor},
 * which is {@code null} on the last page.
 */
public class AuditRoutes {

	static final String DEFAULT_TENANT = "default";

	static final int DEFAULT_LIMIT = 100;

	static final int MAX_LIMIT = 500;

	private static final List<String> PARAMETERS = List.of("tenant_id", "tool", "outcome", "token", "since", "until",
			"limit", "cursor");

	private final AuditStore store;

	public AuditRoutes(AuditStore store) {
		this.store = store;
	}

	Mono<ServerResponse> list(ServerRequest request) {
		String requestId = RequestContext.requestId(request.exchange());
		return Mono.fromCallable(() -> query(request))
			.flatMap((query) -> this.store.find(query).collectList().map((records) -> page(records, query.limit())))
			.flatMap((body) -> ServerResponse.ok()
				.contentType(MediaType.APPLICATION_JSON)
				.header(RequestContext.REQUEST_ID_HEADER, requestId)
				.bodyValue(ToolJson.mapper().writeValueAsString(body)))
			.onErrorResume(ToolException.class, (ex) -> Problems.response(ex, requestId));
	}

	private static AuditQuery query(ServerRequest request) {
		Principal principal = RequestContext.principal(request.exchange()).orElseThrow(UnauthorizedException::new);
		if (!principal.scopes().allows(Scope.ADMIN_TENANTS)) {
			throw new ForbiddenException(Scope.ADMIN_TENANTS, "the audit trail");
		}
		for (String name : request.queryParams().keySet()) {
			if (!PARAMETERS.contains(name)) {
				throw new InvalidArgumentsException(name, "unknown parameter; expected one of " + PARAMETERS);
			}
		}
		String tenant = text(request, "tenant_id").orElse(principal.tenantId());
		if (!tenant.equals(principal.tenantId()) && !DEFAULT_TENANT.equals(principal.tenantId())) {
			throw new TenantAccessException(tenant);
		}
		int limit = text(request, "limit").map(AuditRoutes::limit).orElse(DEFAULT_LIMIT);
		return new AuditQuery(tenant, text(request, "tool").orElse(null), text(request, "outcome").orElse(null),
				text(request, "token").orElse(null),
				text(request, "since").map((v) -> instant("since", v)).orElse(null),
				text(request, "until").map((v) -> instant("until", v)).orElse(null),
				text(request, "cursor").map(AuditRoutes::cursor).orElse(null), limit);
	}

	private static ObjectNode page(List<AuditRecord> records, int limit) {
		ObjectNode body = ToolJson.mapper().createObjectNode();
		ArrayNode items = body.putArray("records");
		records.forEach((record) -> items.add(json(record)));
		body.put("count", records.size());
		// a full page may have more after it; the next page says so by being empty
		body.put("next_cursor", (records.size() == limit) ? encodeCursor(records.get(records.size() - 1).id()) : null);
		return body;
	}

	private static ObjectNode json(AuditRecord record) {
		ObjectNode node = ToolJson.mapper().createObjectNode();
		node.put("id", record.id());
		node.put("time", record.startedAt().toString());
		node.put("completed_at", (record.completedAt() != null) ? record.completedAt().toString() : null);
		node.put("tenant_id", record.tenantId());
		node.put("token_id", record.tokenId());
		node.put("token_name", record.tokenName());
		node.put("tool", record.tool());
		node.put("write", record.write());
		node.set("arguments", ToolJson.mapper().readTree(record.arguments()));
		node.put("outcome", record.outcome());
		node.put("duration_ms", record.durationMs());
		node.put("request_id", record.requestId());
		node.put("transport", record.transport());
		node.put("confirmation", record.confirmation());
		node.put("replica", record.replica());
		return node;
	}

	private static Optional<String> text(ServerRequest request, String name) {
		return request.queryParam(name).map(String::strip).filter((v) -> !v.isEmpty());
	}

	private static int limit(String value) {
		try {
			int limit = Integer.parseInt(value);
			if (limit >= 1 && limit <= MAX_LIMIT) {
				return limit;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new InvalidArgumentsException("limit", "expected a whole number from 1 to " + MAX_LIMIT);
	}

	private static Instant instant(String name, String value) {
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidArgumentsException(name, "expected an ISO-8601 instant such as 2026-01-31T12:00:00Z");
		}
	}

	static String encodeCursor(long id) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(("a:" + id).getBytes(StandardCharsets.UTF_8));
	}

	private static long cursor(String value) {
		try {
			String decoded = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
			if (decoded.startsWith("a:")) {
				return Long.parseLong(decoded.substring(2));
			}
		}
		catch (IllegalArgumentException ex) {
			// reported below (NumberFormatException is an IllegalArgumentException)
		}
		throw new InvalidArgumentsException("cursor", "not a cursor of this trail; pass next_cursor as it was given");
	}

}
