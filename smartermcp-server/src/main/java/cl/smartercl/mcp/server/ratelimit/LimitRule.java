package cl.smartercl.mcp.server.ratelimit;

/**
 * One limit a call must pass: a sliding window ({@code limit} calls in any
 * {@code windowMillis}) or the burst token bucket ({@code limit} tokens, refilled at
 * {@code refillPerMilli}).
 *
 * @param category the category named when the limit refuses ({@code general} for the
 * overall limits)
 * @param key the limit's key under the caller's subject, e.g. {@code general:60} or
 * {@code cat:crm:60}
 * @param bucket whether this is the burst bucket rather than a window
 * @param limit the number of calls (window) or the bucket's capacity
 * @param windowMillis the window's length; unused for the bucket
 * @param refillPerMilli the bucket's refill rate in tokens per millisecond; unused for a
 * window
 */
record LimitRule(String category, String key, boolean bucket, int limit, long windowMillis, double refillPerMilli) {

	static LimitRule window(String category, String key, int limit, long windowMillis) {
		return new LimitRule(category, key, false, limit, windowMillis, 0);
	}

	static LimitRule bucket(String category, String key, int capacity, double refillPerMilli) {
		return new LimitRule(category, key, true, capacity, 0, refillPerMilli);
	}

	/**
	 * How the limit reads in errors: {@code 30/min}, {@code 100/hour}, {@code burst 20}.
	 */
	String label() {
		if (this.bucket) {
			return "burst " + this.limit;
		}
		return this.limit + ((this.windowMillis == RateLimitPolicy.HOUR_MILLIS) ? "/hour"
				: (this.windowMillis == RateLimitPolicy.MINUTE_MILLIS) ? "/min" : "/" + this.windowMillis + "ms");
	}

	/** How long the key must be kept for its state to matter. */
	long ttlMillis() {
		return this.bucket ? (long) Math.ceil(this.limit / this.refillPerMilli) + 1_000 : this.windowMillis + 1_000;
	}

}
