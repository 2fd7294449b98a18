package cl.smartercl.mcp.connectors.metabase;

import reactor.core.publisher.Mono;

import cl.smartercl.mcp.core.health.BackendProbe;
import cl.smartercl.mcp.core.health.ProbeResult;
import cl.smartercl.mcp.core.tools.services.HealthStatus;

/**
 * Metabase is healthy when {@code GET /api/user/current} answers 200 with the tenant's
 * key: that proves the process, its application database and the key at once
 * ({@code /api/health} would prove only the first two).
 */
final class MetabaseProbe implements BackendProbe {

	private final MetabaseApi api;

	MetabaseProbe(MetabaseApi api) {
		this.api = api;
	}

	@Override
	public String backend() {
		return MetabaseApi.SERVICE;
	}

	@Override
	public Mono<ProbeResult> probe() {
		return BackendProbe.timed((elapsed) -> this.api.currentUser().map((reply) -> {
			boolean ok = reply.status() == 200 && reply.json() != null;
			String detail = "GET /api/user/current answered " + reply.reason(this.api.secret())
					+ ((reply.status() == 401) ? " (API key rejected)" : "")
					+ ((reply.status() == 200 && reply.json() == null) ? " (not JSON)" : "");
			return new ProbeResult(ok ? HealthStatus.HEALTHY : HealthStatus.UNHEALTHY, elapsed.getAsLong(), null,
					detail);
		}));
	}

}
