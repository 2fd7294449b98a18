package cl.smartercl.mcp.client.error;

import java.util.Optional;

/** HTTP 400 {@code invalid_arguments}: the arguments break the tool's schema. */
public class InvalidArgumentsException extends SmarterMcpException {

	public InvalidArgumentsException(String message, ProblemDetails problem) {
		super(message, problem, null);
	}

	/** The offending argument as a dotted path, when the server named one. */
	public Optional<String> argument() {
		return problem().flatMap((p) -> p.member("argument"));
	}

}
