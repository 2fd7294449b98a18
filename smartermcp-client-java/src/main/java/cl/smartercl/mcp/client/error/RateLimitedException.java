package cl.smartercl.mcp.client.error;

import java.time.Duration;
import java.util.Optional;

/**
 * HTTP 429 {@code rate_limited}: over a rate limit. The client retries reads by itself
 * when built with {@code retryRateLimited(true)}; this is what is left when it did not,
 * or gave up.
 */
public class RateLimitedException extends SmarterMcpException {

	private final Duration retryAfter;

	public RateLimitedException(String message, ProblemDetails problem, Duration retryAfter) {
		super(message, problem, null);
		this.retryAfter = retryAfter;
	}

	/**
	 * How long to wait before calling again: the {@code Retry-After} header, else the
	 * problem's member, else 1 s.
	 */
	public Duration retryAfter() {
		return this.retryAfter;
	}

	/** The limited category, or {@code general}. */
	public Optional<String> category() {
		return problem().flatMap((p) -> p.member("category"));
	}

	/** The limit that was hit, e.g. {@code 30/min}. */
	public Optional<String> limit() {
		return problem().flatMap((p) -> p.member("limit"));
	}

	@Override
	public boolean retryable() {
		return true;
	}

}
