package cl.smartercl.mcp.server.mcp;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Mends the legacy HTTP+SSE transport of mcp-spring-webflux 2.0.0 on its two routes: an error body
 * (e.g. an unknown {@code sessionId}) is a serialized Java exception there, so it is replaced by a
 * JSON-RPC error object (mcp-checklist K6); a message POST is held open for the whole tool call, so it
 * gets a time limit (K9); and an oversized body is refused with 413 before the transport reads it (K14).
 */
public final class LegacySseGuardFilter implements WebFilter, Ordered {

	private final String ssePath;

	private final String messagePath;

	private final Duration messageTimeout;

	private final long maxBodyBytes;

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
		if (message && exchange.getRequest().getHeaders().getContentLength() > this.maxBodyBytes) {
			return JsonRpcErrors.write(exchange.getResponse(), 413, JsonRpcErrors.INVALID_REQUEST,
					"request body larger than " + this.maxBodyBytes + " bytes");
		}
		ServerWebExchange guarded = exchange.mutate().response(new ErrorBodyRewriter(exchange.getResponse())).build();
		Mono<Void> result = chain.filter(guarded);
		if (message) {
			result = result.timeout(this.messageTimeout)
				.onErrorResume(TimeoutException.class, (ex) -> exchange.getResponse().isCommitted() ? Mono.empty()
						: JsonRpcErrors.write(exchange.getResponse(), 504, JsonRpcErrors.SERVER_ERROR,
								"the request took longer than " + this.messageTimeout.toSeconds() + " s"));
		}
		return result;
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
				case 404 -> "session not found: open a new SSE connection";
				case 503 -> "the server is shutting down";
				default -> "request failed (HTTP " + status.value() + ")";
			};
			getHeaders().remove("Content-Length");
			return JsonRpcErrors.write(getDelegate(), status.value(),
					status.value() >= 500 ? JsonRpcErrors.SERVER_ERROR : JsonRpcErrors.INVALID_REQUEST, meaning);
		}

	}

}
