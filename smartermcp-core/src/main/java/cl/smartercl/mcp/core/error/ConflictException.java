package cl.smartercl.mcp.core.error;

/**
 * The request is valid but the target's state forbids it, e.g. triggering an inactive
 * workflow. HTTP 409.
 */
public final class ConflictException extends ToolException {

	public ConflictException(String message) {
		super("conflict", 409, false, message, null);
	}

}
