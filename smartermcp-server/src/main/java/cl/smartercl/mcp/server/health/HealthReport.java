package cl.smartercl.mcp.server.health;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.node.ObjectNode;

import cl.smartercl.mcp.core.health.ProbeResult;
import cl.smartercl.mcp.core.schema.ToolJson;
import cl.smartercl.mcp.core.tools.services.HealthStatus;

/**
 * The documented {@code /health} shape:
 * {@code {status, version, uptime, services: {n8n, supabase, odoo, chatwoot, botpress,
 * metabase}, database, timestamp}}, with an optional per-tenant detail for admins.
 * <p>
 * A service is {@code not_configured} when no tenant configures it, {@code unhealthy}
 * when any tenant's instance fails its probe, else {@code healthy} — an aggregate that
 * names no tenant. The status is {@code unhealthy} when every configured service is down,
 * {@code degraded} when some are, else {@code healthy}. Without the database it is
 * {@code degraded} while this replica still answers reads — its local audit spool takes
 * their rows (on, owned here, not full) and some token authenticates from the cache
 * within {@code smartermcp.token-cache-stale-if-error} — so a load balancer keeps sending
 * reads to it (writes are refused with the audit wording); otherwise it is
 * {@code unhealthy}, with a {@code reason} saying which of the two is missing.
 */
final class HealthReport {

	/**
	 * The services of the documented shape, in its order. Docker and Prometheus show in
	 * the detail only.
	 */
	static final List<String> SERVICES = List.of("n8n", "supabase", "odoo", "chatwoot", "botpress", "metabase");

	static final String HEALTHY = "healthy";

	static final String DEGRADED = "degraded";

	static final String UNHEALTHY = "unhealthy";

	static final String NOT_CONFIGURED = "not_configured";

	private HealthReport() {
	}

	/**
	 * @param notServing without the database, why this replica answers nothing (no spool
	 * takes the rows of reads, no token can be checked), or {@code null} when it still
	 * answers reads: then a missing database makes the status {@code degraded}, not
	 * {@code unhealthy}
	 */
	static ObjectNode build(String version, Duration uptime, Map<String, Map<String, ProbeResult>> probes,
			boolean database, String notServing, boolean detail, List<String> detailTenants, Instant now) {
		ObjectNode services = ToolJson.mapper().createObjectNode();
		int configured = 0;
		int down = 0;
		for (String service : SERVICES) {
			List<ProbeResult> results = probes.values()
				.stream()
				.map((m) -> m.get(service))
				.filter((r) -> r != null)
				.toList();
			String state = results.isEmpty() ? NOT_CONFIGURED
					: results.stream().allMatch((r) -> r.status() == HealthStatus.HEALTHY) ? HEALTHY : UNHEALTHY;
			configured += results.isEmpty() ? 0 : 1;
			down += state.equals(UNHEALTHY) ? 1 : 0;
			services.put(service, state);
		}
		String servicesStatus = (configured > 0 && down == configured) ? UNHEALTHY : (down > 0) ? DEGRADED : HEALTHY;
		String status = database ? servicesStatus
				: (notServing == null && !UNHEALTHY.equals(servicesStatus)) ? DEGRADED : UNHEALTHY;
		ObjectNode body = ToolJson.mapper().createObjectNode();
		body.put("status", status);
		body.put("version", version);
		body.put("uptime", uptime.toSeconds());
		body.set("services", services);
		body.put("database", database ? "connected" : "disconnected");
		if (!database && notServing != null) {
			body.put("reason", notServing);
		}
		body.put("timestamp", now.truncatedTo(ChronoUnit.MILLIS).toString());
		if (detail) {
			ObjectNode tenants = body.putObject("tenants");
			for (String tenantId : detailTenants) {
				ObjectNode backends = tenants.putObject(tenantId);
				probes.getOrDefault(tenantId, Map.of()).forEach((backend, result) -> {
					ObjectNode node = backends.putObject(backend);
					node.put("status", result.status().name().toLowerCase(Locale.ROOT));
					node.put("latency_ms", result.latencyMs());
					node.put("version", result.version());
					node.put("detail", result.detail());
				});
			}
		}
		return body;
	}

	/**
	 * While the local audit spool holds rows (the audit store failed; they wait for their
	 * replay) the answer says so: {@code "audit":{"status":"degraded","spooled_rows":N}},
	 * and a status that was {@code healthy} becomes {@code degraded}. Without spooled
	 * rows the answer is the documented shape, unchanged.
	 */
	static ObjectNode withAuditSpool(ObjectNode body, long spooledRows) {
		if (spooledRows <= 0) {
			return body;
		}
		ObjectNode audit = ToolJson.mapper().createObjectNode();
		audit.put("status", DEGRADED);
		audit.put("spooled_rows", spooledRows);
		body.set("audit", audit);
		if (HEALTHY.equals(body.get("status").asString())) {
			body.put("status", DEGRADED);
		}
		return body;
	}

	static boolean isUnhealthy(ObjectNode body) {
		return UNHEALTHY.equals(body.get("status").asString());
	}

}
