package cl.smartercl.mcp.server.mcp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Collections;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.modern.McpException;
import io.modelcontextprotocol.modern.McpSchema;
import io.modelcontextprotocol.modern.server.InputResponses;
import io.modelcontextprotocol.modern.server.McpAsyncNotifier;
import io.modelcontextprotocol.modern.server.McpAsyncResponse;
import io.modelcontextprotocol.modern.server.McpRequestContext;
import io.modelcontextprotocol.modern.server.feature.McpAsyncTool;
import io.modelcontextprotocol.modern.server.feature.McpAsyncToolRepository;
import io.modelcontextprotocol.modern.server.feature.ToolsPage;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import cl.smartercl.mcp.core.auth.Principal;
import cl.smartercl.mcp.core.error.ToolException;
import cl.smartercl.mcp.core.error.UnauthorizedException;
import cl.smartercl.mcp.core.schema.ToolJson;
import cl.smartercl.mcp.core.tool.Catalog;
import cl.smartercl.mcp.core.tool.LogLevel;
import cl.smartercl.mcp.core.tool.Transport;
import cl.smartercl.mcp.server.dispatch.CallMetadata;
import cl.smartercl.mcp.server.dispatch.ToolDispatcher;

/**
 * The catalog as the 2026-07-28 server's tools: the same descriptors, the same dispatcher
 * (scopes, tenants, limits, metrics, audit) and the same result and error shapes as the
 * 2025 era ({@link McpToolSpecifications}), so a tool behaves identically on both.
 * <ul>
 * <li>{@code tools/list} shows what the caller's token may call and its tenant can serve,
 * so the list is {@code cacheScope: private}, with a short {@code ttlMs};</li>
 * <li>{@code tools/call} of a tool the caller may not see still reaches the dispatcher,
 * which refuses and records it, exactly as on the 2025 era (the SDK's list filter hides,
 * it does not guard);</li>
 * <li>a tool that asks the client's model (sampling), or a destructive call that asks the
 * user to confirm (elicitation), ends its round with {@code input_required}; the answers
 * collected so far travel in the request state, which the server seals with its HMAC
 * codec, bound to the caller's token, the tool and an expiry, and which also pins the
 * arguments (a retry with other arguments is refused); the round is on record (audit,
 * metrics) as {@code input_required};</li>
 * <li>a call answers with an event stream when the client accepts one and the request
 * gave a progress token or asked for log messages
 * ({@code io.modelcontextprotocol/logLevel} in {@code _meta}); progress and the log
 * messages at or above that level travel on it before the result. Otherwise the answer is
 * one JSON object and nothing else is sent.</li>
 * </ul>
 */
final class ModernTools implements McpAsyncToolRepository {

	private static final TypeRef<Map<String, Object>> MAP = new TypeRef<>() {
	};

	private final ToolDispatcher dispatcher;

	private final McpJsonMapper jsonMapper;

	private final long listTtlMs;

	/** The modern descriptors by name, in catalog order. */
	private final Map<String, McpSchema.Tool> tools = new LinkedHashMap<>();

	/** The input schemas of {@link #tools}, by identity (see {@link #validator}). */
	private final Set<Map<String, Object>> inputSchemas = Collections.newSetFromMap(new IdentityHashMap<>());

	ModernTools(Catalog catalog, ToolDispatcher dispatcher, McpJsonMapper jsonMapper, Duration listTtl) {
		this.dispatcher = dispatcher;
		this.jsonMapper = jsonMapper;
		this.listTtlMs = listTtl.toMillis();
		for (McpSchema.Tool tool : descriptors(catalog, jsonMapper)) {
			this.tools.put(tool.name(), tool);
			this.inputSchemas.add(tool.inputSchema());
		}
	}

	/** The 2025 era's descriptors, field by field, as modern ones. */
	private static List<McpSchema.Tool> descriptors(Catalog catalog, McpJsonMapper jsonMapper) {
		return McpToolSpecifications.descriptors(catalog).stream().map((tool) -> {
			McpSchema.Tool.Builder builder = McpSchema.Tool.builder(tool.name(), tool.inputSchema())
				.description(tool.description())
				.outputSchema(tool.outputSchema());
			if (tool.annotations() != null) {
				builder
					.annotations(new McpSchema.ToolAnnotations.Builder().readOnlyHint(tool.annotations().readOnlyHint())
						.destructiveHint(tool.annotations().destructiveHint())
						.idempotentHint(tool.annotations().idempotentHint())
						.openWorldHint(tool.annotations().openWorldHint())
						.build());
			}
			return builder.build();
		}).toList();
	}

	/**
	 * Checks tool output against its output schema (as the 2025 SDK does) but lets every
	 * input through: the dispatcher validates arguments, with the same wording as REST
	 * and the 2025 era.
	 */
	JsonSchemaValidator validator(JsonSchemaValidator outputs) {
		return (schema, instance) -> this.inputSchemas.contains(schema)
				? JsonSchemaValidator.ValidationResponse.asValid(null) : outputs.validate(schema, instance);
	}

	@Override
	public Mono<ToolsPage> list(McpRequestContext context, String cursor) {
		List<McpSchema.Tool> visible = principal(context)
			.map((principal) -> this.dispatcher.visibleTools(principal)
				.stream()
				.map((tool) -> this.tools.get(tool.name()))
				.toList())
			.orElse(List.of());
		return Mono.just(new ToolsPage(visible, null, this.listTtlMs, McpSchema.CacheScope.PRIVATE));
	}

	@Override
	public Mono<McpAsyncTool> find(McpRequestContext context, String name) {
		McpSchema.Tool tool = this.tools.get(name);
		return (tool == null) ? Mono.empty() : Mono.just(McpAsyncTool.of(tool, this::call));
	}

	private Mono<McpAsyncResponse<McpSchema.CallToolOutcome>> call(McpRequestContext context,
			McpSchema.CallToolRequest request) {
		Principal principal = principal(context).orElse(null);
		if (principal == null) {
			return Mono.just(McpAsyncResponse.result(modern(McpToolSpecifications.error(new UnauthorizedException()))));
		}
		JsonNode arguments = (request.arguments() == null) ? null : ToolJson.mapper().valueToTree(request.arguments());
		String digest = digest(arguments);
		Map<String, String> answers = answers(request, digest);
		LogLevel logLevel = ModernHttpTransport.logLevel(context.meta());
		boolean streams = Boolean.TRUE.equals(context.transportContext().get(ModernHttpTransport.EVENT_STREAM))
				&& (context.progressToken() != null || logLevel != null);
		if (streams) {
			return Mono.just(McpAsyncResponse.streaming(
					(notifier) -> run(context, principal, request, arguments, digest, answers, notifier, logLevel)));
		}
		return run(context, principal, request, arguments, digest, answers, null, null).map(McpAsyncResponse::result);
	}

	/**
	 * One round: the call through the dispatcher, unless the tool asks the client
	 * something it has no answer for yet; then the run is cancelled (on record as
	 * {@code input_required}) and the round ends with {@code input_required}.
	 * @param notifier the call's event stream, or {@code null} when it answers JSON
	 * @param logLevel the log messages asked for, or {@code null}
	 */
	private Mono<McpSchema.CallToolOutcome> run(McpRequestContext context, Principal principal,
			McpSchema.CallToolRequest request, JsonNode arguments, String digest, Map<String, String> answers,
			McpAsyncNotifier notifier, LogLevel logLevel) {
		String requestId = (context.transportContext().get(McpToolSpecifications.REQUEST_ID) instanceof String id) ? id
				: UUID.randomUUID().toString();
		CallMetadata metadata = new CallMetadata();
		ModernClientChannel channel = new ModernClientChannel(context, notifier, answers, metadata, logLevel);
		Mono<McpSchema.CallToolOutcome> done = this.dispatcher
			.call(principal, request.name(), arguments, channel, requestId, Transport.MCP, metadata)
			.map((result) -> (McpSchema.CallToolOutcome) modern(McpToolSpecifications.success(request.name(), result)))
			.onErrorResume(ToolException.class, (ex) -> Mono.just(modern(McpToolSpecifications.error(ex))));
		Mono<McpSchema.CallToolOutcome> ask = channel.pending().map((pending) -> {
			McpSchema.InputRequiredResult.Builder builder = McpSchema.InputRequiredResult.builder();
			if (pending.sampling() != null) {
				builder.createMessage(pending.key(), pending.sampling());
			}
			else {
				builder.elicit(pending.key(), pending.elicitation());
			}
			return builder.requestState(state(digest, channel.answers(), pending.key())).build();
		});
		return Mono.firstWithSignal(done, ask);
	}

	/**
	 * The answers of earlier rounds (from the opened request state) and of this one
	 * ({@code inputResponses}). A request state made for other arguments is refused. A
	 * confirmation is taken only as the answer to the question the sealed state says was
	 * asked: a client cannot confirm a call before it is asked.
	 */
	private Map<String, String> answers(McpSchema.CallToolRequest request, String digest) {
		Map<String, String> answers = new LinkedHashMap<>();
		String asked = null;
		if (request.requestState() != null) {
			JsonNode state;
			try {
				state = ToolJson.mapper().readTree(request.requestState());
			}
			catch (JacksonException ex) {
				throw McpException.invalidParams("Invalid requestState");
			}
			if (!digest.equals(state.path("arguments").asString(""))) {
				throw McpException.invalidParams("requestState belongs to a call with other arguments; "
						+ "retry with the arguments of the first round");
			}
			state.path("answers")
				.properties()
				.forEach((entry) -> answers.put(entry.getKey(), entry.getValue().asString()));
			asked = state.path("asked").asString(null);
		}
		if (request.inputResponses() != null) {
			for (String key : request.inputResponses().keySet()) {
				if (key.startsWith(ModernClientChannel.CONFIRMATION) && key.equals(asked)) {
					McpSchema.ElicitResult result = InputResponses.get(request.inputResponses(), key,
							McpSchema.ElicitResult.class, this.jsonMapper);
					if (result == null || result.action() == null) {
						throw McpException.invalidParams("inputResponses['" + key + "'] must be an elicitation result "
								+ "(action accept, decline or cancel)");
					}
					answers.put(key, ModernClientChannel.answer(result).name());
					continue;
				}
				if (!key.startsWith(ModernClientChannel.SAMPLING)) {
					continue; // an answer nobody asked for is ignored
				}
				McpSchema.CreateMessageResult result = InputResponses.get(request.inputResponses(), key,
						McpSchema.CreateMessageResult.class, this.jsonMapper);
				if (result == null || !(result.content() instanceof McpSchema.TextContent text)) {
					throw McpException
						.invalidParams("inputResponses['" + key + "'] must be a sampling result with text content");
				}
				answers.put(key, text.text());
			}
		}
		return answers;
	}

	private static String state(String digest, Map<String, String> answers, String asked) {
		Map<String, Object> state = new LinkedHashMap<>();
		state.put("arguments", digest);
		state.put("answers", new TreeMap<>(answers));
		state.put("asked", asked);
		return ToolJson.mapper().writeValueAsString(state);
	}

	/**
	 * SHA-256 of the arguments with object members in name order, so member order does
	 * not matter.
	 */
	static String digest(JsonNode arguments) {
		StringBuilder canonical = new StringBuilder();
		canonical(arguments, canonical);
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256")
					.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void canonical(JsonNode node, StringBuilder out) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			out.append("null");
		}
		else if (node.isObject()) {
			TreeMap<String, JsonNode> members = new TreeMap<>();
			node.properties().forEach((entry) -> members.put(entry.getKey(), entry.getValue()));
			out.append('{');
			members.forEach((name, value) -> {
				out.append(ToolJson.mapper().writeValueAsString(name)).append(':');
				canonical(value, out);
				out.append(',');
			});
			out.append('}');
		}
		else if (node.isArray()) {
			out.append('[');
			node.forEach((item) -> {
				canonical(item, out);
				out.append(',');
			});
			out.append(']');
		}
		else {
			out.append(ToolJson.mapper().writeValueAsString(node));
		}
	}

	/** A 2025-era result (what both eras compute) in the modern schema. */
	private McpSchema.CallToolResult modern(io.modelcontextprotocol.spec.McpSchema.CallToolResult result) {
		return McpSchema.CallToolResult.builder()
			.content(result.content().stream().map(ModernTools::modern).toList())
			.structuredContent((result.structuredContent() == null) ? null
					: this.jsonMapper.convertValue(result.structuredContent(), MAP))
			.isError(Boolean.TRUE.equals(result.isError()))
			.build();
	}

	/**
	 * The content kinds a tool result holds: text, and generated files as embedded text
	 * resources.
	 */
	private static McpSchema.Content modern(io.modelcontextprotocol.spec.McpSchema.Content content) {
		if (content instanceof io.modelcontextprotocol.spec.McpSchema.TextContent text) {
			return McpSchema.TextContent.builder(text.text()).build();
		}
		if (content instanceof io.modelcontextprotocol.spec.McpSchema.EmbeddedResource embedded
				&& embedded.resource() instanceof io.modelcontextprotocol.spec.McpSchema.TextResourceContents file) {
			return McpSchema.EmbeddedResource.builder(
					McpSchema.TextResourceContents.builder(file.uri(), file.text()).mimeType(file.mimeType()).build())
				.build();
		}
		throw new IllegalStateException("no modern form for tool content " + content.getClass().getSimpleName());
	}

	private static java.util.Optional<Principal> principal(McpRequestContext context) {
		return (context.transportContext() != null
				&& context.transportContext().get(McpToolSpecifications.PRINCIPAL) instanceof Principal principal)
						? java.util.Optional.of(principal) : java.util.Optional.empty();
	}

}
