package cl.smartercl.mcp.server.mcp;

import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

/**
 * A loopback HTTP proxy that adds a bearer token to every request and passes everything
 * else through as sent — Host and Origin included — streaming the answer (event streams
 * too). Test clients that take no token (the conformance suite) reach the server through
 * it. Stop it with {@link #close()}.
 */
final class BearerProxy implements AutoCloseable {

	private final DisposableServer server;

	BearerProxy(String target, String token) {
		HttpClient client = HttpClient.create();
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> request.receive()
				.aggregate()
				.asByteArray()
				.defaultIfEmpty(new byte[0])
				.flatMap((body) -> client.headers((headers) -> {
					request.requestHeaders().forEach((header) -> headers.add(header.getKey(), header.getValue()));
					headers.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token);
				})
					.request(request.method())
					.uri(target + request.uri())
					.send((out, stream) -> stream.sendByteArray(Mono.just(body)))
					.response((answer, content) -> response.status(answer.status())
						.headers(answer.responseHeaders())
						.send(content.retain()))
					.then()))
			.bindNow();
	}

	/** The proxy's base URL, e.g. {@code http://127.0.0.1:40123}. */
	String baseUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

}
