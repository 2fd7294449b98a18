package cl.smartercl.mcp.client.error;

import java.util.Optional;

/**
 * HTTP 502 {@code backend_error}: the backend answered with an error (sanitised by the
 * server).
 */
public class BackendException extends SmarterMcpException {

	public BackendException(String message, ProblemDetails problem) {
		super(message, problem, null);
	}

	/** The service at fault, when the server named it. */
	public Optional<String> service() {
		return problem().flatMap((p) -> p.member("service"));
	}

}
