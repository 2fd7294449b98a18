package cl.smartercl.mcp.server.ratelimit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;

/**
 * Limits kept in this process: one replica only. Each subject's state is guarded by its
 * own lock, so the check of all a call's rules and the consumption are one step.
 */
final class InMemoryRateLimitStore implements RateLimitStore {

	private final Map<String, SubjectState> subjects = new ConcurrentHashMap<>();

	/** Answers in the calling thread; the call id is not needed (no shared log). */
	@Override
	public boolean inProcess() {
		return true;
	}

	@Override
	public Mono<List<RuleState>> acquire(String subject, List<LimitRule> rules, long nowMillis, String callId) {
		return Mono.fromSupplier(
				() -> this.subjects.computeIfAbsent(subject, (s) -> new SubjectState()).acquire(rules, nowMillis));
	}

	private static final class SubjectState {

		/** Accepted calls' times per window key, oldest first. */
		private final Map<String, ArrayDeque<Long>> logs = new HashMap<>();

		private final Map<String, double[]> buckets = new HashMap<>();

		synchronized List<RuleState> acquire(List<LimitRule> rules, long now) {
			List<RuleState> states = new ArrayList<>(rules.size());
			boolean allowed = true;
			for (LimitRule rule : rules) {
				RuleState state = rule.bucket() ? peekBucket(rule, now) : peekWindow(rule, now);
				allowed &= state.allowed();
				states.add(state);
			}
			if (!allowed) {
				// nothing consumed: report the refusing rules as they are, the others
				// untouched
				return states;
			}
			List<RuleState> consumed = new ArrayList<>(rules.size());
			for (LimitRule rule : rules) {
				consumed.add(rule.bucket() ? takeBucket(rule, now) : takeWindow(rule, now));
			}
			return consumed;
		}

		private ArrayDeque<Long> log(LimitRule rule, long now) {
			ArrayDeque<Long> log = this.logs.computeIfAbsent(rule.key(), (k) -> new ArrayDeque<>());
			// an entry counts while it is inside (now - window, now]
			while (!log.isEmpty() && log.peekFirst() <= now - rule.windowMillis()) {
				log.pollFirst();
			}
			return log;
		}

		private RuleState peekWindow(LimitRule rule, long now) {
			ArrayDeque<Long> log = log(rule, now);
			int count = log.size();
			if (count >= rule.limit()) {
				// the entry whose expiry brings the count below the limit
				Iterator<Long> it = log.iterator();
				long entry = 0;
				for (int i = 0; i <= count - rule.limit(); i++) {
					entry = it.next();
				}
				return new RuleState(rule, false, 0, entry + rule.windowMillis() - now);
			}
			return new RuleState(rule, true, rule.limit() - count,
					log.isEmpty() ? 0 : log.peekFirst() + rule.windowMillis() - now);
		}

		private RuleState takeWindow(LimitRule rule, long now) {
			ArrayDeque<Long> log = log(rule, now);
			log.addLast(now);
			return new RuleState(rule, true, rule.limit() - log.size(), log.peekFirst() + rule.windowMillis() - now);
		}

		private double refill(LimitRule rule, long now) {
			double[] bucket = this.buckets.computeIfAbsent(rule.key(), (k) -> new double[] { rule.limit(), now });
			double tokens = Math.min(rule.limit(),
					bucket[0] + Math.max(0, now - (long) bucket[1]) * rule.refillPerMilli());
			bucket[0] = tokens;
			// an older time (calls reach the store out of order) refills nothing and
			// never turns the
			// bucket's time back, or the same interval would refill twice
			bucket[1] = Math.max(bucket[1], now);
			return tokens;
		}

		private RuleState peekBucket(LimitRule rule, long now) {
			double tokens = refill(rule, now);
			if (tokens < 1) {
				return new RuleState(rule, false, 0, (long) Math.ceil((1 - tokens) / rule.refillPerMilli()));
			}
			return bucketState(rule, tokens);
		}

		private RuleState takeBucket(LimitRule rule, long now) {
			double[] bucket = this.buckets.get(rule.key());
			bucket[0] = refill(rule, now) - 1;
			return bucketState(rule, bucket[0]);
		}

		private static RuleState bucketState(LimitRule rule, double tokens) {
			long whole = (long) Math.floor(tokens);
			long reset = (whole >= rule.limit()) ? 0 : (long) Math.ceil((whole + 1 - tokens) / rule.refillPerMilli());
			return new RuleState(rule, true, whole, reset);
		}

	}

}
