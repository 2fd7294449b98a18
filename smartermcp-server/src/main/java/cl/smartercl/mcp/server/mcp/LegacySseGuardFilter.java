package cl.smartercl.mcp.server.mcp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

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
import cl.smartercl.mcp.server.web.RequestBodies;
import cl.smartercl.mcp.server.web.RequestContext;

/**
 * Mends the legacy HTTP+SSE transport of mcp-spring-webflux 2.0.0 on its two routes: an error body
 * (e.g. an unknown {@code sessionId}) is a serialized Java exception there, so it is replaced by a
 * JSON-RPC error object (mcp-checklist K6); a message POST is held open for the whole tool call, so it
 * gets a time limit (K9); and an oversized body is refused with 413 before the transport reads it (K14),
 * by its declared length, or for a chunked body by reading it here within the limit.
 * <p>
 * It also binds each legacy session to the token that opened its stream, as the Streamable transport
 * does: the transport itself accepts a message for any {@code sessionId} from any valid token, which
 * would let one token's answers (or a forged JSON-RPC response) land on another client's stream. The
 * session id is read from the stream's first event (the message endpoint's URL); a message for a session
 * opened by another token is answered 404, exactly like an unknown session.
 */
public final class LegacySseGuardFilter implements WebFilter, Ordered {

	static final String SESSION_NOT_FOUND = "session not found: open a new SSE connection";

	private static final Pattern SESSION_ID = Pattern.compile("sessionId=([A-Za-z0-9-]+)");

	private final String ssePath;

	private final String messagePath;

	private final Duration messageTimeout;

	private final long maxBodyBytes;

	/** Open legacy sessions: session id → the id of the token whose stream it is. */
	private final Map<String, String> owners = new ConcurrentHashMap<>();

	public LegacySseGuardFilter(String ssePath, String messagePath, Duration messageTimeout, long maxBodyBytes) {
		this.ssePath = ssePath;
		this.messagePath = messagePath;
		this.messageTimeout = messageTimeout;
		this.maxBodyBytes = maxBodyBytes;
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
				return JsonRpcErrors.write(exchange.getResponse(), 404, JsonRpcErrors.INVALID_REQUEST, SESSION_NOT_FOUND);
			}
			long declared = exchange.getRequest().getHeaders().getContentLength();
			if (declared > this.maxBodyBytes) {
				return tooLarge(exchange);
			}
			if (declared < 0) {
				// no declared length (chunked): read it here, within the limit, and hand it on as read
				return RequestBodies.join(exchange.getRequest().getBody(), this.maxBodyBytes)
					.map((body) -> exchange.mutate().request(new ReadBody(exchange.getRequest(), body)).build())
					.defaultIfEmpty(exchange)
					.onErrorResume(RequestBodies.PayloadTooLargeException.class,
							(ex) -> tooLarge(exchange).then(Mono.<ServerWebExchange>empty()))
					.flatMap((read) -> forward(read, chain, true, tokenId));
			}
		}
		return forward(exchange, chain, message, tokenId);
	}

	private Mono<Void> tooLarge(ServerWebExchange exchange) {
		return JsonRpcErrors.write(exchange.getResponse(), 413, JsonRpcErrors.INVALID_REQUEST,
				"request body larger than " + this.maxBodyBytes + " bytes");
	}

	private Mono<Void> forward(ServerWebExchange exchange, WebFilterChain chain, boolean message, String tokenId) {
		ErrorBodyRewriter rewriter = new ErrorBodyRewriter(exchange.getResponse());
		if (!message && tokenId != null) {
			SessionIdReader reader = new SessionIdReader(rewriter, (id) -> this.owners.put(id, tokenId));
			return chain.filter(exchange.mutate().response(reader).build())
				.doFinally((signal) -> reader.sessionId().ifPresent(this.owners::remove));
		}
		Mono<Void> result = chain.filter(exchange.mutate().response(rewriter).build());
		if (message) {
			result = result.timeout(this.messageTimeout)
				.onErrorResume(TimeoutException.class, (ex) -> exchange.getResponse().isCommitted() ? Mono.empty()
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
	 * Reads the session id from the first event of a legacy stream ({@code event:endpoint},
	 * {@code data:/mcp/message?sessionId=…}) as it goes out, without changing a byte of it.
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

		@Override
		public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
			return super.writeAndFlushWith(Flux.from(body).map((chunk) -> Flux.from(chunk).doOnNext(this::read)));
		}

		private void read(DataBuffer buffer) {
			if (this.sessionId.get() != null) {
				return;
			}
			Matcher matcher = SESSION_ID.matcher(
					buffer.toString(buffer.readPosition(), buffer.readableByteCount(), StandardCharsets.UTF_8));
			if (matcher.find() && this.sessionId.compareAndSet(null, matcher.group(1))) {
				this.onSessionId.accept(matcher.group(1));
			}
		}

	}

	/** Replaces the body of any 4xx/5xx answer with a JSON-RPC error carrying only the status's meaning. */
	private static final class ErrorBodyRewriter extends ServerHttpResponseDecorator {

		ErrorBodyRewriter(ServerHttpResponse delegate) {
			super(delegate);
		}

		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			HttpStatusCode status = getStatusCode();
			if (status == null || !status.isError()) {
				return super.writeWith(body);
			}
			Flux.from(body).subscribe(DataBufferUtils::release);
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
