package cl.smartercl.mcp.server.ratelimit;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.core.Ordered;

import cl.smartercl.mcp.core.auth.Principal;
import cl.smartercl.mcp.core.error.RateLimitedException;
import cl.smartercl.mcp.server.dispatch.CallMetadata;
import cl.smartercl.mcp.server.dispatch.InterceptorOrder;
import cl.smartercl.mcp.server.dispatch.ToolCall;
import cl.smartercl.mcp.server.dispatch.ToolCallInterceptor;

/**
 * Applies the rate limits of the caller's token to each call, before anything reaches a
 * backend. The limit that binds most is reported on every REST answer as
 * {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset}
 * (seconds until {@code Remaining} grows, or until the refused call would pass); a
 * refusal is a {@link RateLimitedException} with the documented wording, which REST
 * answers with 429 and {@code Retry-After} and MCP as an {@code isError} result.
 */
public class RateLimitInterceptor implements ToolCallInterceptor, Ordered {

	public static final String LIMIT_HEADER = "X-RateLimit-Limit";

	public static final String REMAINING_HEADER = "X-RateLimit-Remaining";

	public static final String RESET_HEADER = "X-RateLimit-Reset";

	private static final Logger log = LoggerFactory.getLogger(RateLimitInterceptor.class);

	private final RateLimitPolicy policy;

	private final RateLimitStore store;

	private final RateLimitClock clock;

	private final Duration storeTimeout;

	private static final long WARNING_INTERVAL_NANOS = Duration.ofSeconds(10).toNanos();

	/** Calls let through unchecked since the store last answered. */
	private final AtomicLong unchecked = new AtomicLong();

	private final AtomicLong lastWarning = new AtomicLong(System.nanoTime());

	RateLimitInterceptor(RateLimitPolicy policy, RateLimitStore store, RateLimitClock clock, Duration storeTimeout) {
		this.policy = policy;
		this.store = store;
		this.clock = clock;
		this.storeTimeout = storeTimeout;
	}

	@Override
	public int getOrder() {
		return InterceptorOrder.RATE_LIMIT;
	}

	@Override
	public Mono<JsonNode> intercept(ToolCall call, Mono<JsonNode> next) {
		Principal principal = call.principal();
		List<LimitRule> rules = this.policy.rulesFor(principal, call.tool());
		if (rules.isEmpty()) {
			return next;
		}
		String subject = principal.tenantId() + ':' + principal.tokenId();
		Mono<List<RuleState>> acquired;
		if (this.store.inProcess()) {
			// answers at once in this thread: no timer per call, and no random id it
			// would not use
			acquired = this.store.acquire(subject, rules, this.clock.millis(), call.requestId());
		}
		else {
			acquired = this.store
				.acquire(subject, rules, this.clock.millis(), call.requestId() + ':' + UUID.randomUUID())
				.timeout(this.storeTimeout);
		}
		return acquired.map(RateLimitOutcome::new).onErrorResume((ex) -> {
			// a limits store that is down must not take every tool down with it: the
			// call goes
			// through unlimited and the operator sees why in the log
			warnUnchecked(ex, call.requestId());
			return Mono.just(RateLimitOutcome.UNCHECKED);
		}).doOnNext((outcome) -> {
			if (outcome != RateLimitOutcome.UNCHECKED) {
				checkedAgain();
			}
		}).flatMap((outcome) -> {
			outcome.writeHeaders(call.metadata());
			return outcome.refusal().map(Mono::<JsonNode>error).orElse(next);
		});
	}

	/**
	 * One warning when the store first fails, then at most one per
	 * {@link #WARNING_INTERVAL_NANOS} with the number of calls that went through
	 * unchecked since (a down Redis under load is not a line per call).
	 */
	private void warnUnchecked(Throwable ex, String requestId) {
		long count = this.unchecked.incrementAndGet();
		long now = System.nanoTime();
		long last = this.lastWarning.get();
		if ((count == 1 || now - last >= WARNING_INTERVAL_NANOS) && this.lastWarning.compareAndSet(last, now)) {
			log.warn("rate limits could not be checked ({}); call {} goes through unlimited ({} call(s) unchecked"
					+ " since the limits store stopped answering)", ex.toString(), requestId, count);
		}
	}

	/** The store answers again: said once. */
	private void checkedAgain() {
		long count = this.unchecked.get();
		if (count > 0 && this.unchecked.compareAndSet(count, 0)) {
			log.warn("rate limits are checked again; {} call(s) went through unlimited while the limits store was"
					+ " not answering", count);
		}
	}

	/** What the store said, as headers and possibly a refusal. */
	private record RateLimitOutcome(List<RuleState> states) {

		static final RateLimitOutcome UNCHECKED = new RateLimitOutcome(List.of());

		Optional<RateLimitedException> refusal() {
			return this.states.stream()
				.filter((state) -> !state.allowed())
				.max(Comparator.comparingLong(RuleState::resetMillis))
				.map((state) -> new RateLimitedException(state.rule().category(), state.rule().label(),
						Duration.ofMillis(Math.max(1, state.resetMillis()))));
		}

		void writeHeaders(CallMetadata metadata) {
			Optional<RuleState> binding = this.states.stream().anyMatch((s) -> !s.allowed())
					? this.states.stream()
						.filter((s) -> !s.allowed())
						.max(Comparator.comparingLong(RuleState::resetMillis))
					: this.states.stream()
						.min(Comparator.comparingLong(RuleState::remaining)
							.thenComparing(Comparator.comparingLong(RuleState::resetMillis).reversed()));
			binding.ifPresent((state) -> {
				metadata.header(LIMIT_HEADER, Integer.toString(state.rule().limit()));
				metadata.header(REMAINING_HEADER, Long.toString(state.remaining()));
				metadata.header(RESET_HEADER, Long.toString(seconds(state)));
			});
		}

		private static long seconds(RuleState state) {
			long seconds = (state.resetMillis() + 999) / 1000;
			// a refusal's reset must agree with Retry-After, which is at least 1 s
			return state.allowed() ? seconds : Math.max(1, seconds);
		}

	}

}
