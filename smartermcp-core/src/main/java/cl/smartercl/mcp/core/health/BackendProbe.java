package cl.smartercl.mcp.core.health;

import java.util.function.Function;
import java.util.function.LongSupplier;

import reactor.core.publisher.Mono;

import cl.smartercl.mcp.core.error.ToolException;
import cl.smartercl.mcp.core.tools.services.HealthStatus;

/**
 * A live, authenticated check of one backend of one tenant, as used by {@code /health},
 * {@code services_health} and {@code docs_services}. A probe never fails: a down backend
 * is a result.
 */
public interface BackendProbe {

	/**
	 * The backend's name: n8n, docker, supabase, odoo, chatwoot, botpress, metabase,
	 * prometheus.
	 */
	String backend();

	Mono<ProbeResult> probe();

	/**
	 * Runs a probe's check, timed from subscription: the check gets the milliseconds
	 * elapsed so far to put in its result, and a {@link ToolException} (a connector's
	 * worded failure: refused, timed out, rejected) becomes an unhealthy result with its
	 * message. Other errors pass through; a check may map them itself.
	 */
	static Mono<ProbeResult> timed(Function<LongSupplier, Mono<ProbeResult>> check) {
		return Mono.defer(() -> {
			long start = System.nanoTime();
			LongSupplier elapsedMillis = () -> (System.nanoTime() - start) / 1_000_000;
			return check.apply(elapsedMillis)
				.onErrorResume(ToolException.class, (ex) -> Mono
					.just(new ProbeResult(HealthStatus.UNHEALTHY, elapsedMillis.getAsLong(), null, ex.getMessage())));
		});
	}

}
