package cl.smartercl.mcp.connectors.botpress;

import reactor.core.publisher.Mono;

import cl.smartercl.mcp.core.health.BackendProbe;
import cl.smartercl.mcp.core.health.ProbeResult;

/**
 * Botpress is healthy when an authenticated call lists the workspace's bots: on v12 that
 * takes a login, so it proves the process, the credentials and the workspace at once.
 * Neither API reports a version.
 */
final class BotpressProbe implements BackendProbe {

	private final BotpressFlavourApi api;

	BotpressProbe(BotpressFlavourApi api) {
		this.api = api;
	}

	@Override
	public String backend() {
		return BotpressHttp.SERVICE;
	}

	@Override
	public Mono<ProbeResult> probe() {
		return Mono.defer(this.api::probe);
	}

}
