package cl.smartercl.mcp.connectors.n8n;

import reactor.core.publisher.Mono;

import cl.smartercl.mcp.core.health.BackendProbe;
import cl.smartercl.mcp.core.health.ProbeResult;
import cl.smartercl.mcp.core.tools.services.HealthStatus;

/**
 * n8n is healthy when its public API answers an authenticated call
 * ({@code GET /api/v1/workflows?limit=1}): that proves the process, the API switch and
 * the key at once. The public API does not report n8n's version, so there is none.
 */
final class N8nProbe implements BackendProbe {

	private final N8nApi api;

	N8nProbe(N8nApi api) {
		this.api = api;
	}

	@Override
	public String backend() {
		return N8nApi.SERVICE;
	}

	@Override
	public Mono<ProbeResult> probe() {
		return BackendProbe.timed((elapsed) -> this.api.probe().map((reply) -> {
			String detail = "GET /api/v1/workflows answered HTTP " + reply.status()
					+ ((reply.status() == 401) ? " (API key rejected)" : "");
			return new ProbeResult(reply.ok() ? HealthStatus.HEALTHY : HealthStatus.UNHEALTHY, elapsed.getAsLong(),
					null, detail);
		}));
	}

}
