package cl.smartercl.mcp.server.web;

import java.util.concurrent.atomic.AtomicBoolean;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Closes the connection after any answer given before the request's body was read to its end: a
 * refusal (401, 403, 413, 421, a 404 session …) is often sent without reading what the client posted.
 * <p>
 * HTTP/1.1 lets a server either read the whole body or close the connection after its response
 * (RFC 9112 §9.6); Reactor Netty does neither by itself. Worse, when the client sends its next request
 * on the same keep-alive connection while the unread body is still arriving, Reactor Netty 1.3.x can
 * stop reading that connection, and the next request waits until the client gives up (seen here with
 * the JDK client: a POST answered 403 without reading its body, then the next request on the same
 * connection hung for 30 s). {@code Connection: close} on such answers makes the client open a fresh
 * connection instead; answers to requests whose body was read keep the connection alive.
 */
public final class UnreadBodyFilter implements WebFilter, Ordered {

	@Override
	public int getOrder() {
		// before every filter that may answer on its own (just inside EventLoopWritesFilter)
		return Ordered.HIGHEST_PRECEDENCE + 1;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (!hasBody(request.getHeaders())) {
			return chain.filter(exchange);
		}
		AtomicBoolean readToEnd = new AtomicBoolean();
		ServerHttpRequest tracked = new ServerHttpRequestDecorator(request) {

			@Override
			public Flux<DataBuffer> getBody() {
				return super.getBody().doOnComplete(() -> readToEnd.set(true));
			}

		};
		exchange.getResponse().beforeCommit(() -> {
			if (!readToEnd.get()) {
				exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
			}
			return Mono.empty();
		});
		return chain.filter(exchange.mutate().request(tracked).build());
	}

	private static boolean hasBody(HttpHeaders headers) {
		return headers.getContentLength() > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
	}

}
