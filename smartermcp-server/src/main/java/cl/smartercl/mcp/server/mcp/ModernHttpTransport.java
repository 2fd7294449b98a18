package cl.smartercl.mcp.server.mcp;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.modern.JsonRpc;
import io.modelcontextprotocol.modern.McpHttp;
import io.modelcontextprotocol.modern.McpSchema;
import io.modelcontextprotocol.modern.McpSchema.ErrorCodes;
import io.modelcontextprotocol.modern.server.McpHeaders;
import io.modelcontextprotocol.modern.server.McpRequestManager;
import io.modelcontextprotocol.modern.server.McpTransportResponse;
import io.modelcontextprotocol.modern.server.transport.McpHeaderDecoder;
import io.modelcontextprotocol.server.transport.HeaderAccessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import cl.smartercl.mcp.core.auth.Principal;
import cl.smartercl.mcp.core.error.InvalidArgumentsException;
import cl.smartercl.mcp.core.schema.ToolJson;
import cl.smartercl.mcp.core.tool.LogLevel;
import cl.smartercl.mcp.server.web.RequestContext;

/**
 * The 2026-07-28 revision of MCP on WebFlux: one stateless POST per request, answered by
 * the SDK's modern server ({@code io.modelcontextprotocol.modern.server.McpServer}) with
 * JSON or, when the request streams (progress), with an event stream that ends after the
 * result. The SDK ships this transport only for servlets and stdio; this adapter does
 * what its servlet transport does, on the body {@link StreamableHttpTransport} has
 * already read (within the size limit, after the bearer filter authenticated the caller):
 * <ul>
 * <li>the JSON-RPC message is parsed with the SDK's modern codec; a notification gets
 * 202, a response 400;</li>
 * <li>the {@code Mcp-Method}, {@code MCP-Protocol-Version} and {@code Mcp-Name} headers
 * must agree with the body (error -32020, HTTP 400, naming the header);</li>
 * <li>the transport context carries the authenticated principal, the request id and the
 * decoded {@code Mcp-*} headers (which the SDK's tools feature checks against
 * {@code x-mcp-header} parameters);</li>
 * <li>errors the specification gives a status get it (400, 404 for an unknown method),
 * every other JSON-RPC answer is 200;</li>
 * <li>log messages: this revision has no {@code logging/setLevel}; a request asks for
 * them with {@code io.modelcontextprotocol/logLevel} in {@code _meta}, which must be one
 * of the eight syslog levels (-32602, HTTP 400, otherwise), and gets them on its event
 * stream when it accepts {@code text/event-stream} ({@link ModernTools});
 * {@code server/discover} declares the {@code logging} capability, as the 2025 era's
 * {@code initialize} does (the SDK's capability builder has no setter for it).</li>
 * </ul>
 */
final class ModernHttpTransport {

	private static final Logger log = LoggerFactory.getLogger(ModernHttpTransport.class);

	private static final ServerSentEvent<String> KEEP_ALIVE = ServerSentEvent.<String>builder()
		.comment("keep-alive")
		.build();

	/**
	 * The transport context's key of whether the client accepts an event stream for its
	 * answer ({@code Boolean}).
	 */
	static final String EVENT_STREAM = "smartermcp.modern.event-stream";

	/** The levels a request may ask for, as the revision spells them. */
	private static final String LEVELS = String.join(", ", LogLevel.spellings());

	private static final Map<Integer, Integer> ERROR_STATUSES = Map.of(ErrorCodes.PARSE_ERROR, 400,
			ErrorCodes.INVALID_REQUEST, 400, ErrorCodes.INVALID_PARAMS, 400, ErrorCodes.HEADER_MISMATCH, 400,
			ErrorCodes.MISSING_REQUIRED_CLIENT_CAPABILITY, 400, ErrorCodes.UNSUPPORTED_PROTOCOL_VERSION, 400,
			ErrorCodes.METHOD_NOT_FOUND, 404);

	private final McpRequestManager server;

	private final McpJsonMapper jsonMapper;

	private final RefusalRecorder refusals;

	private final Duration keepAlive;

	private final java.util.concurrent.atomic.AtomicLong requests = new java.util.concurrent.atomic.AtomicLong();

	ModernHttpTransport(McpRequestManager server, McpJsonMapper jsonMapper, RefusalRecorder refusals,
			Duration keepAlive) {
		this.server = server;
		this.jsonMapper = jsonMapper;
		this.refusals = refusals;
		this.keepAlive = keepAlive;
	}

	/**
	 * How many POSTs this era has answered since the start (tests tell the eras apart
	 * with it).
	 */
	long requests() {
		return this.requests.get();
	}

	/** Whether a POST belongs to this era (see {@link ModernEra}). */
	boolean claims(ServerRequest request, JsonNode message) {
		return ModernEra.claims(request.headers().asHttpHeaders(), message);
	}

	/**
	 * Answers one POST.
	 * @param tree the body as a JSON tree, or {@code null} when it is not JSON
	 */
	Mono<ServerResponse> handle(ServerRequest request, Principal principal, String body, JsonNode tree) {
		this.requests.incrementAndGet();
		MediaType contentType = request.headers().contentType().orElse(null);
		if (contentType == null || !contentType.isCompatibleWith(MediaType.APPLICATION_JSON)) {
			return JsonRpcErrors.response(415, JsonRpcErrors.INVALID_REQUEST, "Content-Type must be application/json");
		}
		if (tree == null) {
			return answer(JsonRpc.JSONRPCResponse.error(null, new JsonRpc.JSONRPCResponse.JSONRPCError(
					ErrorCodes.PARSE_ERROR, "Parse error: the body is not JSON")));
		}
		String requestId = RequestContext.requestId(request.exchange());
		// the 2025 checks of a tools/call (non-object arguments are refused and put on
		// record); any other
		// method is the SDK's to judge: initialize, ping or logging/setLevel are -32601
		// in this revision
		Optional<McpMessageCheck.Rejection> rejection = McpSchema.METHOD_TOOLS_CALL.equals(
				tree.path("method").asString(null)) ? McpMessageCheck.check(tree, this.jsonMapper) : Optional.empty();
		if (rejection.isPresent()) {
			return reject(rejection.get(), principal, requestId);
		}
		JsonRpc.JSONRPCMessage message;
		try {
			message = JsonRpc.deserializeMessage(this.jsonMapper, body);
		}
		catch (IOException | RuntimeException ex) {
			return answer(JsonRpc.JSONRPCResponse.error(null,
					new JsonRpc.JSONRPCResponse.JSONRPCError(ErrorCodes.INVALID_REQUEST, "Invalid JSON-RPC message")));
		}
		McpTransportContext context = McpTransportContext.create(Map.of(McpToolSpecifications.PRINCIPAL, principal,
				McpToolSpecifications.REQUEST_ID, requestId, McpHeaders.TRANSPORT_CONTEXT_KEY,
				McpHeaderDecoder.headers(accessor(request.headers().asHttpHeaders())), EVENT_STREAM,
				acceptsEventStream(request)));
		if (message instanceof JsonRpc.JSONRPCNotification notification) {
			return this.server.handleNotification(context, notification).onErrorResume((ex) -> {
				log.debug("notification not handled: {}", ex.toString());
				return Mono.empty();
			}).then(ServerResponse.accepted().build());
		}
		if (!(message instanceof JsonRpc.JSONRPCRequest rpc)) {
			return answer(JsonRpc.JSONRPCResponse.error(null, new JsonRpc.JSONRPCResponse.JSONRPCError(
					ErrorCodes.INVALID_REQUEST, "The server accepts requests and notifications, not responses")));
		}
		String mismatch = headerMismatch(request.headers().asHttpHeaders(), rpc, tree);
		if (mismatch != null) {
			return answer(JsonRpc.JSONRPCResponse.error(rpc.id(),
					new JsonRpc.JSONRPCResponse.JSONRPCError(ErrorCodes.HEADER_MISMATCH, mismatch)));
		}
		// checked once the SDK would get past the version: a client on another revision
		// learns the supported ones first
		JsonNode meta = tree.path("params").path("_meta");
		JsonNode level = meta.path(McpSchema.MetaKeys.LOG_LEVEL);
		if (!level.isMissingNode()
				&& ModernEra.VERSIONS.contains(meta.path(McpSchema.MetaKeys.PROTOCOL_VERSION).asString(""))
				&& (!level.isString() || LogLevel.of(level.asString()) == null)) {
			return answer(JsonRpc.JSONRPCResponse.error(rpc.id(),
					new JsonRpc.JSONRPCResponse.JSONRPCError(ErrorCodes.INVALID_PARAMS, "_meta['"
							+ McpSchema.MetaKeys.LOG_LEVEL + "'] must be one of " + LEVELS + " (the lowest to send)")));
		}
		return this.server.handle(context, rpc).map((response) -> withLogging(rpc, response)).flatMap(this::respond);
	}

	/**
	 * The log level a request asked for in {@code _meta}, or {@code null} when it asked
	 * for none (or for something that is not a level: {@link #handle} refuses those).
	 */
	static LogLevel logLevel(Map<String, Object> meta) {
		return (meta != null && meta.get(McpSchema.MetaKeys.LOG_LEVEL) instanceof String level) ? LogLevel.of(level)
				: null;
	}

	/**
	 * Whether the answer may be an event stream: the client's {@code Accept} allows
	 * {@code text/event-stream} (absent, wildcards and q-parameters read leniently, as on
	 * the 2025 era).
	 */
	private static boolean acceptsEventStream(ServerRequest request) {
		List<MediaType> accepted = request.headers().accept();
		return accepted.isEmpty() || accepted.stream()
			.anyMatch((type) -> type.isCompatibleWith(MediaType.TEXT_EVENT_STREAM) && type.getQualityValue() > 0);
	}

	/**
	 * {@code server/discover}'s answer with the {@code logging} capability added: tools
	 * send log messages to requests that ask for them.
	 */
	private static McpTransportResponse withLogging(JsonRpc.JSONRPCRequest rpc, McpTransportResponse response) {
		if (!McpSchema.METHOD_SERVER_DISCOVER.equals(rpc.method())
				|| !(response instanceof McpTransportResponse.Result result)
				|| !(result.response().result() instanceof Map<?, ?> discovered)
				|| !(discovered.get("capabilities") instanceof Map<?, ?> capabilities)) {
			return response;
		}
		Map<Object, Object> declared = new LinkedHashMap<>(capabilities);
		declared.putIfAbsent("logging", Map.of());
		Map<Object, Object> answer = new LinkedHashMap<>(discovered);
		answer.put("capabilities", declared);
		return McpTransportResponse.result(JsonRpc.JSONRPCResponse.result(result.response().id(), answer));
	}

	private Mono<ServerResponse> respond(McpTransportResponse response) {
		if (response instanceof McpTransportResponse.Result result) {
			return json(200, result.response());
		}
		if (response instanceof McpTransportResponse.Error error) {
			return answer(error.response());
		}
		Flux<JsonRpc.JSONRPCMessage> messages = ((McpTransportResponse.Streaming) response).messages();
		Flux<ServerSentEvent<String>> events = messages
			.map((message) -> ServerSentEvent.builder(write(message)).event(McpHttp.MESSAGE_EVENT).build());
		Flux<ServerSentEvent<String>> withKeepAlive = events
			.publish((shared) -> shared.mergeWith(Flux.interval(this.keepAlive)
				.onBackpressureDrop()
				.map((tick) -> KEEP_ALIVE)
				.takeUntilOther(shared.then())));
		return ServerResponse.ok()
			.contentType(MediaType.TEXT_EVENT_STREAM)
			.header(HttpHeaders.CACHE_CONTROL, "no-cache, no-transform")
			.header("X-Accel-Buffering", "no")
			.body(withKeepAlive, ServerSentEvent.class);
	}

	/**
	 * A message refused before the SDK saw it ({@link McpMessageCheck}): answered in this
	 * era's terms (400 for invalid requests and params), a refused {@code tools/call} put
	 * on record first, as on the 2025 transports.
	 */
	private Mono<ServerResponse> reject(McpMessageCheck.Rejection rejection, Principal principal, String requestId) {
		Mono<Void> record = Mono.empty();
		if (rejection.refusedTool() != null) {
			record = this.refusals.record(principal, rejection.refusedTool(), rejection.arguments(), requestId,
					new InvalidArgumentsException("arguments", "expected an object of the tool's arguments"));
		}
		int status = ERROR_STATUSES.getOrDefault(rejection.code(), 200);
		return record.then(ServerResponse.status(status)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(ToolJson.mapper().writeValueAsBytes(rejection.body())));
	}

	/**
	 * What is wrong with the request's {@code Mcp-*} headers, or {@code null}: each must
	 * be given once and say what the body says (2026-07-28 › transports › Standard
	 * headers).
	 */
	static String headerMismatch(HttpHeaders headers, JsonRpc.JSONRPCRequest rpc, JsonNode tree) {
		List<String> method = values(headers, McpHttp.Headers.MCP_METHOD);
		if (method.isEmpty()) {
			return "Missing required header: Mcp-Method";
		}
		if (method.size() > 1) {
			return "Mcp-Method header has more than one value";
		}
		if (!method.get(0).equals(rpc.method())) {
			return "Mcp-Method header '" + abbreviate(method.get(0)) + "' does not match the request's method '"
					+ abbreviate(rpc.method()) + "'";
		}
		JsonNode bodyVersion = tree.path("params").path("_meta").path(McpSchema.MetaKeys.PROTOCOL_VERSION);
		if (bodyVersion.isString()) {
			List<String> version = values(headers, McpHttp.Headers.MCP_PROTOCOL_VERSION);
			if (version.isEmpty()) {
				return "Missing required header: MCP-Protocol-Version";
			}
			if (version.size() > 1) {
				return "MCP-Protocol-Version header has more than one value";
			}
			if (!version.get(0).equals(bodyVersion.asString())) {
				return "MCP-Protocol-Version header does not match the protocol version in _meta";
			}
		}
		String nameKey = switch (rpc.method()) {
			case McpSchema.METHOD_TOOLS_CALL, McpSchema.METHOD_PROMPTS_GET -> "name";
			case McpSchema.METHOD_RESOURCES_READ -> "uri";
			default -> null;
		};
		JsonNode expected = (nameKey != null) ? tree.path("params").path(nameKey) : null;
		if (expected == null || !expected.isString()) {
			return null;
		}
		List<String> name = values(headers, McpHttp.Headers.MCP_NAME);
		if (name.isEmpty()) {
			return "Missing required header: Mcp-Name";
		}
		if (name.size() > 1) {
			return "Mcp-Name header has more than one value";
		}
		String decoded = McpHeaderDecoder.decodeValue(name.get(0));
		if (decoded == null) {
			return "Mcp-Name header has a malformed Base64 value";
		}
		if (!decoded.equals(expected.asString())) {
			return "Mcp-Name header does not match the request's " + nameKey;
		}
		return null;
	}

	private Mono<ServerResponse> answer(JsonRpc.JSONRPCResponse response) {
		return json(ERROR_STATUSES.getOrDefault(response.error().code(), 200), response);
	}

	private Mono<ServerResponse> json(int status, JsonRpc.JSONRPCResponse response) {
		return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON).bodyValue(bytes(response));
	}

	/** A message as UTF-8 JSON, written once as bytes (never as a string first). */
	private byte[] bytes(Object value) {
		try {
			return this.jsonMapper.writeValueAsBytes(value);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private String write(Object value) {
		try {
			return this.jsonMapper.writeValueAsString(value);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static String abbreviate(String text) {
		return (text.length() <= 64) ? text : text.substring(0, 64) + "…";
	}

	/**
	 * Each occurrence of a header as sent (not split at commas: a name or URI may hold
	 * one).
	 */
	private static List<String> values(HttpHeaders headers, String name) {
		List<String> values = headers.get(name);
		return (values == null) ? List.of() : values;
	}

	private static HeaderAccessor accessor(HttpHeaders headers) {
		return new HeaderAccessor() {

			@Override
			public List<String> getHeader(String name) {
				return values(headers, name);
			}

			@Override
			public List<String> getHeaderNames() {
				return List.copyOf(headers.headerNames());
			}

		};
	}

}
