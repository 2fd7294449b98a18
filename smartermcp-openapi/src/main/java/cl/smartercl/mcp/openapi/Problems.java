package cl.smartercl.mcp.openapi;

import java.util.List;

import tools.jackson.databind.node.ObjectNode;

/**
 * The RFC 9457 problem schema every REST error uses, and one reusable response per status
 * of the design's error table (DESIGN.md, "Errors users see").
 */
final class Problems {

	static final String SCHEMA = "Problem";

	static final String MEDIA_TYPE = "application/problem+json";

	/** A response component: its name, status, and what it means. */
	record ErrorResponse(String name, String status, String description) {
	}

	static final ErrorResponse INVALID_ARGUMENTS = new ErrorResponse("InvalidArguments", "400",
			"The arguments break the tool's schema (code `invalid_arguments`); `argument` names the offending one.");

	static final ErrorResponse UNAUTHORIZED = new ErrorResponse("Unauthorized", "401",
			"Missing, bad, expired or revoked token (code `unauthorized`): `Unauthorized - Invalid or expired API token`; "
					+ "`reason` says what kind of token was expected or why it was refused, and `WWW-Authenticate` carries "
					+ "the bearer challenge (with `resource_metadata` when OAuth is on, docs/oauth.md).");

	static final ErrorResponse FORBIDDEN = new ErrorResponse("Forbidden", "403",
			"The token lacks the scope (code `forbidden`, `required_scope` names it) or the tenant is not the token's "
					+ "(code `tenant_access_denied`).");

	static final ErrorResponse NOT_FOUND = new ErrorResponse("NotFound", "404",
			"Unknown tool (code `unknown_tool`), a thing the tool looked for does not exist (code `not_found`), or an "
					+ "unknown tenant (code `tenant_access_denied`).");

	static final ErrorResponse CONFLICT = new ErrorResponse("Conflict", "409",
			"The change conflicts with the backend's current state (code `conflict`).");

	static final ErrorResponse PAYLOAD_TOO_LARGE = new ErrorResponse("PayloadTooLarge", "413",
			"The request body is larger than the server accepts (code `payload_too_large`).");

	static final ErrorResponse RATE_LIMITED = new ErrorResponse("RateLimited", "429",
			"Over a rate limit (code `rate_limited`): `Rate limit exceeded for category '<category>'`. Wait "
					+ "`Retry-After` seconds. A backend's own rate limit (e.g. Chatwoot's) is relayed with the code "
					+ "`backend_rate_limited` and the backend's `Retry-After`.");

	static final ErrorResponse INTERNAL_ERROR = new ErrorResponse("InternalError", "500",
			"An unexpected failure inside SmarterMCP (code `internal_error`); the detail carries a reference for the logs.");

	static final ErrorResponse BACKEND_ERROR = new ErrorResponse("BackendError", "502",
			"The backend answered with an error (code `backend_error`); its body is sanitised, never passed raw.");

	static final ErrorResponse SERVICE_UNAVAILABLE = new ErrorResponse("ServiceUnavailable", "503",
			"The backend is down or behind an open circuit (code `service_unavailable`, retryable): "
					+ "`Service '<service>' is currently unavailable`. A backend the tenant has not configured answers "
					+ "503 with the code `backend_not_configured` (not retryable): the detail names the tenants-file "
					+ "key to add (`config_key`, e.g. `backends.odoo`) and `docs/configuration.md`.");

	/** What any authenticated call can fail with, whatever it does. */
	static final List<ErrorResponse> COMMON = List.of(UNAUTHORIZED, FORBIDDEN, RATE_LIMITED, INTERNAL_ERROR);

	/** What a tool call can fail with. */
	static final List<ErrorResponse> TOOL_CALL = List.of(INVALID_ARGUMENTS, UNAUTHORIZED, FORBIDDEN, NOT_FOUND,
			CONFLICT, PAYLOAD_TOO_LARGE, RATE_LIMITED, INTERNAL_ERROR, BACKEND_ERROR, SERVICE_UNAVAILABLE);

	static final List<ErrorResponse> ALL = TOOL_CALL;

	private Problems() {
	}

	static ObjectNode schema() {
		ObjectNode schema = Json.object();
		schema.put("type", "object");
		schema.put("description",
				"RFC 9457 problem details. Besides the standard members, `code` is a stable "
						+ "machine-readable code and `request_id` matches the server's logs; the other members appear "
						+ "with the errors they belong to.");
		ObjectNode properties = schema.putObject("properties");
		properties.set("type", Json.string("https://smartermcp.dev/problems/<code>").put("format", "uri"));
		properties.set("title", Json.string("Short summary of the kind of problem."));
		properties.set("status", Json.integer("The HTTP status."));
		properties.set("detail", Json.string("What went wrong in this call, written for the caller."));
		properties.set("instance", Json.string("The request path."));
		properties
			.set("code", Json.string("invalid_arguments, unauthorized, forbidden, tenant_access_denied, unknown_tool, "
					+ "not_found, conflict, payload_too_large, rate_limited, backend_rate_limited, backend_error, service_unavailable, "
					+ "internal_error"));
		properties.set("request_id", Json.string("Identifies the request in the server's logs and audit trail."));
		properties.set("argument", Json.string("invalid_arguments: the argument at fault (dotted path), when one is."));
		properties.set("required_scope", Json.string("forbidden: the scope the token is missing."));
		properties.set("reason",
				Json.string("unauthorized: what kind of token was expected (a static smcp_ token, or an "
						+ "OAuth access token) or why the presented one was refused; never the token itself."));
		properties.set("retry_after_seconds",
				Json.integer("rate_limited, backend_rate_limited, service_unavailable: seconds to wait."));
		properties.set("category", Json.string("rate_limited: the limited category, or general."));
		properties.set("limit", Json.string("rate_limited: the limit that was hit, e.g. 30/min."));
		properties.set("service",
				Json.string("service_unavailable, backend_error, backend_rate_limited: the service at fault."));
		schema.set("required", Json.strings("type", "title", "status", "code"));
		// members beyond these may be added as new errors need them
		schema.put("additionalProperties", true);
		return schema;
	}

	static ObjectNode responses() {
		ObjectNode responses = Json.object();
		for (ErrorResponse error : ALL) {
			ObjectNode response = responses.putObject(error.name());
			response.put("description", error.description());
			if (error == RATE_LIMITED) {
				ObjectNode headers = response.putObject("headers");
				headers.set("Retry-After", header("Seconds to wait before calling again."));
				headers.set("X-RateLimit-Limit", header("The limit that was hit, in requests per window."));
				headers.set("X-RateLimit-Remaining", header("Requests left in the window (0 here)."));
				headers.set("X-RateLimit-Reset", header("Unix time, in seconds, when the window resets."));
			}
			response.putObject("content").putObject(MEDIA_TYPE).set("schema", ComponentSchemas.ref(SCHEMA));
		}
		return responses;
	}

	/** {@code responses} entries that point at the shared error responses. */
	static void addRefs(ObjectNode responses, List<ErrorResponse> errors) {
		for (ErrorResponse error : errors) {
			responses.putObject(error.status()).put("$ref", "#/components/responses/" + error.name());
		}
	}

	private static ObjectNode header(String description) {
		ObjectNode header = Json.object();
		header.put("description", description);
		header.putObject("schema").put("type", "integer");
		return header;
	}

}
