package cl.smartercl.mcp.server.metrics;

import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Counts the open streams of the legacy HTTP+SSE transport: mcp-spring-webflux's provider
 * keeps its sessions to itself, so a stream is counted from the moment its {@code GET}
 * passes authentication until its response ends (the filter chain completes only when the
 * stream does).
 */
public class SseStreamCounter implements WebFilter, Ordered {

	private final String ssePath;

	private final AtomicInteger open = new AtomicInteger();

	public SseStreamCounter(String ssePath) {
		this.ssePath = ssePath;
	}

	@Override
	public int getOrder() {
		// after authentication (HIGHEST_PRECEDENCE + 20): a refused stream never counts
		return Ordered.HIGHEST_PRECEDENCE + 40;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (exchange.getRequest().getMethod() != HttpMethod.GET
				|| !exchange.getRequest().getPath().pathWithinApplication().value().equals(this.ssePath)) {
			return chain.filter(exchange);
		}
		return Mono.defer(() -> {
			this.open.incrementAndGet();
			return chain.filter(exchange).doFinally((signal) -> this.open.decrementAndGet());
		});
	}

	public int openStreams() {
		return this.open.get();
	}

}
