package cl.smartercl.mcp.server.ratelimit;

import java.util.List;

import reactor.core.publisher.Mono;

/**
 * Where the limits' state lives. {@link #acquire} checks every rule of a call at once and
 * consumes from all of them only when all allow it: a refused call uses up nothing.
 */
interface RateLimitStore {

	/**
	 * @param subject whose limits (tenant and token)
	 * @param rules the call's limits
	 * @param nowMillis the time of the call
	 * @param callId unique per call (a window's log entry)
	 * @return one state per rule, in order
	 */
	Mono<List<RuleState>> acquire(String subject, List<LimitRule> rules, long nowMillis, String callId);

	/**
	 * Whether this store answers in this process, at once, without using {@code callId}:
	 * then a call needs no time limit on the store and no unique id of its own.
	 */
	default boolean inProcess() {
		return false;
	}

}
