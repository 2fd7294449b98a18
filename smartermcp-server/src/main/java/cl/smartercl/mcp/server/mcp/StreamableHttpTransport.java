package cl.smartercl.mcp.server.mcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.HttpHeaders;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransport;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.ProtocolVersions;
import tools.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import cl.smartercl.mcp.core.auth.Principal;
import cl.smartercl.mcp.core.error.InvalidArgumentsException;
import cl.smartercl.mcp.core.schema.ToolJson;
import cl.smartercl.mcp.server.web.RequestBodies;
import cl.smartercl.mcp.server.web.RequestContext;

/**
 * The MCP Streamable HTTP transport (spec 2025-11-25, "Transports") on one endpoint,
 * written against the SDK's session SPI because the WebFlux provider of
 * mcp-spring-webflux 2.0.0 (the newest served) keeps deleted sessions alive, never
 * expires idle ones, answers errors with serialized Java exceptions and accepts
 * {@code initialize} on an existing session (mcp-checklist K1, K6, K13). Here:
 * <ul>
 * <li>a session belongs to the token that opened it; another token gets 404, as does a
 * deleted or expired session;</li>
 * <li>sessions idle longer than the configured timeout are closed, and their number is
 * capped overall and per token;</li>
 * <li>an unsupported {@code MCP-Protocol-Version} gets 400 (K2), an oversized body 413
 * (K14);</li>
 * <li>{@code Accept} is read leniently (K10); every SSE stream starts with a comment, so
 * headers reach the client at once, and carries keep-alive comments (t3, K11);</li>
 * <li>a request whose first message is its own response is answered as one
 * {@code application/json} object when the client accepts it; one that notifies or asks
 * the client first, or sends nothing for a second, gets an SSE stream
 * ({@link PostStream}, docs/mcp.md);</li>
 * <li>every error body is a JSON-RPC error object.</li>
 * </ul>
 * Authentication happens before, in the bearer filter, on every request.
 */
public final class StreamableHttpTransport implements McpStreamableServerTransportProvider {

	private static final Logger log = LoggerFactory.getLogger(StreamableHttpTransport.class);

	/**
	 * The SSE frames are written as bytes, in the format Spring's SSE writer gives
	 * ({@code id:…}, {@code event:message}, {@code data:…}, no space after the colon).
	 */
	private static final byte[] STREAM_OPEN = ":stream open\n\n".getBytes(StandardCharsets.UTF_8);

	private static final byte[] KEEP_ALIVE = ":keep-alive\n\n".getBytes(StandardCharsets.UTF_8);

	private static final MediaType EVENT_STREAM = new MediaType(MediaType.TEXT_EVENT_STREAM, StandardCharsets.UTF_8);

	/**
	 * The longest a request's first message is held back to see whether it is the one
	 * answer (then sent as {@code application/json}); past it the answer is an SSE
	 * stream, which sends its headers and keep-alives at once. Never longer than the
	 * keep-alive interval.
	 */
	static final Duration SINGLE_ANSWER_WAIT = Duration.ofSeconds(1);

	static final List<String> PROTOCOL_VERSIONS = List.of(ProtocolVersions.MCP_2024_11_05,
			ProtocolVersions.MCP_2025_03_26, ProtocolVersions.MCP_2025_06_18, ProtocolVersions.MCP_2025_11_25);

	private final String endpoint;

	private final McpJsonMapper jsonMapper;

	private final Settings settings;

	private final RefusalRecorder refusals;

	private final Map<String, Entry> sessions = new ConcurrentHashMap<>();

	private final AtomicInteger openStreams = new AtomicInteger();

	private final Disposable sweeper;

	/**
	 * One keep-alive timer for every open stream: each stream used to start its own
	 * interval, a scheduled task created and cancelled per tools/call
	 * (benchmarks/RESULTS.md). Best effort: a stream that cannot take a tick now (slow
	 * reader) skips it instead of holding up the others.
	 */
	private final Sinks.Many<Long> keepAliveTicks = Sinks.many().multicast().directBestEffort();

	private final Disposable keepAliveTimer;

	/**
	 * Requests whose first message has not come yet; one shared timer turns those waiting
	 * longer than {@link #singleAnswerWait} into SSE streams (a timer per request would
	 * cost a scheduled task per call).
	 */
	private final Set<PostStream> undecided = ConcurrentHashMap.newKeySet();

	private final Duration singleAnswerWait;

	private final Disposable decisionTimer;

	private volatile McpStreamableServerSession.Factory sessionFactory;

	/** The 2026-07-28 era on the same endpoint, once wired ({@link #serveModernEra}). */
	private volatile ModernHttpTransport modern;

	private volatile boolean closing;

	private final Clock clock;

	/**
	 * @param maxBodyBytes the largest accepted body
	 * @param idleTimeout sessions unused this long (and with no open stream) are closed
	 * @param maxSessions the most sessions overall
	 * @param maxSessionsPerToken the most sessions one token may hold
	 * @param keepAlive interval of keep-alive comments on open streams
	 */
	public record Settings(long maxBodyBytes, Duration idleTimeout, int maxSessions, int maxSessionsPerToken,
			Duration keepAlive) {
	}

	/** {@code lastSeen}: epoch milliseconds of the transport's clock. */
	private record Entry(McpStreamableServerSession session, String tokenId, AtomicLong lastSeen, AtomicInteger streams,
			Clock clock) {

		void touch() {
			this.lastSeen.set(this.clock.millis());
		}

	}

	public StreamableHttpTransport(String endpoint, McpJsonMapper jsonMapper, Settings settings) {
		this(endpoint, jsonMapper, settings, RefusalRecorder.NONE);
	}

	public StreamableHttpTransport(String endpoint, McpJsonMapper jsonMapper, Settings settings,
			RefusalRecorder refusals) {
		this(endpoint, jsonMapper, settings, refusals, Clock.systemUTC());
	}

	/**
	 * @param clock what idle time is measured with (tests move a clock of their own)
	 */
	public StreamableHttpTransport(String endpoint, McpJsonMapper jsonMapper, Settings settings,
			RefusalRecorder refusals, Clock clock) {
		this.clock = clock;
		this.endpoint = endpoint;
		this.refusals = refusals;
		this.jsonMapper = jsonMapper;
		this.settings = settings;
		Duration sweep = settings.idleTimeout().dividedBy(4);
		sweep = (sweep.compareTo(Duration.ofSeconds(30)) > 0) ? Duration.ofSeconds(30) : sweep;
		sweep = (sweep.compareTo(Duration.ofMillis(100)) < 0) ? Duration.ofMillis(100) : sweep;
		this.sweeper = Flux.interval(sweep, sweep, Schedulers.parallel()).subscribe((tick) -> expireIdle());
		this.keepAliveTimer = Flux.interval(settings.keepAlive(), settings.keepAlive(), Schedulers.parallel())
			.subscribe(this.keepAliveTicks::tryEmitNext);
		this.singleAnswerWait = (settings.keepAlive().compareTo(SINGLE_ANSWER_WAIT) < 0) ? settings.keepAlive()
				: SINGLE_ANSWER_WAIT;
		Duration decisionTick = this.singleAnswerWait.dividedBy(4);
		this.decisionTimer = Flux.interval(decisionTick, decisionTick, Schedulers.parallel())
			.subscribe((tick) -> streamTheSlowOnes());
	}

	public RouterFunction<ServerResponse> routerFunction() {
		return RouterFunctions.route()
			.POST(this.endpoint, this::handlePost)
			.GET(this.endpoint, this::handleGet)
			.DELETE(this.endpoint, this::handleDelete)
			.build();
	}

	/**
	 * Hands the POSTs that carry 2026-07-28 markers ({@link ModernEra}) to the modern,
	 * stateless server; everything else stays on this transport's sessions.
	 */
	void serveModernEra(ModernHttpTransport modern) {
		this.modern = modern;
	}

	/** Open sessions, for the active-connections gauge. */
	public int sessionCount() {
		return this.sessions.size();
	}

	/** Open SSE streams (listening and per request). */
	public int openStreamCount() {
		return this.openStreams.get();
	}

	@Override
	public List<String> protocolVersions() {
		return PROTOCOL_VERSIONS;
	}

	@Override
	public void setSessionFactory(McpStreamableServerSession.Factory sessionFactory) {
		this.sessionFactory = sessionFactory;
	}

	@Override
	public Mono<Void> notifyClients(String method, Object params) {
		return Flux.fromIterable(this.sessions.values())
			.flatMap((entry) -> entry.session().sendNotification(method, params).onErrorResume((ex) -> {
				log.debug("notification {} not delivered to a session: {}", method, ex.toString());
				return Mono.empty();
			}))
			.then();
	}

	@Override
	public Mono<Void> notifyClient(String sessionId, String method, Object params) {
		Entry entry = this.sessions.get(sessionId);
		return (entry == null) ? Mono.empty() : entry.session().sendNotification(method, params);
	}

	@Override
	public Mono<Void> closeGracefully() {
		this.closing = true;
		this.sweeper.dispose();
		this.keepAliveTimer.dispose();
		this.decisionTimer.dispose();
		this.keepAliveTicks.tryEmitComplete();
		return Flux.fromIterable(List.copyOf(this.sessions.values()))
			.flatMap((entry) -> entry.session().closeGracefully().onErrorResume((ex) -> Mono.empty()))
			.then(Mono.fromRunnable(this.sessions::clear));
	}

	private Mono<ServerResponse> handlePost(ServerRequest request) {
		if (this.closing) {
			return JsonRpcErrors.response(503, JsonRpcErrors.SERVER_ERROR, "the server is shutting down");
		}
		Principal principal = RequestContext.principal(request.exchange()).orElse(null);
		if (principal == null) {
			return JsonRpcErrors.response(401, JsonRpcErrors.SERVER_ERROR,
					"Unauthorized - Invalid or expired API token");
		}
		if (!accepts(request, MediaType.APPLICATION_JSON) && !accepts(request, MediaType.TEXT_EVENT_STREAM)) {
			return JsonRpcErrors.response(406, JsonRpcErrors.INVALID_REQUEST,
					"Accept must allow application/json and text/event-stream");
		}
		McpTransportContext context = context(request, principal);
		return RequestBodies.readText(request, this.settings.maxBodyBytes())
			.flatMap((body) -> dispatch(request, principal, context, body))
			.onErrorResume(RequestBodies.PayloadTooLargeException.class, (ex) -> JsonRpcErrors.response(413,
					JsonRpcErrors.INVALID_REQUEST, "request body larger than " + ex.maxBytes() + " bytes"));
	}

	private Mono<ServerResponse> dispatch(ServerRequest request, Principal principal, McpTransportContext context,
			String body) {
		if (body.stripLeading().startsWith("[")) {
			return JsonRpcErrors.response(400, JsonRpcErrors.INVALID_REQUEST,
					"JSON-RPC batches are not supported; send one message per request");
		}
		JsonNode tree = McpMessageCheck.parse(body).orElse(null);
		ModernHttpTransport modern = this.modern;
		if (modern != null && modern.claims(request, tree)) {
			return modern.handle(request, principal, body, tree);
		}
		if (tree == null) {
			return JsonRpcErrors.response(400, JsonRpcErrors.PARSE_ERROR, "the body is not a JSON-RPC message");
		}
		java.util.Optional<McpMessageCheck.Rejection> rejection = McpMessageCheck.check(tree, this.jsonMapper);
		if (rejection.isPresent()) {
			return reject(rejection.get(), principal, context);
		}
		McpSchema.JSONRPCMessage message;
		try {
			message = McpSchema.deserializeJsonRpcMessage(this.jsonMapper, body);
		}
		catch (IOException | RuntimeException ex) {
			return JsonRpcErrors.response(400, JsonRpcErrors.INVALID_REQUEST,
					"the body is not a valid JSON-RPC message");
		}
		String sessionId = request.headers().firstHeader(HttpHeaders.MCP_SESSION_ID);
		if (message instanceof McpSchema.JSONRPCRequest rpc && McpSchema.METHOD_INITIALIZE.equals(rpc.method())) {
			if (sessionId != null) {
				return JsonRpcErrors.response(400, JsonRpcErrors.INVALID_REQUEST,
						"initialize must not carry an Mcp-Session-Id; the session is already initialized");
			}
			return initialize(rpc, principal, context);
		}
		String version = request.headers().firstHeader(HttpHeaders.PROTOCOL_VERSION);
		if (version != null && !PROTOCOL_VERSIONS.contains(version)) {
			return JsonRpcErrors.response(400, JsonRpcErrors.INVALID_REQUEST, "unsupported MCP-Protocol-Version '"
					+ version + "'; supported: " + String.join(", ", PROTOCOL_VERSIONS));
		}
		if (sessionId == null) {
			return JsonRpcErrors.response(400, JsonRpcErrors.INVALID_REQUEST,
					"Mcp-Session-Id header is required; initialize first");
		}
		Entry entry = ownedSession(sessionId, principal);
		if (entry == null) {
			return sessionNotFound();
		}
		entry.touch();
		if (message instanceof McpSchema.JSONRPCResponse response) {
			// a response (or error) for an id the server never asked, or no longer waits
			// for, is dropped:
			// 202, the message was received; there is nothing to answer
			return entry.session().accept(response).onErrorResume((ex) -> {
				log.debug("stray JSON-RPC response dropped: {}", ex.toString());
				return Mono.empty();
			}).then(ServerResponse.accepted().build());
		}
		if (message instanceof McpSchema.JSONRPCNotification notification) {
			return entry.session().accept(notification).onErrorResume((ex) -> {
				log.debug("notification not handled: {}", ex.toString());
				return Mono.empty();
			}).then(ServerResponse.accepted().build());
		}
		McpSchema.JSONRPCRequest rpc = (McpSchema.JSONRPCRequest) message;
		PostStream stream = new PostStream(rpc.id(), accepts(request, MediaType.APPLICATION_JSON));
		Disposable call = entry.session()
			.responseStream(rpc, stream)
			.contextWrite((ctx) -> ctx.put(McpTransportContext.KEY, context))
			.subscribe(null, (ex) -> {
				log.warn("MCP request stream failed: {}", ex.toString());
				stream.close();
			}, stream::close);
		return stream.single()
			.flatMap((json) -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(json))
			.switchIfEmpty(Mono.defer(() -> sse(entry, stream.frames().doOnCancel(call::dispose))))
			// abandoned before the answer was decided (once decided, a cancel is only the
			// framework letting go of the response)
			.doOnCancel(() -> {
				if (stream.undecided()) {
					call.dispose();
				}
			});
	}

	/**
	 * An SSE response: the frames as they come, flushed one by one, with the opening
	 * comment and keep-alives ({@link #tracked}).
	 */
	private Mono<ServerResponse> sse(Entry entry, Flux<byte[]> frames) {
		Flux<byte[]> all = tracked(entry, frames);
		BodyInserter<Flux<byte[]>, ServerHttpResponse> inserter = (response, context) -> response
			.writeAndFlushWith(all.map((bytes) -> Mono.just(response.bufferFactory().wrap(bytes))));
		return ServerResponse.ok().contentType(EVENT_STREAM).body(inserter);
	}

	/**
	 * A message refused before the SDK saw it: a request gets its JSON-RPC error as the
	 * answer (200, the HTTP exchange itself succeeded), anything else 400. A refused
	 * tools/call is put on record first.
	 */
	private Mono<ServerResponse> reject(McpMessageCheck.Rejection rejection, Principal principal,
			McpTransportContext context) {
		Mono<Void> record = Mono.empty();
		if (rejection.refusedTool() != null) {
			String requestId = (context.get(McpToolSpecifications.REQUEST_ID) instanceof String id) ? id : "";
			record = this.refusals.record(principal, rejection.refusedTool(), rejection.arguments(), requestId,
					new InvalidArgumentsException("arguments", "expected an object of the tool's arguments"));
		}
		int status = (rejection.id() != null) ? 200 : 400;
		return record.then(ServerResponse.status(status)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(ToolJson.mapper().writeValueAsBytes(rejection.body())));
	}

	private Mono<ServerResponse> initialize(McpSchema.JSONRPCRequest rpc, Principal principal,
			McpTransportContext context) {
		McpStreamableServerSession.Factory factory = this.sessionFactory;
		if (factory == null) {
			return JsonRpcErrors.response(503, JsonRpcErrors.SERVER_ERROR, "the MCP server is starting");
		}
		if (this.sessions.size() >= this.settings.maxSessions()) {
			return JsonRpcErrors.response(503, JsonRpcErrors.SERVER_ERROR,
					"too many open MCP sessions; close unused sessions (DELETE) and retry");
		}
		long mine = this.sessions.values().stream().filter((e) -> e.tokenId().equals(principal.tokenId())).count();
		if (mine >= this.settings.maxSessionsPerToken()) {
			return JsonRpcErrors.response(429, JsonRpcErrors.SERVER_ERROR, "this token holds " + mine
					+ " open MCP sessions, the most allowed; close unused sessions (DELETE)");
		}
		McpSchema.InitializeRequest initialize;
		try {
			initialize = this.jsonMapper.convertValue(rpc.params(), new TypeRef<McpSchema.InitializeRequest>() {
			});
		}
		catch (RuntimeException ex) {
			return JsonRpcErrors.response(400, McpMessageCheck.INVALID_PARAMS,
					"Invalid params: initialize needs protocolVersion, capabilities and clientInfo");
		}
		McpStreamableServerSession.McpStreamableServerSessionInit init = factory.startSession(initialize);
		String id = init.session().getId();
		this.sessions.put(id, new Entry(init.session(), principal.tokenId(), new AtomicLong(this.clock.millis()),
				new AtomicInteger(), this.clock));
		return init.initResult()
			.map((result) -> bytes(new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, rpc.id(), result, null)))
			.flatMap((json) -> ServerResponse.ok()
				.contentType(MediaType.APPLICATION_JSON)
				.header(HttpHeaders.MCP_SESSION_ID, id)
				.bodyValue(json))
			.contextWrite((ctx) -> ctx.put(McpTransportContext.KEY, context))
			.onErrorResume(java.io.UncheckedIOException.class, (ex) -> {
				this.sessions.remove(id);
				return JsonRpcErrors.response(500, JsonRpcErrors.SERVER_ERROR, "initialize failed");
			});
	}

	private Mono<ServerResponse> handleGet(ServerRequest request) {
		if (this.closing) {
			return JsonRpcErrors.response(503, JsonRpcErrors.SERVER_ERROR, "the server is shutting down");
		}
		Principal principal = RequestContext.principal(request.exchange()).orElse(null);
		if (principal == null) {
			return JsonRpcErrors.response(401, JsonRpcErrors.SERVER_ERROR,
					"Unauthorized - Invalid or expired API token");
		}
		if (!accepts(request, MediaType.TEXT_EVENT_STREAM)) {
			return JsonRpcErrors.response(406, JsonRpcErrors.INVALID_REQUEST,
					"GET opens an event stream: Accept must allow text/event-stream");
		}
		String sessionId = request.headers().firstHeader(HttpHeaders.MCP_SESSION_ID);
		if (sessionId == null) {
			return JsonRpcErrors.response(400, JsonRpcErrors.INVALID_REQUEST, "Mcp-Session-Id header is required");
		}
		Entry entry = ownedSession(sessionId, principal);
		if (entry == null) {
			return sessionNotFound();
		}
		entry.touch();
		McpTransportContext context = context(request, principal);
		// resumability (Last-Event-ID) is not offered (mcp-checklist K4): a reconnect
		// gets a fresh stream
		PostStream listening = new PostStream(null, false);
		Flux<byte[]> events = Flux.defer(() -> {
			McpStreamableServerSession.McpStreamableServerSessionStream stream = entry.session()
				.listeningStream(listening);
			return listening.frames().doFinally((signal) -> stream.close());
		}).contextWrite((ctx) -> ctx.put(McpTransportContext.KEY, context));
		return sse(entry, events);
	}

	private Mono<ServerResponse> handleDelete(ServerRequest request) {
		Principal principal = RequestContext.principal(request.exchange()).orElse(null);
		if (principal == null) {
			return JsonRpcErrors.response(401, JsonRpcErrors.SERVER_ERROR,
					"Unauthorized - Invalid or expired API token");
		}
		String sessionId = request.headers().firstHeader(HttpHeaders.MCP_SESSION_ID);
		if (sessionId == null) {
			return JsonRpcErrors.response(400, JsonRpcErrors.INVALID_REQUEST, "Mcp-Session-Id header is required");
		}
		Entry entry = ownedSession(sessionId, principal);
		if (entry == null || !this.sessions.remove(sessionId, entry)) {
			return sessionNotFound();
		}
		return entry.session().delete().onErrorResume((ex) -> Mono.empty()).then(ServerResponse.noContent().build());
	}

	/**
	 * The session, if it exists and belongs to the caller's token; a stranger's session
	 * reads as absent.
	 */
	private Entry ownedSession(String sessionId, Principal principal) {
		Entry entry = this.sessions.get(sessionId);
		return (entry != null && entry.tokenId().equals(principal.tokenId())) ? entry : null;
	}

	private static Mono<ServerResponse> sessionNotFound() {
		return JsonRpcErrors.response(404, JsonRpcErrors.INVALID_REQUEST,
				"session not found (ended, expired or never opened); initialize a new session");
	}

	/**
	 * Adds the opening comment and keep-alives (at the shared timer's ticks, so the first
	 * may come sooner than the interval), and counts the stream as open while it runs.
	 */
	private Flux<byte[]> tracked(Entry entry, Flux<byte[]> events) {
		Sinks.Empty<Void> done = Sinks.empty();
		Flux<byte[]> main = events.doFinally((signal) -> done.tryEmitEmpty());
		Flux<byte[]> keepAlive = this.keepAliveTicks.asFlux().map((tick) -> KEEP_ALIVE).takeUntilOther(done.asMono());
		return Flux.merge(Flux.just(STREAM_OPEN), main, keepAlive).doOnSubscribe((s) -> {
			this.openStreams.incrementAndGet();
			entry.streams().incrementAndGet();
		}).doFinally((signal) -> {
			done.tryEmitEmpty();
			this.openStreams.decrementAndGet();
			entry.streams().decrementAndGet();
			entry.touch();
		});
	}

	/**
	 * Closes the sessions idle longer than the timeout; the sweeper calls it
	 * periodically.
	 */
	void expireIdle() {
		long now = this.clock.millis();
		long limit = this.settings.idleTimeout().toMillis();
		this.sessions.forEach((id, entry) -> {
			if (entry.streams().get() == 0 && now - entry.lastSeen().get() > limit && this.sessions.remove(id, entry)) {
				log.debug("MCP session expired after {} idle", this.settings.idleTimeout());
				entry.session().closeGracefully().onErrorResume((ex) -> Mono.empty()).subscribe();
			}
		});
	}

	/**
	 * Turns the requests that have waited longer than {@link #singleAnswerWait} for their
	 * first message into SSE streams; the decision timer calls it.
	 */
	private void streamTheSlowOnes() {
		long now = System.nanoTime();
		long limit = this.singleAnswerWait.toNanos();
		for (PostStream stream : this.undecided) {
			if (now - stream.started > limit) {
				stream.decideToStream();
			}
		}
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

	/**
	 * One SSE {@code message} event: the JSON on one {@code data:} line (Jackson writes
	 * no line breaks outside strings, and escapes those inside; should a mapper pretty
	 * print, each line gets its own {@code data:}).
	 */
	static byte[] frame(byte[] json, String id) {
		byte[] head = (((id != null) ? "id:" + id + "\n" : "") + "event:message\ndata:")
			.getBytes(StandardCharsets.UTF_8);
		int breaks = 0;
		for (byte b : json) {
			if (b == '\n') {
				breaks++;
			}
		}
		byte[] frame = new byte[head.length + json.length + breaks * 5 + 2];
		System.arraycopy(head, 0, frame, 0, head.length);
		int at = head.length;
		if (breaks == 0) {
			System.arraycopy(json, 0, frame, at, json.length);
			at += json.length;
		}
		else {
			for (byte b : json) {
				frame[at++] = b;
				if (b == '\n') {
					for (byte d : DATA) {
						frame[at++] = d;
					}
				}
			}
		}
		frame[at++] = '\n';
		frame[at] = '\n';
		return frame;
	}

	private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);

	private static McpTransportContext context(ServerRequest request, Principal principal) {
		return McpTransportContext.create(Map.of(McpToolSpecifications.PRINCIPAL, principal,
				McpToolSpecifications.REQUEST_ID, RequestContext.requestId(request.exchange())));
	}

	/**
	 * Lenient Accept matching: absent, wildcards and q-parameters are fine (mcp-checklist
	 * K10).
	 */
	private static boolean accepts(ServerRequest request, MediaType type) {
		List<MediaType> accepted = request.headers().accept();
		return accepted.isEmpty() || accepted.stream().anyMatch((a) -> a.isCompatibleWith(type));
	}

	/**
	 * The messages of one request (a POST) or of the GET listening stream. A POST's
	 * answer is decided on its first message: when that is the response to the request
	 * itself and the client accepts JSON, it is the whole answer, sent as
	 * {@code application/json} ({@link #single}); anything else first — a progress or log
	 * notification, a sampling or elicitation request — or no message within
	 * {@link StreamableHttpTransport#singleAnswerWait}, and the answer is an SSE stream
	 * of every message ({@link #frames}). The GET stream is always SSE.
	 */
	private final class PostStream implements McpStreamableServerTransport {

		private static final int UNDECIDED = 0;

		private static final int JSON = 1;

		private static final int STREAM = 2;

		private final Object requestId;

		private final long started = System.nanoTime();

		private final Sinks.One<byte[]> single = Sinks.one();

		private final Sinks.Many<byte[]> frames = Sinks.many().unicast().onBackpressureBuffer();

		/** Guarded by this. */
		private int mode;

		/**
		 * @param requestId the id of the request answered, {@code null} for the listening
		 * stream
		 * @param jsonAllowed whether the client accepts {@code application/json}
		 */
		PostStream(Object requestId, boolean jsonAllowed) {
			this.requestId = requestId;
			if (requestId != null && jsonAllowed) {
				StreamableHttpTransport.this.undecided.add(this);
			}
			else {
				this.mode = STREAM;
				this.single.tryEmitEmpty();
			}
		}

		/** The one JSON answer, or empty when the answer is a stream. */
		Mono<byte[]> single() {
			return this.single.asMono();
		}

		/** The SSE frames, once the answer is a stream. */
		Flux<byte[]> frames() {
			return this.frames.asFlux();
		}

		synchronized boolean undecided() {
			return this.mode == UNDECIDED;
		}

		synchronized void decideToStream() {
			if (this.mode == UNDECIDED) {
				this.mode = STREAM;
				StreamableHttpTransport.this.undecided.remove(this);
				this.single.tryEmitEmpty();
			}
		}

		@Override
		public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
			return sendMessage(message, null);
		}

		@Override
		public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message, String messageId) {
			return Mono.fromRunnable(() -> deliver(message, messageId));
		}

		private synchronized void deliver(McpSchema.JSONRPCMessage message, String messageId) {
			if (this.mode == UNDECIDED && message instanceof McpSchema.JSONRPCResponse response
					&& Objects.equals(response.id(), this.requestId)) {
				this.mode = JSON;
				StreamableHttpTransport.this.undecided.remove(this);
				this.single.tryEmitValue(bytes(message));
				return;
			}
			if (this.mode == JSON) {
				// the request is answered; nothing can follow its answer
				log.debug("MCP message after the request's answer dropped");
				return;
			}
			decideToStream();
			this.frames.tryEmitNext(frame(bytes(message), messageId));
		}

		@Override
		public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
			return StreamableHttpTransport.this.jsonMapper.convertValue(data, typeRef);
		}

		@Override
		public Mono<Void> closeGracefully() {
			return Mono.fromRunnable(this::close);
		}

		@Override
		public synchronized void close() {
			decideToStream();
			this.frames.tryEmitComplete();
		}

	}

}
