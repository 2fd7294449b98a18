package cl.smartercl.mcp.connectors.supabase;

import java.time.Duration;

import reactor.core.publisher.Mono;

import cl.smartercl.mcp.core.error.ToolException;
import cl.smartercl.mcp.core.health.BackendProbe;
import cl.smartercl.mcp.core.health.ProbeResult;
import cl.smartercl.mcp.core.tools.services.HealthStatus;

/**
 * Health of the tenant's database: the same read-only path {@code docs_schemas} takes
 * (catalog query, or PostgREST's OpenAPI root), so a healthy probe means the tool can
 * work.
 */
final class SupabaseProbe implements BackendProbe {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final SupabaseConnector connector;

	SupabaseProbe(SupabaseConnector connector) {
		this.connector = connector;
	}

	@Override
	public String backend() {
		return SupabaseConnector.BACKEND;
	}

	@Override
	public Mono<ProbeResult> probe() {
		return BackendProbe.timed((elapsed) -> this.connector.version()
			.timeout(TIMEOUT)
			.map((version) -> new ProbeResult(HealthStatus.HEALTHY, elapsed.getAsLong(), version,
					this.connector.probeTarget() + " answered"))
			.onErrorResume((error) -> Mono.just(new ProbeResult(HealthStatus.UNHEALTHY, elapsed.getAsLong(), null,
					this.connector.probeTarget() + " failed: " + safe(error)))));
	}

	/** Only our own sanitised messages are shown; anything else is named by its type. */
	private static String safe(Throwable error) {
		if (error instanceof ToolException tool) {
			return tool.getMessage();
		}
		if (error instanceof java.util.concurrent.TimeoutException) {
			return "no answer within " + TIMEOUT.toSeconds() + " s";
		}
		return SupabaseCatalog.translate(error).getMessage();
	}

}
