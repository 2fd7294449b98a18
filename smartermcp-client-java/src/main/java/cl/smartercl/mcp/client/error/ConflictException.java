package cl.smartercl.mcp.client.error;

/** HTTP 409 {@code conflict}: the change conflicts with the backend's current state. */
public class ConflictException extends SmarterMcpException {

	public ConflictException(String message, ProblemDetails problem) {
		super(message, problem, null);
	}

}
