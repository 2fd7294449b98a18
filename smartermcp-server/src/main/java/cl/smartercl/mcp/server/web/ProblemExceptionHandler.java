package cl.smartercl.mcp.server.web;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.WebExceptionHandler;

import cl.smartercl.mcp.core.error.ToolException;

/**
 * The last resort for anything a handler let escape: tool errors keep their status,
 * HTTP-level ones (no route, wrong method, unreadable or oversized body) become problem
 * JSON, and everything else a 500 that names only the request id. Runs before Spring
 * Boot's default handler, which would print exception text.
 */
@Order(-3)
public final class ProblemExceptionHandler implements WebExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		if (exchange.getResponse().isCommitted()) {
			return Mono.error(ex);
		}
		// an error may surface on any thread; the answer is written on the connection's
		// event loop
		ServerHttpResponse response = EventLoopWritesFilter.onEventLoop(exchange);
		String requestId = RequestContext.requestId(exchange);
		if (ex instanceof ToolException toolException) {
			return Problems.write(response, toolException, requestId);
		}
		if (ex instanceof RequestBodies.PayloadTooLargeException || ex instanceof DataBufferLimitException
				|| ex.getCause() instanceof DataBufferLimitException) {
			return Problems.write(response, 413, Problems.body(413, "payload_too_large",
					"the request body is larger than allowed", requestId, Map.of()));
		}
		if (ex instanceof ServerWebInputException) {
			return Problems.write(response, 400,
					Problems.body(400, "invalid_request", "the request could not be read", requestId, Map.of()));
		}
		if (ex instanceof ResponseStatusException status) {
			int code = status.getStatusCode().value();
			String detail = switch (code) {
				case 404 -> "no such endpoint: " + exchange.getRequest().getPath().value();
				case 405 -> "method " + exchange.getRequest().getMethod() + " is not allowed here";
				case 406 -> "the requested media type cannot be produced";
				case 415 -> "unsupported content type";
				default -> "request failed";
			};
			String name = switch (code) {
				case 404 -> "not_found";
				case 405 -> "method_not_allowed";
				default -> "http_" + code;
			};
			return Problems.write(response, code, Problems.body(code, name, detail, requestId, Map.of()));
		}
		log.error("unhandled error (request {})", requestId, ex);
		return Problems.write(response, 500, Problems.body(500, "internal_error",
				"Internal error (reference " + requestId + ")", requestId, Map.of()));
	}

}
