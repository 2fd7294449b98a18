package cl.smartercl.mcp.core.error;

import java.util.Map;

/**
 * A missing, malformed, expired or revoked token; the documented wording, whatever the
 * cause. HTTP 401. An optional {@link #reason() reason} says what kind of token was
 * expected or why it was refused, in words fixed by the server (never the token, never a
 * claim value): clients such as mcp-remote start an OAuth login on any 401, and the
 * reason tells the person watching that a static token was refused.
 */
public final class UnauthorizedException extends ToolException {

	public static final String MESSAGE = "Unauthorized - Invalid or expired API token";

	private final String reason;

	private final boolean tokenPresented;

	public UnauthorizedException() {
		this(null);
	}

	/**
	 * A presented token refused. @param reason why, fixed server text; {@code null} for
	 * none
	 */
	public UnauthorizedException(String reason) {
		this(reason, true);
	}

	private UnauthorizedException(String reason, boolean tokenPresented) {
		super("unauthorized", 401, false, MESSAGE, null);
		this.reason = reason;
		this.tokenPresented = tokenPresented;
	}

	/** A request without any token; {@code expected} says what to send. */
	public static UnauthorizedException missing(String expected) {
		return new UnauthorizedException(expected, false);
	}

	/**
	 * Whether a token was presented (RFC 6750 §3.1: without one, the challenge carries no
	 * error code).
	 */
	public boolean tokenPresented() {
		return this.tokenPresented;
	}

	/** The server's explanation, or {@code null}. */
	public String reason() {
		return this.reason;
	}

	@Override
	public Map<String, Object> details() {
		return (this.reason != null) ? Map.of("reason", this.reason) : Map.of();
	}

}
