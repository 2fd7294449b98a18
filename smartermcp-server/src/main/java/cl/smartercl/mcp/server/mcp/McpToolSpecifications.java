package cl.smartercl.mcp.server.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpAsyncListFilter;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import cl.smartercl.mcp.core.auth.Principal;
import cl.smartercl.mcp.core.tool.Transport;
import cl.smartercl.mcp.core.error.ToolException;
import cl.smartercl.mcp.core.error.UnauthorizedException;
import cl.smartercl.mcp.core.schema.ClientText;
import cl.smartercl.mcp.core.schema.ToolJson;
import cl.smartercl.mcp.core.tool.Catalog;
import cl.smartercl.mcp.core.tool.ToolDefinition;
import cl.smartercl.mcp.core.tool.ToolDescriptor;
import cl.smartercl.mcp.server.dispatch.ToolDispatcher;

/**
 * The catalog as MCP tool specifications, built once and shared by both transports. Every
 * call goes through the dispatcher; every failure becomes an {@code isError} result whose
 * text is the safe message and whose structured content carries the error code and
 * details (e.g. the retry-after of a rate limit) — never a JSON-RPC error with exception
 * text (mcp-checklist F4, K7).
 */
public final class McpToolSpecifications {

	/** Transport-context key of the authenticated {@link Principal}. */
	static final String PRINCIPAL = "principal";

	/** Transport-context key of the request id. */
	static final String REQUEST_ID = "requestId";

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private McpToolSpecifications() {
	}

	public static List<McpServerFeatures.AsyncToolSpecification> of(Catalog catalog, ToolDispatcher dispatcher) {
		return catalog.tools().stream().map((tool) -> specification(tool, dispatcher)).toList();
	}

	/**
	 * Hides from {@code tools/list} the tools the caller's scopes do not allow and those
	 * its tenant's configuration cannot serve (calls are checked anyway). The SDK asks it
	 * per request with the caller's transport context, so each token sees its own
	 * tenant's list.
	 */
	public static McpAsyncListFilter<McpSchema.Tool> visibilityFilter(ToolDispatcher dispatcher) {
		return (context, tool) -> Mono
			.just(principal(context).map((principal) -> dispatcher.isVisible(principal, tool.name())).orElse(false));
	}

	/**
	 * The catalog's MCP descriptors, in catalog order (the 2026-07-28 era shows the same
	 * ones).
	 */
	static List<McpSchema.Tool> descriptors(Catalog catalog) {
		return catalog.tools().stream().map(McpToolSpecifications::descriptor).toList();
	}

	private static McpServerFeatures.AsyncToolSpecification specification(ToolDefinition<?, ?> tool,
			ToolDispatcher dispatcher) {
		return McpServerFeatures.AsyncToolSpecification.builder()
			.tool(descriptor(tool))
			.callHandler((exchange, request) -> call(dispatcher, exchange, request))
			.build();
	}

	private static McpSchema.Tool descriptor(ToolDefinition<?, ?> tool) {
		ToolDescriptor described = ToolDescriptor.of(tool);
		return McpSchema.Tool.builder()
			.name(described.name())
			.description(described.description())
			.inputSchema(ToolJson.mapper().convertValue(described.inputSchema(), MAP))
			.outputSchema(ToolJson.mapper().convertValue(withErrorMember(described.outputSchema()), MAP))
			.annotations(new McpSchema.ToolAnnotations(null, described.annotations().readOnlyHint(),
					described.annotations().destructiveHint(), described.annotations().idempotentHint(),
					described.annotations().openWorldHint(), null))
			.build();
	}

	/**
	 * A failed call's structured content is {@code {"error": {...}}}. Clients validate
	 * structured content against the output schema even on an {@code isError} result (the
	 * TypeScript SDK does), so the MCP output schema declares that member, and an
	 * output's required members are required only when there is no error: {@code anyOf:
	 * [{required: [...]}, {required: ["error"]}]}. No output record has a property of
	 * that name.
	 */
	static ObjectNode withErrorMember(ObjectNode schema) {
		ObjectNode error = ((ObjectNode) schema.path("properties")).putObject("error");
		error.put("type", "object");
		error.put("description", "Present only on a failed call (isError): code, status, message, retryable, "
				+ "and details such as retry_after_seconds, argument or required_scope.");
		if (schema.path("required").isArray() && !schema.path("required").isEmpty()) {
			ArrayNode either = schema.putArray("anyOf");
			either.addObject().set("required", schema.remove("required"));
			either.addObject().putArray("required").add("error");
		}
		return schema;
	}

	private static Mono<McpSchema.CallToolResult> call(ToolDispatcher dispatcher, McpAsyncServerExchange exchange,
			McpSchema.CallToolRequest request) {
		McpTransportContext context = exchange.transportContext();
		String requestId = (context.get(REQUEST_ID) instanceof String id) ? id : UUID.randomUUID().toString();
		Principal principal = principal(context).orElse(null);
		if (principal == null) {
			return Mono.just(error(new UnauthorizedException()));
		}
		JsonNode arguments = (request.arguments() == null) ? null : ToolJson.mapper().valueToTree(request.arguments());
		McpClientChannel channel = new McpClientChannel(exchange, request.progressToken());
		return dispatcher.call(principal, request.name(), arguments, channel, requestId, Transport.MCP)
			.map((result) -> success(request.name(), result))
			.onErrorResume(ToolException.class, (ex) -> Mono.just(error(ex)));
	}

	static McpSchema.CallToolResult success(String tool, JsonNode result) {
		// the result tree itself, not a Map copy of it: the SDK's mapper (Jackson 3, as
		// ToolJson's) writes it,
		// and OutputSchemaValidator validates it as it is
		McpSchema.CallToolResult.Builder builder = McpSchema.CallToolResult.builder()
			.structuredContent(result)
			.isError(false);
		JsonNode files = result.path("files");
		if (files.isArray() && !files.isEmpty()) {
			// generated code: each file also travels as an embedded resource a client can
			// save as is,
			// and the text names the files instead of repeating their content
			StringBuilder text = new StringBuilder("Generated ").append(files.size()).append(" file(s):");
			for (JsonNode file : files) {
				String path = file.path("path").asString();
				text.append("\n- ").append(path);
				builder.addContent(new McpSchema.EmbeddedResource(null,
						new McpSchema.TextResourceContents("smartermcp://generated/" + tool + "/" + path,
								path.endsWith(".csv") ? "text/csv" : "text/plain", file.path("content").asString())));
			}
			return builder.content(prepend(text.toString(), builder)).build();
		}
		return builder.addTextContent(ToolJson.mapper().writeValueAsString(result)).build();
	}

	private static List<McpSchema.Content> prepend(String text, McpSchema.CallToolResult.Builder builder) {
		List<McpSchema.Content> content = new java.util.ArrayList<>();
		content.add(new McpSchema.TextContent(text));
		content.addAll(builder.build().content());
		return content;
	}

	static McpSchema.CallToolResult error(ToolException ex) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("code", ex.code());
		error.put("status", ex.status());
		String message = ClientText.sanitize(ex.getMessage());
		error.put("message", message);
		error.put("retryable", ex.retryable());
		error.putAll(ex.details());
		return McpSchema.CallToolResult.builder()
			.addTextContent(message)
			.structuredContent(Map.of("error", error))
			.isError(true)
			.build();
	}

	private static java.util.Optional<Principal> principal(McpTransportContext context) {
		return (context != null && context.get(PRINCIPAL) instanceof Principal principal)
				? java.util.Optional.of(principal) : java.util.Optional.empty();
	}

}
