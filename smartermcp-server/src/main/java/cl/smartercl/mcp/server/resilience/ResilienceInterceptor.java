package cl.smartercl.mcp.server.resilience;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.core.Ordered;

import cl.smartercl.mcp.core.error.BackendException;
import cl.smartercl.mcp.core.error.ServiceUnavailableException;
import cl.smartercl.mcp.core.error.ToolException;
import cl.smartercl.mcp.core.tool.ToolDefinition;
import cl.smartercl.mcp.server.dispatch.InterceptorOrder;
import cl.smartercl.mcp.server.dispatch.ToolCall;
import cl.smartercl.mcp.server.dispatch.ToolCallInterceptor;

/**
 * Wraps each backend call, innermost, in the resilience of its (tenant, backend) pair: a
 * time limit per attempt, a bulkhead, a circuit breaker, and — for read tools only —
 * retries with exponential backoff. A write is never retried: the backend may have acted
 * on the first attempt. An open circuit or a full bulkhead answers at once with the
 * documented 503 wording, without touching the backend.
 * <p>
 * A retry subscribes again to the rest of the chain, which is argument binding and the
 * handler only (this interceptor is the innermost), so each attempt is a fresh backend
 * call. The circuit breaker wraps the retries: a call counts once however many attempts
 * it made, so the circuit opens only past {@code minimum-calls} calls with the configured
 * failure rate.
 * <p>
 * This is the ONE resilience layer: connectors have no retry or breaker of their own
 * (issue 15 #6). A connector written for it only maps its failures to the error family —
 * a time-out to {@link ServiceUnavailableException} "no answer within N s", a refused
 * connection or 502/503/504 to {@link ServiceUnavailableException}, anything else the
 * backend said to {@link BackendException} — and any failure it leaves unmapped is
 * reported here as a {@link BackendException} naming the backend, never as an internal
 * error. The instances are named {@code <tenant>/<backend>} and registered, so
 * {@code /metrics} shows them ({@code resilience4j_circuitbreaker_*},
 * {@code resilience4j_retry_*}).
 * <p>
 * Two kinds of tool pass through unguarded: a closed-world tool (it reaches no backend)
 * and a read declared to guard its own calls ({@code ToolDefinition.guardsOwnCalls()}:
 * its outside calls have their own time limit and their failure is part of its answer).
 * Neither can fail on a backend, so they cost no breaker, bulkhead, retry or time-limit
 * operators per call.
 */
public class ResilienceInterceptor implements ToolCallInterceptor, Ordered {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ResilienceInterceptor.class);

	private final ResilienceProperties properties;

	private final CircuitBreakerRegistry circuitBreakers;

	private final BulkheadRegistry bulkheads;

	private final RetryRegistry retries;

	private final Duration overall;

	/**
	 * @param overall the longest a call may take with all its attempts
	 * ({@code smartermcp.tool-timeout})
	 */
	public ResilienceInterceptor(ResilienceProperties properties, CircuitBreakerRegistry circuitBreakers,
			BulkheadRegistry bulkheads, RetryRegistry retries, Duration overall) {
		this.properties = properties;
		this.overall = overall;
		this.circuitBreakers = circuitBreakers;
		this.bulkheads = bulkheads;
		this.retries = retries;
	}

	/** The name of the resilience instances of a tenant's backend. */
	public static String instanceName(String tenantId, String backend) {
		return tenantId + "/" + backend;
	}

	@Override
	public int getOrder() {
		return InterceptorOrder.RESILIENCE;
	}

	/**
	 * A closed-world tool, or a read that guards its own calls, is left out of this
	 * interceptor (see the class comment).
	 */
	@Override
	public boolean appliesTo(ToolDefinition<?, ?> tool) {
		return tool.hints().openWorld() && !tool.guardsOwnCalls();
	}

	@Override
	public Mono<JsonNode> intercept(ToolCall call, Mono<JsonNode> next) {
		if (!call.tool().hints().openWorld()) {
			// a closed-world tool (the generators) reaches no backend: a model's unusable
			// answer or a
			// client without sampling says nothing about any backend's health, so there
			// is no circuit
			return next;
		}
		if (call.tool().guardsOwnCalls()) {
			// a read that bounds its own outside calls and answers their failure
			// (docs_services): no backend failure can reach a breaker or a retry, so
			// none is built; the dispatcher's tool time-out still bounds the call
			// (the dispatcher leaves this interceptor out for it: see appliesTo)
			return next;
		}
		String backend = call.tool().backend();
		String name = instanceName(call.principal().tenantId(), backend);
		CircuitBreaker circuitBreaker = this.circuitBreakers.circuitBreaker(name);
		Bulkhead bulkhead = this.bulkheads.bulkhead(name);
		// a tool with its own time limit (a deploy) is given all of it: its attempt is
		// the whole call
		Duration attempt = (call.tool().timeLimit() != null) ? call.tool().timeLimit() : this.properties.timeout();
		Mono<JsonNode> guarded = next.timeout(attempt).transformDeferred(BulkheadOperator.of(bulkhead));
		if (!call.tool().isWrite()) {
			Retry retry = this.retries.retry(name);
			// retries never stretch a call past the tool time-out
			guarded = guarded.transformDeferred(RetryOperator.of(retry))
				.timeout(this.overall, Mono.error(() -> new TimeoutException("overall")));
		}
		// the breaker is outermost: one call is one call to it, however many attempts it
		// made (retries
		// counted as calls opened the circuit after a single caller's call, issue 15 #6)
		return guarded.transformDeferred(CircuitBreakerOperator.of(circuitBreaker))
			.onErrorMap((ex) -> !(ex instanceof ToolException), (ex) -> unavailable(backend, attempt, ex, call));
	}

	private Throwable unavailable(String backend, Duration attempt, Throwable ex, ToolCall call) {
		if (ex instanceof CallNotPermittedException) {
			return new ServiceUnavailableException(backend, "its circuit is open after repeated failures; retry in "
					+ this.properties.openDuration().toSeconds() + " s");
		}
		if (ex instanceof BulkheadFullException) {
			return new ServiceUnavailableException(backend,
					"too many calls in progress (" + this.properties.maxConcurrentCalls() + ")");
		}
		if (ex instanceof TimeoutException) {
			// the time it truly waited: one attempt's limit, or the whole call's when
			// that ran out first
			Duration waited = "overall".equals(ex.getMessage()) ? this.overall : attempt;
			return new ServiceUnavailableException(backend, "no answer within " + text(waited));
		}
		// anything else a connector let escape unmapped (issue 15 #9): a backend failure
		// named by its
		// backend, never an internal error; the detail goes to the log only
		log.warn("{} call of {} failed with an unmapped {} (request {})", backend, call.tool().name(),
				ex.getClass().getName(), call.requestId(), ex);
		return new BackendException(backend, "the call failed (reference " + call.requestId() + ")");
	}

	/** "30 s", or "100 ms" below a second or for a fraction. */
	static String text(Duration duration) {
		long millis = duration.toMillis();
		return (millis >= 1000 && millis % 1000 == 0) ? (millis / 1000) + " s" : millis + " ms";
	}

}
