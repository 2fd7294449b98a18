package cl.smartercl.mcp.connectors.docker;

import reactor.core.publisher.Mono;

import cl.smartercl.mcp.core.error.ToolException;
import cl.smartercl.mcp.core.health.BackendProbe;
import cl.smartercl.mcp.core.health.ProbeResult;
import cl.smartercl.mcp.core.tools.services.HealthStatus;

/**
 * The Docker engine's live check: {@code /_ping}, then {@code /version} for what it runs.
 */
public final class DockerProbe implements BackendProbe {

	private final DockerApi api;

	DockerProbe(DockerApi api) {
		this.api = api;
	}

	@Override
	public String backend() {
		return DockerApi.SERVICE;
	}

	@Override
	public Mono<ProbeResult> probe() {
		return BackendProbe.timed((elapsed) -> this.api.ping().flatMap((pong) -> this.api.version().map((v) -> {
			String version = v.version();
			String apiVersion = (v.apiVersion() != null) ? v.apiVersion() : "?";
			return new ProbeResult("OK".equals(pong) ? HealthStatus.HEALTHY : HealthStatus.UNHEALTHY,
					elapsed.getAsLong(), version, "GET /_ping answered " + DockerMapper.sanitize(pong) + "; engine "
							+ version + ", API " + apiVersion);
		}))
			// the engine's worded failures are taken by timed; anything else is named
			// plainly
			.onErrorResume((ex) -> !(ex instanceof ToolException),
					(ex) -> Mono.just(new ProbeResult(HealthStatus.UNHEALTHY, elapsed.getAsLong(), null,
							"the Docker engine cannot be reached"))));
	}

}
