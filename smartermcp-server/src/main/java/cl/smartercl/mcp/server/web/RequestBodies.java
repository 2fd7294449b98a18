package cl.smartercl.mcp.server.web;

import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * Reads request bodies with a hard size bound, so an oversized body is answered 413
 * instead of failing deep in a codec with 500 (mcp-checklist K14).
 */
public final class RequestBodies {

	private RequestBodies() {
	}

	/**
	 * @return the body as UTF-8 text ("" when there is none), or
	 * {@link PayloadTooLargeException}
	 */
	public static Mono<String> readText(ServerRequest request, long maxBytes) {
		long declared = request.headers().contentLength().orElse(-1);
		if (declared > maxBytes) {
			return Mono.error(new PayloadTooLargeException(maxBytes));
		}
		return join(request.exchange().getRequest().getBody(), maxBytes).map((buffer) -> {
			try {
				return buffer.toString(StandardCharsets.UTF_8);
			}
			finally {
				DataBufferUtils.release(buffer);
			}
		}).defaultIfEmpty("");
	}

	/**
	 * @return the body as one buffer (empty when there is none), or
	 * {@link PayloadTooLargeException} as soon as it grows past {@code maxBytes},
	 * whatever its declared length
	 */
	public static Mono<DataBuffer> join(Flux<DataBuffer> body, long maxBytes) {
		return DataBufferUtils.join(body, (int) Math.min(Integer.MAX_VALUE, maxBytes))
			.onErrorMap(DataBufferLimitException.class, (ex) -> new PayloadTooLargeException(maxBytes));
	}

	/** A body over the configured limit. */
	public static final class PayloadTooLargeException extends RuntimeException {

		private final long maxBytes;

		public PayloadTooLargeException(long maxBytes) {
			super("request body larger than " + maxBytes + " bytes", null, false, false);
			this.maxBytes = maxBytes;
		}

		public long maxBytes() {
			return this.maxBytes;
		}

	}

}
