package cl.smartercl.mcp.server.mcp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import cl.smartercl.mcp.core.auth.Principal;
import cl.smartercl.mcp.core.error.InvalidArgumentsException;
import cl.smartercl.mcp.server.web.RequestBodies;
import cl.smartercl.mcp.server.web.RequestContext;

/**
 * Mends the legacy HTTP+SSE transport of mcp-spring-webflux 2.0.0 on its two routes: an
 * error body (e.g. an unknown {@code sessionId}) is a serialized Java exception there, so
 * it is replaced by a JSON-RPC error object (mcp-checklist K6); a message POST is held
 * open for the whole tool call, so it gets a time limit (K9); and an oversized body is
 * refused with 413 before the transport reads it (K14), by its declared length, or for a
 * chunked body by reading it here within the limit.
 * <p>
 * It also binds each legacy session to the token that opened its stream, as the
 * Streamable transport does: the transport itself accepts a message for any
 * {@code sessionId} from any valid token, which would let one token's answers (or a
 * forged JSON-RPC response) land on another client's stream. The session id is read from
 * the stream's first event (the message endpoint's URL); a message for a session opened
 * by another token is answered 404, exactly like an unknown session.
 * <p>
 * Every message is read here (within the limit) and checked as on the Streamable
 * transport ({@link McpMessageCheck}): malformed params, a {@code tools/call} whose
 * arguments are not an object, are answered at once with a JSON-RPC error (400), never
 * reach the SDK (which answered -32603 quoting Jackson); a request other than
 * {@code initialize} before the client sent {@code notifications/initialized} is answered
 * at once instead of being parked by the SDK until the time limit (K9); a stray response
 * (an id the server does not wait for) gets 202. The stream's response names its session
 * in the {@value #SESSION_HEADER} header, for load balancers. A token may hold at most
 * {@code maxStreamsPerToken} open streams (429 past it), and a token revoked through this
 * server has its open streams closed at once.
 */
public final class LegacySseGuardFilter implements WebFilter, Ordered {

	static final String SESSION_NOT_FOUND = "session not found: open a new SSE connection";

	/**
	 * The header of a legacy stream's response naming its session, the {@code sessionId}
	 * of the message endpoint: a load balancer keeps the session's messages on the
	 * replica that holds its stream by it.
	 */
	public static final String SESSION_HEADER = "Mcp-Legacy-Session-Id";

	private static final Pattern SESSION_ID = Pattern.compile("sessionId=([A-Za-z0-9-]+)");

	private final String ssePath;

	private final String messagePath;

	private final Duration messageTimeout;

	private final long maxBodyBytes;

	/** Open legacy sessions: session id → the id of the token whose stream it is. */
	private final Map<String, String> owners = new ConcurrentHashMap<>();

	/** Open legacy sessions whose client sent {@code notifications/initialized}. */
	private final Set<String> initialized = ConcurrentHashMap.newKeySet();

	private final McpJsonMapper jsonMapper;

	private final RefusalRecorder refusals;

	private final int maxStreamsPerToken;

	private final Flux<String> revocations;

	public LegacySseGuardFilter(String ssePath, String messagePath, Duration messageTimeout, long maxBodyBytes) {
		this(ssePath, messagePath, messageTimeout, maxBodyBytes, null, RefusalRecorder.NONE, Integer.MAX_VALUE,
				Flux.never());
	}

	/**
	 * @param jsonMapper the SDK's mapper (params are checked against its types)
	 * @param refusals puts a refused tools/call on record
	 * @param maxStreamsPerToken the most open legacy streams one token may hold
	 * @param revocations ids of tokens as they are revoked: their streams close
	 */
	public LegacySseGuardFilter(String ssePath, String messagePath, Duration messageTimeout, long maxBodyBytes,
			McpJsonMapper jsonMapper, RefusalRecorder refusals, int maxStreamsPerToken, Flux<String> revocations) {
		this.ssePath = ssePath;
		this.messagePath = messagePath;
		this.messageTimeout = messageTimeout;
		this.maxBodyBytes = maxBodyBytes;
		this.jsonMapper = jsonMapper;
		this.refusals = refusals;
		this.maxStreamsPerToken = maxStreamsPerToken;
		this.revocations = revocations.share();
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 30;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String path = exchange.getRequest().getPath().pathWithinApplication().value();
		boolean message = path.equals(this.messagePath);
		if (!message && !path.equals(this.ssePath)) {
			return chain.filter(exchange);
		}
		String tokenId = RequestContext.principal(exchange).map(Principal::tokenId).orElse(null);
		if (message) {
			String sessionId = exchange.getRequest().getQueryParams().getFirst("sessionId");
			String owner = (sessionId != null) ? this.owners.get(sessionId) : null;
			if (owner != null && !owner.equals(tokenId)) {
				return JsonRpcErrors.write(exchange.getResponse(), 404, JsonRpcErrors.INVALID_REQUEST,
						SESSION_NOT_FOUND);
			}
			long declared = exchange.getRequest().getHeaders().getContentLength();
			if (declared > this.maxBodyBytes) {
				return tooLarge(exchange);
			}
			// read it here, within the limit, check it, and hand it on as read
			return RequestBodies.join(exchange.getRequest().getBody(), this.maxBodyBytes)
				.map(Optional::of)
				.defaultIfEmpty(Optional.empty())
				.onErrorResume(RequestBodies.PayloadTooLargeException.class,
						(ex) -> tooLarge(exchange).then(Mono.empty()))
				.flatMap((body) -> body.isPresent() ? inspect(exchange, chain, sessionId, tokenId, body.get())
						: forward(exchange, chain, true, tokenId, false));
		}
		if (tokenId != null
				&& this.owners.values().stream().filter(tokenId::equals).count() >= this.maxStreamsPerToken) {
			return JsonRpcErrors.write(exchange.getResponse(), 429, JsonRpcErrors.SERVER_ERROR, "this token holds "
					+ this.maxStreamsPerToken + " open SSE streams, the most allowed; close one and retry");
		}
		return forward(exchange, chain, false, tokenId, false);
	}

	/**
	 * Checks a legacy message before the SDK sees it; answers at once what the SDK would
	 * mishandle.
	 */
	private Mono<Void> inspect(ServerWebExchange exchange, WebFilterChain chain, String sessionId, String tokenId,
			DataBuffer body) {
		ServerWebExchange read = exchange.mutate().request(new ReadBody(exchange.getRequest(), body)).build();
		JsonNode tree = McpMessageCheck
			.parse(body.toString(body.readPosition(), body.readableByteCount(), StandardCharsets.UTF_8))
			.orElse(null);
		if (tree == null || this.jsonMapper == null) {
			return forward(read, chain, true, tokenId, false);
		}
		Optional<McpMessageCheck.Rejection> rejection = McpMessageCheck.check(tree, this.jsonMapper);
		if (rejection.isPresent()) {
			DataBufferUtils.release(body);
			McpMessageCheck.Rejection refused = rejection.get();
			Mono<Void> record = Mono.empty();
			Principal principal = RequestContext.principal(exchange).orElse(null);
			if (refused.refusedTool() != null && principal != null) {
				record = this.refusals.record(principal, refused.refusedTool(), refused.arguments(),
						RequestContext.requestId(exchange),
						new InvalidArgumentsException("arguments", "expected an object of the tool's arguments"));
			}
			return record.then(JsonRpcErrors.write(exchange.getResponse(), 400, refused.body()));
		}
		McpMessageCheck.Kind kind = McpMessageCheck.kind(tree);
		boolean known = sessionId != null && this.owners.containsKey(sessionId);
		String method = tree.path("method").asString("");
		if (kind == McpMessageCheck.Kind.NOTIFICATION && McpSchema.METHOD_NOTIFICATION_INITIALIZED.equals(method)
				&& known) {
			this.initialized.add(sessionId);
		}
		if (kind == McpMessageCheck.Kind.REQUEST && known && !this.initialized.contains(sessionId)
				&& !McpSchema.METHOD_INITIALIZE.equals(method)) {
			// the SDK would park it until notifications/initialized arrives, i.e. until
			// the time limit
			DataBufferUtils.release(body);
			McpMessageCheck.Rejection early = new McpMessageCheck.Rejection(tree.get("id"),
					JsonRpcErrors.INVALID_REQUEST,
					"the session is not initialized: send initialize, then notifications/initialized", null, null);
			return JsonRpcErrors.write(exchange.getResponse(), 400, early.body());
		}
		return forward(read, chain, true, tokenId, kind == McpMessageCheck.Kind.RESPONSE);
	}

	private Mono<Void> tooLarge(ServerWebExchange exchange) {
		return JsonRpcErrors.write(exchange.getResponse(), 413, JsonRpcErrors.INVALID_REQUEST,
				"request body larger than " + this.maxBodyBytes + " bytes");
	}

	private Mono<Void> forward(ServerWebExchange exchange, WebFilterChain chain, boolean message, String tokenId,
			boolean response) {
		ErrorBodyRewriter rewriter = new ErrorBodyRewriter(exchange.getResponse(), response);
		if (!message && tokenId != null) {
			SessionIdReader reader = new SessionIdReader(rewriter, (id) -> this.owners.put(id, tokenId));
			return chain.filter(exchange.mutate().response(reader).build())
				// a token revoked through this server: its open streams end now
				.takeUntilOther(this.revocations.filter(tokenId::equals).next())
				.doFinally((signal) -> reader.sessionId().ifPresent((id) -> {
					this.owners.remove(id);
					this.initialized.remove(id);
				}));
		}
		Mono<Void> result = chain.filter(exchange.mutate().response(rewriter).build());
		if (response) {
			// a stray response (an id the server does not wait for): received, nothing to
			// answer
			result = result.onErrorResume((ex) -> {
				if (exchange.getResponse().isCommitted()) {
					return Mono.empty();
				}
				exchange.getResponse().setStatusCode(HttpStatusCode.valueOf(202));
				return exchange.getResponse().setComplete();
			});
		}
		if (message) {
			result = result.timeout(this.messageTimeout)
				.onErrorResume(TimeoutException.class,
						(ex) -> exchange.getResponse().isCommitted() ? Mono.empty()
								: JsonRpcErrors.write(exchange.getResponse(), 504, JsonRpcErrors.SERVER_ERROR,
										"the request took longer than " + this.messageTimeout.toSeconds() + " s"));
		}
		return result;
	}

	/** A request whose body was already read: it is handed on as that one buffer. */
	private static final class ReadBody extends ServerHttpRequestDecorator {

		private final DataBuffer body;

		ReadBody(ServerHttpRequest delegate, DataBuffer body) {
			super(delegate);
			this.body = body;
		}

		@Override
		public Flux<DataBuffer> getBody() {
			return Flux.just(this.body);
		}

	}

	/** How many legacy sessions are bound to a token right now (open streams). */
	int boundSessions() {
		return this.owners.size();
	}

	/**
	 * Reads the session id from the first event of a legacy stream
	 * ({@code event:endpoint}, {@code data:/mcp/message?sessionId=…}) as it goes out,
	 * without changing a byte of it.
	 */
	private static final class SessionIdReader extends ServerHttpResponseDecorator {

		private final Consumer<String> onSessionId;

		private final AtomicReference<String> sessionId = new AtomicReference<>();

		SessionIdReader(ServerHttpResponse delegate, Consumer<String> onSessionId) {
			super(delegate);
			this.onSessionId = onSessionId;
		}

		Optional<String> sessionId() {
			return Optional.ofNullable(this.sessionId.get());
		}

		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			return super.writeWith(Flux.from(body).doOnNext(this::read));
		}

		/**
		 * An event stream: until the session id is seen, each event is read whole before
		 * it goes out, so the id also leaves as the {@value #SESSION_HEADER} header — the
		 * response's headers are sent with its first event (load balancers learn the
		 * session's replica from it, deploy/haproxy.cfg).
		 */
		@Override
		public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
			return super.writeAndFlushWith(Flux.from(body).concatMap((chunk) -> {
				if (this.sessionId.get() != null) {
					return Mono.just(chunk);
				}
				return DataBufferUtils.join(chunk).map((buffer) -> {
					read(buffer);
					return Mono.just(buffer);
				});
			}));
		}

		private void read(DataBuffer buffer) {
			if (this.sessionId.get() != null) {
				return;
			}
			Matcher matcher = SESSION_ID
				.matcher(buffer.toString(buffer.readPosition(), buffer.readableByteCount(), StandardCharsets.UTF_8));
			if (matcher.find() && this.sessionId.compareAndSet(null, matcher.group(1))) {
				if (!isCommitted()) {
					getHeaders().set(SESSION_HEADER, matcher.group(1));
				}
				this.onSessionId.accept(matcher.group(1));
			}
		}

	}

	/**
	 * Replaces the body of any 4xx/5xx answer with a JSON-RPC error carrying only the
	 * status's meaning.
	 */
	private static final class ErrorBodyRewriter extends ServerHttpResponseDecorator {

		private final boolean response;

		ErrorBodyRewriter(ServerHttpResponse delegate, boolean response) {
			super(delegate);
			this.response = response;
		}

		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			HttpStatusCode status = getStatusCode();
			if (status == null || !status.isError()) {
				return super.writeWith(body);
			}
			Flux.from(body).subscribe(DataBufferUtils::release);
			if (this.response && status.is5xxServerError()) {
				// a stray response: received, nothing to answer
				getDelegate().setStatusCode(HttpStatusCode.valueOf(202));
				getHeaders().remove("Content-Length");
				return getDelegate().setComplete();
			}
			String meaning = switch (status.value()) {
				case 400 -> "invalid request: the body is not a JSON-RPC message, or sessionId is missing";
				case 404 -> SESSION_NOT_FOUND;
				case 503 -> "the server is shutting down";
				default -> "request failed (HTTP " + status.value() + ")";
			};
			getHeaders().remove("Content-Length");
			return JsonRpcErrors.write(getDelegate(), status.value(),
					status.value() >= 500 ? JsonRpcErrors.SERVER_ERROR : JsonRpcErrors.INVALID_REQUEST, meaning);
		}

	}

}
