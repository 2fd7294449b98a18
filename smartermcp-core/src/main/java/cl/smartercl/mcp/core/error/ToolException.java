package cl.smartercl.mcp.core.error;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The one family of failures a caller can see. Each kind has a stable {@link #code()
 * code}, the HTTP status of the design's error table, whether retrying may help, and a
 * message written for the caller (a person or a model): it never carries a stack trace, a
 * secret or a raw backend body.
 * <p>
 * MCP renders it as an {@code isError} tool result; REST as RFC 9457 problem JSON.
 */
public abstract sealed class ToolException extends RuntimeException
		permits InvalidArgumentsException, UnknownToolException, UnauthorizedException, ForbiddenException,
		TenantAccessException, NotFoundException, ConflictException, RateLimitedException, ServiceUnavailableException,
		BackendNotConfiguredException, BackendException, InternalToolException, NotConfirmedException {

	private final String code;

	private final int status;

	private final boolean retryable;

	protected ToolException(String code, int status, boolean retryable, String message, Throwable cause) {
		super(message, cause, false, cause != null);
		this.code = code;
		this.status = status;
		this.retryable = retryable;
	}

	/** Stable machine-readable code, e.g. {@code invalid_arguments}. */
	public String code() {
		return this.code;
	}

	/** HTTP status of the design's error table. */
	public int status() {
		return this.status;
	}

	/** Whether the same call may succeed later without changes. */
	public boolean retryable() {
		return this.retryable;
	}

	/** How long to wait before retrying, when known. */
	public Optional<Duration> retryAfter() {
		return Optional.empty();
	}

	/** Extra structured facts for the caller (never secrets); empty by default. */
	public Map<String, Object> details() {
		return Map.of();
	}

}
