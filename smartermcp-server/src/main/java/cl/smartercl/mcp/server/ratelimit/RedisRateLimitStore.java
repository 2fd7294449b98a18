package cl.smartercl.mcp.server.ratelimit;

import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Limits kept in Redis, shared by every replica: one Lua script
 * ({@code ratelimit/acquire.lua}) checks and consumes all of a call's limits atomically.
 * Windows are sorted sets of call times, the burst bucket a hash; every key expires once
 * its state no longer matters.
 */
final class RedisRateLimitStore implements RateLimitStore {

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> ACQUIRE = RedisScript.of(new ClassPathResource("ratelimit/acquire.lua"),
			List.class);

	private final ReactiveStringRedisTemplate redis;

	private final String prefix;

	RedisRateLimitStore(ReactiveStringRedisTemplate redis, String prefix) {
		this.redis = redis;
		this.prefix = prefix;
	}

	@Override
	public Mono<List<RuleState>> acquire(String subject, List<LimitRule> rules, long nowMillis, String callId) {
		List<String> keys = new ArrayList<>(rules.size());
		List<String> args = new ArrayList<>(2 + 4 * rules.size());
		args.add(Long.toString(nowMillis));
		args.add(callId);
		for (LimitRule rule : rules) {
			// the {subject} hash tag keeps one call's keys in one slot of a Redis Cluster
			keys.add(this.prefix + '{' + subject + "}:" + rule.key());
			args.add(rule.bucket() ? "b" : "w");
			args.add(Integer.toString(rule.limit()));
			args.add(rule.bucket() ? Double.toString(rule.refillPerMilli()) : Long.toString(rule.windowMillis()));
			args.add(Long.toString(rule.ttlMillis()));
		}
		return this.redis.execute(ACQUIRE, keys, args).next().map((reply) -> states(rules, reply));
	}

	private static List<RuleState> states(List<LimitRule> rules, List<?> reply) {
		if (reply.size() != 1 + 3 * rules.size()) {
			throw new IllegalStateException("unexpected rate-limit script reply of " + reply.size() + " values");
		}
		List<RuleState> states = new ArrayList<>(rules.size());
		for (int i = 0; i < rules.size(); i++) {
			states.add(new RuleState(rules.get(i), number(reply.get(1 + 3 * i)) == 1, number(reply.get(2 + 3 * i)),
					Math.max(0, number(reply.get(3 + 3 * i)))));
		}
		return states;
	}

	private static long number(Object value) {
		return ((Number) value).longValue();
	}

}
