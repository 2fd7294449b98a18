package cl.smartercl.mcp.client.error;

import java.time.Duration;
import java.util.Optional;

/**
 * HTTP 503 {@code service_unavailable}: the backend is down or behind an open circuit (a
 * backend the tenant has not configured is its subtype {@link NotConfiguredException}).
 */
public class ServiceUnavailableException extends SmarterMcpException {

	private final Duration retryAfter;

	public ServiceUnavailableException(String message, ProblemDetails problem, Duration retryAfter) {
		super(message, problem, null);
		this.retryAfter = retryAfter;
	}

	/** The unavailable service, e.g. {@code n8n}. */
	public Optional<String> service() {
		return problem().flatMap((p) -> p.member("service"));
	}

	/** How long the server suggests waiting, when it said. */
	public Optional<Duration> retryAfter() {
		return Optional.ofNullable(this.retryAfter);
	}

	@Override
	public boolean retryable() {
		return true;
	}

}
