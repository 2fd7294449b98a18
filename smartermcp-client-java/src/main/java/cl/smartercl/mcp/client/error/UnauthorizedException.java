package cl.smartercl.mcp.client.error;

/** HTTP 401 {@code unauthorized}: missing, bad, expired or revoked token. */
public class UnauthorizedException extends SmarterMcpException {

	public UnauthorizedException(String message, ProblemDetails problem) {
		super(message, problem, null);
	}

}
