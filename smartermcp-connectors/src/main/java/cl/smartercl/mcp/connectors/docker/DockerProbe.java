package cl.smartercl.mcp.connectors.docker;

import java.time.Duration;

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
		return Mono.defer(() -> {
			long started = System.nanoTime();
			return this.api.ping().flatMap((pong) -> this.api.version().map((v) -> {
				String version = v.version();
				String apiVersion = (v.apiVersion() != null) ? v.apiVersion() : "?";
				return new ProbeResult("OK".equals(pong) ? HealthStatus.HEALTHY : HealthStatus.UNHEALTHY,
						millis(started), version, "GET /_ping answered " + DockerMapper.sanitize(pong) + "; engine "
								+ version + ", API " + apiVersion);
			}))
				.onErrorResume((ex) -> Mono.just(new ProbeResult(HealthStatus.UNHEALTHY, millis(started), null,
						(ex instanceof ToolException) ? ex.getMessage() : "the Docker engine cannot be reached")));
		});
	}

	private static long millis(long started) {
		return Duration.ofNanos(System.nanoTime() - started).toMillis();
	}

}
