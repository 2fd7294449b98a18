package cl.smartercl.mcp.server.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import tools.jackson.databind.JsonNode;

import org.springframework.core.Ordered;

import cl.smartercl.mcp.core.auth.Principal;
import cl.smartercl.mcp.core.error.RateLimitedException;
import cl.smartercl.mcp.core.error.ToolException;
import cl.smartercl.mcp.core.tool.ToolDefinition;
import cl.smartercl.mcp.server.dispatch.InterceptorOrder;
import cl.smartercl.mcp.server.dispatch.RefusedCall;
import cl.smartercl.mcp.server.dispatch.ToolCall;
import cl.smartercl.mcp.server.dispatch.ToolCallInterceptor;
import cl.smartercl.mcp.server.web.AdminRoutes;

/**
 * Counts and times every tool call, MCP and REST, under the documented names (DESIGN.md,
 * "Metrics"): {@code mcp_requests_total{tool,agent,status}},
 * {@code mcp_request_duration_seconds{tool}} (a histogram),
 * {@code mcp_errors_total{tool,error_type}} and
 * {@code mcp_rate_limit_exceeded_total{agent}} (Prometheus appends {@code _total} to
 * every counter). Label values stay bounded: {@code tool} is a catalog name, or
 * {@code unknown} for a name the catalog does not have, {@code agent} the token's name
 * for tokens of the operator tenant and {@code tenant:<tenant id>} for every other
 * tenant's tokens (so the set is bounded by the tenants the operator created, and no
 * tenant's token names reach a scrape; a tenant's own per-token detail is its audit
 * trail), {@code status} {@code ok}, {@code error}, {@code cancelled} or
 * {@code input_required} (a 2026-07-28 round that stopped to ask the client),
 * {@code error_type} a {@link ToolException} code.
 */
public class ToolMetrics implements ToolCallInterceptor, Ordered {

	static final String REQUESTS = "mcp.requests";

	static final String DURATION = "mcp.request.duration";

	static final String ERRORS = "mcp.errors";

	static final String RATE_LIMIT_EXCEEDED = "mcp.rate.limit.exceeded";

	/** The {@code tool} label of a call to a name the catalog does not have. */
	static final String UNKNOWN_TOOL = "unknown";

	// buckets from a local computation to a slow backend report, up to the default tool
	// timeout
	private static final Duration[] BUCKETS = { Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
			Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
			Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
			Duration.ofSeconds(30), Duration.ofSeconds(60) };

	private final MeterRegistry registry;

	// the meters once registered, by their labels: a call looks its meters up instead of
	// building and registering them again (a builder, its tags and the registry's id and
	// filters per call); the label sets are bounded (see the class comment), so are these
	// maps
	private final Map<RequestKey, Counter> requests = new ConcurrentHashMap<>();

	private final Map<String, Timer> durations = new ConcurrentHashMap<>();

	private final Map<ErrorKey, Counter> errors = new ConcurrentHashMap<>();

	private final Map<String, Counter> rateLimited = new ConcurrentHashMap<>();

	public ToolMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public int getOrder() {
		return InterceptorOrder.METRICS;
	}

	@Override
	public Mono<JsonNode> intercept(ToolCall call, Mono<JsonNode> next) {
		return Mono.defer(() -> {
			long start = System.nanoTime();
			Throwable[] failure = new Throwable[1];
			return next.doOnError((ex) -> failure[0] = ex)
				.doFinally((signal) -> record(call, signal, failure[0], System.nanoTime() - start));
		});
	}

	/**
	 * An unknown tool or a scope the caller lacks: a failed request, with no duration
	 * (nothing ran).
	 */
	@Override
	public Mono<Void> refused(RefusedCall call) {
		return Mono.fromRunnable(() -> {
			String tool = call.tool().map(ToolDefinition::name).orElse(UNKNOWN_TOOL);
			countRequest(tool, agent(call.principal()), "error");
			countError(tool, call.reason().code());
		});
	}

	private void record(ToolCall call, SignalType signal, Throwable failure, long nanos) {
		String tool = call.tool().name();
		String agent = agent(call.principal());
		String status = (signal != SignalType.CANCEL) ? ((failure == null) ? "ok" : "error")
				: call.metadata().inputRequired() ? "input_required" : "cancelled";
		countRequest(tool, agent, status);
		this.durations
			.computeIfAbsent(tool,
					(name) -> Timer.builder(DURATION)
						.description("How long tool calls take")
						.tag("tool", name)
						.serviceLevelObjectives(BUCKETS)
						.register(this.registry))
			.record(nanos, TimeUnit.NANOSECONDS);
		if (failure != null) {
			countError(tool, (failure instanceof ToolException ex) ? ex.code() : "internal_error");
			if (failure instanceof RateLimitedException) {
				this.rateLimited
					.computeIfAbsent(agent,
							(name) -> Counter.builder(RATE_LIMIT_EXCEEDED)
								.description("Tool calls refused by a rate limit")
								.tag("agent", name)
								.register(this.registry))
					.increment();
			}
		}
	}

	/** The {@code agent} label: see the class comment. */
	static String agent(Principal principal) {
		return AdminRoutes.OPERATOR_TENANT.equals(principal.tenantId()) ? principal.tokenName()
				: "tenant:" + principal.tenantId();
	}

	private void countRequest(String tool, String agent, String status) {
		this.requests
			.computeIfAbsent(new RequestKey(tool, agent, status),
					(key) -> Counter.builder(REQUESTS)
						.description("Tool calls, MCP and REST")
						.tags("tool", key.tool(), "agent", key.agent(), "status", key.status())
						.register(this.registry))
			.increment();
	}

	private void countError(String tool, String type) {
		this.errors
			.computeIfAbsent(new ErrorKey(tool, type),
					(key) -> Counter.builder(ERRORS)
						.description("Failed tool calls by error code")
						.tags("tool", key.tool(), "error_type", key.type())
						.register(this.registry))
			.increment();
	}

	private record RequestKey(String tool, String agent, String status) {
	}

	private record ErrorKey(String tool, String type) {
	}

}
