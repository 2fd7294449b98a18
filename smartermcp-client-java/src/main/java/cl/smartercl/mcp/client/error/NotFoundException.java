package cl.smartercl.mcp.client.error;

/** HTTP 404 {@code not_found}: what the tool looked for does not exist. */
public class NotFoundException extends SmarterMcpException {

	public NotFoundException(String message, ProblemDetails problem) {
		super(message, problem, null);
	}

}
