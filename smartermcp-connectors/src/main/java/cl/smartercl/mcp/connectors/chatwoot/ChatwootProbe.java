package cl.smartercl.mcp.connectors.chatwoot;

import reactor.core.publisher.Mono;

import cl.smartercl.mcp.core.health.BackendProbe;
import cl.smartercl.mcp.core.health.ProbeResult;
import cl.smartercl.mcp.core.tools.services.HealthStatus;

/**
 * Chatwoot is healthy when the tenant's account answers an authenticated call ({@code GET
 * /api/v1/accounts/{account}/inboxes}): that proves the process, the token and the
 * account at once. Chatwoot's API does not report its version, so there is none.
 */
final class ChatwootProbe implements BackendProbe {

	private final ChatwootApi api;

	ChatwootProbe(ChatwootApi api) {
		this.api = api;
	}

	@Override
	public String backend() {
		return ChatwootApi.SERVICE;
	}

	@Override
	public Mono<ProbeResult> probe() {
		return BackendProbe.timed((elapsed) -> this.api.probe().map((reply) -> {
			String detail = "GET /api/v1/accounts/" + this.api.accountId() + "/inboxes answered HTTP " + reply.status()
					+ ((reply.status() == 401) ? " (token rejected, or its user is not in the account)" : "");
			return new ProbeResult(reply.ok() ? HealthStatus.HEALTHY : HealthStatus.UNHEALTHY, elapsed.getAsLong(),
					null, detail);
		}));
	}

}
