package cl.smartercl.mcp.client.error;

import java.util.Map;
import java.util.Optional;

/**
 * The RFC 9457 problem the server answered with, as parsed by the client.
 *
 * @param type the problem type URI, {@code https://smartermcp.dev/problems/<code>}
 * @param title short summary of the kind of problem
 * @param status the HTTP status
 * @param detail what went wrong in this call
 * @param code the stable machine-readable code, e.g. {@code rate_limited}
 * @param requestId the server's id of the request, for its logs and audit trail
 * @param members every member of the problem, including the ones above and the extras
 * ({@code argument}, {@code required_scope}, {@code service}, ...)
 */
public record ProblemDetails(String type, String title, int status, String detail, String code, String requestId,
		Map<String, Object> members) {

	public ProblemDetails {
		members = (members == null) ? Map.of() : Map.copyOf(members);
	}

	/** A member as text, when present. */
	public Optional<String> member(String name) {
		Object value = this.members.get(name);
		return Optional.ofNullable(value).map(String::valueOf);
	}

}
