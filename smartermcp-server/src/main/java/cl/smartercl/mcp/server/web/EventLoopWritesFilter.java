package cl.smartercl.mcp.server.web;

import java.util.function.Supplier;

import io.netty.channel.EventLoop;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Starts every response write on the event loop of the request's connection.
 * <p>
 * Much of our work ends on another thread: the embedded store runs on a bounded elastic
 * scheduler, backend answers arrive on HTTP client threads. A response written from such
 * a thread is sent at once, but Reactor Netty ends the request's operations a moment
 * later on the event loop. A client that sends its next request on the same keep-alive
 * connection inside that moment has it buffered as "pipelined"; and when that buffered
 * request is answered synchronously, Reactor Netty 1.3.6 drains the queue without
 * resuming reads (reactor-netty issues 4347 and 4361), so the connection is never read
 * again and the client's following request hangs until it times out. That was the CI
 * failure of TenantIsolationIT: a token issued (written from the store's thread), a 403
 * from the authentication filter (synchronous), then a POST that never got an answer.
 * Writing on the event loop ends the operations before the loop reads anything more, so a
 * request is never buffered behind one already answered.
 */
public final class EventLoopWritesFilter implements WebFilter, Ordered {

	@Override
	public int getOrder() {
		// outermost, so that every writer, filters' refusals included, sees the decorated
		// response
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpResponse response = onEventLoop(exchange);
		return chain
			.filter((response == exchange.getResponse()) ? exchange : exchange.mutate().response(response).build());
	}

	/**
	 * The exchange's response with its writes started on the connection's event loop; the
	 * response itself when the exchange is not served by Reactor Netty (a mock exchange
	 * in a test). Exception handlers, which get the exchange as it was before the
	 * filters, write through this too.
	 */
	public static ServerHttpResponse onEventLoop(ServerWebExchange exchange) {
		if (exchange.getResponse() instanceof OnEventLoop) {
			return exchange.getResponse();
		}
		Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
		if (!(nativeRequest instanceof Connection connection)) {
			return exchange.getResponse();
		}
		return new OnEventLoop(exchange.getResponse(), connection.channel().eventLoop());
	}

	/** A response whose writes start on one event loop. */
	private static final class OnEventLoop extends ServerHttpResponseDecorator {

		private final EventLoop loop;

		OnEventLoop(ServerHttpResponse delegate, EventLoop loop) {
			super(delegate);
			this.loop = loop;
		}

		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			return onLoop(() -> super.writeWith(body));
		}

		@Override
		public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
			return onLoop(() -> super.writeAndFlushWith(body));
		}

		@Override
		public Mono<Void> setComplete() {
			return onLoop(super::setComplete);
		}

		private Mono<Void> onLoop(Supplier<Mono<Void>> write) {
			return Mono.defer(() -> this.loop.inEventLoop() ? write.get()
					: Mono.defer(write).subscribeOn(Schedulers.fromExecutor(this.loop)));
		}

	}

}
