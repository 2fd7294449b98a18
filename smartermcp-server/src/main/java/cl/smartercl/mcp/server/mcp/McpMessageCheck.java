package cl.smartercl.mcp.server.mcp;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import cl.smartercl.mcp.core.schema.ToolJson;

/**
 * Checks a POSTed MCP message before either transport hands it to the SDK, so that client
 * input is answered with a JSON-RPC error in the protocol's own terms instead of a 500, a
 * stream that ends with no answer, or a -32603 quoting a Jackson message (issue 15 #4,
 * #5, #8):
 * <ul>
 * <li>the body must be one JSON object ({@code null}, a number, a string: -32600);</li>
 * <li>a request's {@code params}, when present, must be an object, and those of the
 * methods whose shape the SDK binds ({@code initialize}, {@code tools/call},
 * {@code logging/setLevel}, …) must bind to it (-32602 naming the member, never a Java
 * type);</li>
 * <li>{@code tools/call} with non-object {@code arguments} is -32602 naming
 * {@code arguments}, and is reported as a refused tool call so the audit trail and the
 * metrics have it.</li>
 * </ul>
 */
final class McpMessageCheck {

	static final int INVALID_PARAMS = -32602;

	private static final List<String> LEVELS = List.of("debug", "info", "notice", "warning", "error", "critical",
			"alert", "emergency");

	/** The SDK type each method's params bind to (those a client sends to a server). */
	private static final Map<String, TypeRef<?>> PARAMS = Map.of(McpSchema.METHOD_INITIALIZE,
			new TypeRef<McpSchema.InitializeRequest>() {
			}, McpSchema.METHOD_TOOLS_CALL, new TypeRef<McpSchema.CallToolRequest>() {
			}, McpSchema.METHOD_TOOLS_LIST, new TypeRef<McpSchema.PaginatedRequest>() {
			}, McpSchema.METHOD_LOGGING_SET_LEVEL, new TypeRef<McpSchema.SetLevelRequest>() {
			}, McpSchema.METHOD_RESOURCES_LIST, new TypeRef<McpSchema.PaginatedRequest>() {
			}, McpSchema.METHOD_RESOURCES_TEMPLATES_LIST, new TypeRef<McpSchema.PaginatedRequest>() {
			}, McpSchema.METHOD_RESOURCES_READ, new TypeRef<McpSchema.ReadResourceRequest>() {
			}, McpSchema.METHOD_PROMPT_LIST, new TypeRef<McpSchema.PaginatedRequest>() {
			}, McpSchema.METHOD_PROMPT_GET, new TypeRef<McpSchema.GetPromptRequest>() {
			});

	/**
	 * Why a message is refused.
	 *
	 * @param id the request's id, or {@code null} (the answer then carries
	 * {@code "id": null})
	 * @param code the JSON-RPC error code
	 * @param message the client-facing text
	 * @param refusedTool for a {@code tools/call} whose arguments are not an object, the
	 * tool's name (to put the refusal on record), else {@code null}
	 * @param arguments the arguments as sent, with {@code refusedTool}
	 */
	record Rejection(JsonNode id, int code, String message, String refusedTool, JsonNode arguments) {

		ObjectNode body() {
			ObjectNode node = JsonRpcErrors.body(this.code, this.message);
			if (this.id != null) {
				node.set("id", this.id);
			}
			return node;
		}

	}

	/** What the message is, once it passed. */
	enum Kind {

		REQUEST, NOTIFICATION, RESPONSE

	}

	private McpMessageCheck() {
	}

	/** The kind of an accepted message's tree (after {@link #check} found nothing). */
	static Kind kind(JsonNode message) {
		if (message.has("method")) {
			return message.has("id") ? Kind.REQUEST : Kind.NOTIFICATION;
		}
		return Kind.RESPONSE;
	}

	/** Parses the body as a JSON tree; empty when it is not JSON at all. */
	static Optional<JsonNode> parse(String body) {
		try {
			return Optional.ofNullable(ToolJson.mapper().readTree(body));
		}
		catch (JacksonException ex) {
			return Optional.empty();
		}
	}

	static Optional<Rejection> check(JsonNode message, McpJsonMapper mapper) {
		if (message == null || !message.isObject()) {
			return reject(null, JsonRpcErrors.INVALID_REQUEST, "the body must be one JSON-RPC message object");
		}
		JsonNode id = message.get("id");
		if (id != null && !(id.isString() || id.isIntegralNumber())) {
			return reject(null, JsonRpcErrors.INVALID_REQUEST, "'id' must be a string or an integer");
		}
		JsonNode method = message.get("method");
		if (method == null) {
			if (id == null || !(message.has("result") || message.has("error"))) {
				return reject(id, JsonRpcErrors.INVALID_REQUEST,
						"a JSON-RPC message needs 'method' (a request or notification) or 'id' with 'result' or 'error'");
			}
			return Optional.empty();
		}
		if (!method.isString()) {
			return reject(id, JsonRpcErrors.INVALID_REQUEST, "'method' must be a string");
		}
		if (id == null) {
			return Optional.empty(); // a notification: nothing is answered
		}
		JsonNode params = message.get("params");
		if (params != null && !params.isNull() && !params.isObject()) {
			return reject(id, INVALID_PARAMS, "Invalid params: 'params' must be an object");
		}
		String name = method.asString();
		if (McpSchema.METHOD_INITIALIZE.equals(name) && (params == null || !params.isObject())) {
			return reject(id, INVALID_PARAMS,
					"Invalid params: 'params' must be an object with protocolVersion, capabilities and clientInfo");
		}
		if (McpSchema.METHOD_TOOLS_CALL.equals(name)) {
			Optional<Rejection> call = checkToolCall(id, params);
			if (call.isPresent()) {
				return call;
			}
		}
		if (McpSchema.METHOD_LOGGING_SET_LEVEL.equals(name)) {
			JsonNode level = (params != null) ? params.get("level") : null;
			if (level == null || !level.isString() || !LEVELS.contains(level.asString())) {
				return reject(id, INVALID_PARAMS,
						"Invalid params: 'level' must be one of " + String.join(", ", LEVELS));
			}
		}
		if (McpSchema.METHOD_RESOURCES_READ.equals(name) && !hasString(params, "uri")) {
			return reject(id, INVALID_PARAMS, "Invalid params: resources/read needs 'params' with 'uri', a string");
		}
		if (McpSchema.METHOD_PROMPT_GET.equals(name) && !hasString(params, "name")) {
			return reject(id, INVALID_PARAMS, "Invalid params: prompts/get needs 'params' with 'name', a string");
		}
		TypeRef<?> type = PARAMS.get(name);
		if (type != null && params != null && params.isObject()) {
			try {
				mapper.convertValue(ToolJson.mapper().convertValue(params, Map.class), type);
			}
			catch (RuntimeException ex) {
				return reject(id, INVALID_PARAMS, "Invalid params for '" + name + "'" + member(ex));
			}
		}
		return Optional.empty();
	}

	private static boolean hasString(JsonNode params, String member) {
		return params != null && params.path(member).isString();
	}

	private static Optional<Rejection> checkToolCall(JsonNode id, JsonNode params) {
		if (params == null || !params.isObject()) {
			return reject(id, INVALID_PARAMS, "Invalid params: tools/call needs 'params' with 'name'");
		}
		JsonNode name = params.get("name");
		if (name == null || !name.isString()) {
			return reject(id, INVALID_PARAMS, "Invalid params: 'name' must be a string");
		}
		JsonNode arguments = params.get("arguments");
		if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
			return Optional.of(new Rejection(id, INVALID_PARAMS,
					"Invalid params: 'arguments' must be an object of the tool's arguments", name.asString(),
					arguments));
		}
		JsonNode meta = params.get("_meta");
		if (meta != null && !meta.isNull() && !meta.isObject()) {
			return reject(id, INVALID_PARAMS, "Invalid params: '_meta' must be an object");
		}
		return Optional.empty();
	}

	/**
	 * ": member 'x'" from a binding failure's path, or nothing: never the exception's own
	 * text.
	 */
	private static String member(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof tools.jackson.databind.DatabindException databind) {
				StringBuilder path = new StringBuilder();
				Iterator<tools.jackson.core.JacksonException.Reference> references = databind.getPath().iterator();
				while (references.hasNext()) {
					tools.jackson.core.JacksonException.Reference reference = references.next();
					if (reference.getPropertyName() != null) {
						path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
					}
					else if (reference.getIndex() >= 0) {
						path.append('[').append(reference.getIndex()).append(']');
					}
				}
				if (!path.isEmpty()) {
					return ": member '" + path + "' has the wrong type or value";
				}
			}
		}
		return ": the params do not match the MCP schema of the method";
	}

	private static Optional<Rejection> reject(JsonNode id, int code, String message) {
		return Optional.of(new Rejection(id, code, message, null, null));
	}

}
