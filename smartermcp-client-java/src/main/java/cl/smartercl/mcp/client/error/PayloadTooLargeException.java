package cl.smartercl.mcp.client.error;

/** HTTP 413: the request body is larger than the server accepts. */
public class PayloadTooLargeException extends SmarterMcpException {

	public PayloadTooLargeException(String message, ProblemDetails problem) {
		super(message, problem, null);
	}

}
