package cl.smartercl.mcp.server.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Rate limits under {@code smartermcp.rate-limits}. Every value is optional: the
 * documented defaults ({@link RateLimitDefaults}) apply first, then {@code defaults},
 * then the caller's tenant under {@code tenants.<tenant-id>}, then the caller's token
 * under {@code tokens.<token-id>}; each level replaces only the values it names. A limit
 * of {@code 0} switches that limit off.
 *
 * <pre>
 * smartermcp:
 *   redis-url: redis://127.0.0.1:6379      # SMARTERMCP_REDIS_URL: limits shared by every replica
 *   rate-limits:
 *     enabled: true
 *     defaults:
 *       general: { per-minute: 100, per-hour: 5000, burst: 20 }
 *       categories:
 *         workflows: { per-minute: 30, tools: [workflows_trigger, workflows_create] }
 *         codegen: { per-minute: 10, per-hour: 100 }
 *     tenants:
 *       acme: { categories: { crm: { per-minute: 300 } } }
 *     tokens:
 *       3f2a...: { general: { per-minute: 1000, burst: 100 } }
 * </pre>
 *
 * @param enabled whether limits apply at all (default true)
 * @param redisKeyPrefix prefix of every Redis key (default {@code smartermcp:rl:})
 * @param redisTimeout how long a Redis round trip may take before the call goes through
 * unlimited
 * @param defaults overrides of the documented defaults for everyone
 * @param tenants overrides per tenant id
 * @param tokens overrides per token id (the store id, as in the audit trail)
 */
@ConfigurationProperties("smartermcp.rate-limits")
public record RateLimitProperties(Boolean enabled, String redisKeyPrefix, Duration redisTimeout, LimitSet defaults,
		Map<String, LimitSet> tenants, Map<String, LimitSet> tokens) {

	public RateLimitProperties {
		enabled = (enabled == null) ? Boolean.TRUE : enabled;
		redisKeyPrefix = (redisKeyPrefix == null || redisKeyPrefix.isBlank()) ? "smartermcp:rl:" : redisKeyPrefix;
		redisTimeout = (redisTimeout == null) ? Duration.ofSeconds(2) : redisTimeout;
		defaults = (defaults == null) ? LimitSet.EMPTY : defaults;
		tenants = (tenants == null) ? Map.of() : Map.copyOf(tenants);
		tokens = (tokens == null) ? Map.of() : Map.copyOf(tokens);
	}

	/**
	 * One level of limits.
	 *
	 * @param general the limits over all of a token's calls
	 * @param categories per category value ({@code services}, {@code workflows}, ...)
	 */
	public record LimitSet(General general, Map<String, CategoryLimit> categories) {

		static final LimitSet EMPTY = new LimitSet(null, null);

		public LimitSet {
			general = (general == null) ? new General(null, null, null) : general;
			categories = (categories == null) ? Map.of() : Map.copyOf(categories);
		}

	}

	/**
	 * @param perMinute the most calls in any 60 s
	 * @param perHour the most calls in any 3,600 s
	 * @param burst size of the token bucket refilled at {@code perMinute}; it caps how
	 * many calls may come at once
	 */
	public record General(Integer perMinute, Integer perHour, Integer burst) {
	}

	/**
	 * @param perMinute the most calls of the covered tools in any 60 s
	 * @param perHour the most calls of the covered tools in any 3,600 s
	 * @param tools which tools of the category the limit covers; absent means every tool
	 * of the category
	 */
	public record CategoryLimit(Integer perMinute, Integer perHour, List<String> tools) {
	}

}
