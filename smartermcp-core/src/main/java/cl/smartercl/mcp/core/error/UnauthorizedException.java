package cl.smartercl.mcp.core.error;

/** A missing, malformed, expired or revoked token; the documented wording, whatever the cause. HTTP 401. */
public final class UnauthorizedException extends ToolException {

	public static final String MESSAGE = "Unauthorized - Invalid or expired API token";

	public UnauthorizedException() {
		super("unauthorized", 401, false, MESSAGE, null);
	}

}
