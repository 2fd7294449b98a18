package cl.smartercl.mcp.client.error;

import java.util.Optional;

/** HTTP 403 {@code forbidden}: the token lacks the scope the call needs. */
public class ForbiddenException extends SmarterMcpException {

	public ForbiddenException(String message, ProblemDetails problem) {
		super(message, problem, null);
	}

	/** The missing scope, e.g. {@code write:services}, when the server named it. */
	public Optional<String> requiredScope() {
		return problem().flatMap((p) -> p.member("required_scope"));
	}

}
