package cl.smartercl.mcp.client.error;

/**
 * HTTP 404 {@code unknown_tool}: the server has no such tool (a client newer than the
 * server).
 */
public class UnknownToolException extends NotFoundException {

	public UnknownToolException(String message, ProblemDetails problem) {
		super(message, problem);
	}

}
