package cl.smartercl.mcp.core.error;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Over a rate limit, with the documented wording. HTTP 429 with {@code Retry-After}. */
public final class RateLimitedException extends ToolException {

	private final String category;

	private final String limit;

	private final Duration retryAfter;

	/**
	 * @param category the limited category, or {@code general} for the overall limits
	 * @param limit which limit was hit, e.g. {@code 30/min}
	 * @param retryAfter when the next call will be allowed
	 */
	public RateLimitedException(String category, String limit, Duration retryAfter) {
		super("rate_limited", 429, true, "Rate limit exceeded for category '" + category + "'", null);
		this.category = category;
		this.limit = limit;
		this.retryAfter = retryAfter;
	}

	public String category() {
		return this.category;
	}

	@Override
	public Optional<Duration> retryAfter() {
		return Optional.of(this.retryAfter);
	}

	@Override
	public Map<String, Object> details() {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("category", this.category);
		details.put("limit", this.limit);
		details.put("retry_after_seconds", Math.max(1, (this.retryAfter.toMillis() + 999) / 1000));
		return details;
	}

}
