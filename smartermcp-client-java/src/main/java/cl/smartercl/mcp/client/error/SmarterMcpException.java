package cl.smartercl.mcp.client.error;

import java.util.Optional;

/**
 * Base of every failure the client reports. When the server answered with a problem,
 * {@link #problem()} holds it; failures that never got an answer
 * ({@link SmarterMcpTimeoutException}, {@link TransportException}) have none. Messages
 * are the server's {@code detail}, never the token.
 */
public class SmarterMcpException extends RuntimeException {

	private final transient ProblemDetails problem;

	public SmarterMcpException(String message, ProblemDetails problem, Throwable cause) {
		super(message, cause);
		this.problem = problem;
	}

	/** The HTTP status, or 0 when no answer came. */
	public int status() {
		return (this.problem != null) ? this.problem.status() : 0;
	}

	/** The problem's stable code, e.g. {@code not_found}; empty when no problem came. */
	public Optional<String> code() {
		return problem().map(ProblemDetails::code);
	}

	/** The server's request id, to quote when asking an operator. */
	public Optional<String> requestId() {
		return problem().map(ProblemDetails::requestId);
	}

	public Optional<ProblemDetails> problem() {
		return Optional.ofNullable(this.problem);
	}

	/** Whether the same call may succeed later without changes. */
	public boolean retryable() {
		return false;
	}

}
