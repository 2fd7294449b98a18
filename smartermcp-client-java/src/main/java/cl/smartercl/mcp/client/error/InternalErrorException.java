package cl.smartercl.mcp.client.error;

/**
 * HTTP 500 {@code internal_error}: an unexpected failure inside the server; quote
 * {@link #requestId()}.
 */
public class InternalErrorException extends SmarterMcpException {

	public InternalErrorException(String message, ProblemDetails problem) {
		super(message, problem, null);
	}

}
