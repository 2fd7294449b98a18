package cl.smartercl.mcp.core.error;

/**
 * Anything unexpected. The caller sees only a reference to find the server-side log
 * entry. HTTP 500.
 */
public final class InternalToolException extends ToolException {

	public InternalToolException(String reference, Throwable cause) {
		super("internal_error", 500, false, "Internal error (reference " + reference + ")", cause);
	}

}
