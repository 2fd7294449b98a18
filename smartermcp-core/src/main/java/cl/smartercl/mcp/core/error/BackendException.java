package cl.smartercl.mcp.core.error;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A backend answered, but with an error. The message is sanitised by the connector: a
 * short description of what failed, never the raw body. HTTP 502.
 * <p>
 * A backend that refuses calls for a while because it is rate limiting them is the one
 * retryable kind ({@link #rateLimited}): HTTP 429 with the backend's own
 * {@code Retry-After}, code {@code backend_rate_limited}. It is not SmarterMCP's limit:
 * it carries no category and is not counted as {@code mcp_rate_limit_exceeded}.
 */
public final class BackendException extends ToolException {

	private final String service;

	private final Duration retryAfter;

	public BackendException(String service, String message) {
		this(service, message, (Throwable) null);
	}

	public BackendException(String service, String message, Throwable cause) {
		super("backend_error", 502, false, "Service '" + service + "' reported an error: " + message, cause);
		this.service = service;
		this.retryAfter = null;
	}

	private BackendException(String service, String message, Duration retryAfter) {
		super("backend_rate_limited", 429, true, "Service '" + service + "' is limiting requests: " + message, null);
		this.service = service;
		this.retryAfter = retryAfter;
	}

	/**
	 * The backend's own rate limit refused the call (its HTTP 429).
	 * @param retryAfter when the backend says to try again
	 */
	public static BackendException rateLimited(String service, String message, Duration retryAfter) {
		return new BackendException(service, message, retryAfter);
	}

	public String service() {
		return this.service;
	}

	@Override
	public Optional<Duration> retryAfter() {
		return Optional.ofNullable(this.retryAfter);
	}

	@Override
	public Map<String, Object> details() {
		if (this.retryAfter == null) {
			return Map.of("service", this.service);
		}
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("service", this.service);
		details.put("retry_after_seconds", Math.max(1, (this.retryAfter.toMillis() + 999) / 1000));
		return details;
	}

}
