package cl.smartercl.mcp.benchmarks.stub;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A stand-in Docker Engine API on loopback for the overhead comparison: {@code GET
 * /v1.44/containers/json} answers the captured list of the connector's own test fixture
 * ({@code containers-list-mixed.json}) at once, {@code /_ping} answers OK. The load
 * generator calls it directly, and SmarterMCP's real Docker connector calls it for
 * {@code containers_list}. Usage: {@code DockerApiStub PORT}; prints {@code READY} when
 * listening.
 */
public final class DockerApiStub {

	private DockerApiStub() {
	}

	public static void main(String[] args) throws InterruptedException {
		int port = Integer.parseInt(args[0]);
		byte[] containers = fixture("/fixtures/docker/containers-list-mixed.json");
		byte[] notFound = "{\"message\":\"page not found\"}".getBytes(StandardCharsets.UTF_8);
		DisposableServer server = HttpServer.create().host("127.0.0.1").port(port).handle((request, response) -> {
			String path = request.uri();
			int query = path.indexOf('?');
			path = (query < 0) ? path : path.substring(0, query);
			if (path.endsWith("/_ping")) {
				return response.header(HttpHeaderNames.CONTENT_TYPE, "text/plain").sendString(Mono.just("OK")).then();
			}
			boolean list = path.equals("/v1.44/containers/json") || path.equals("/containers/json");
			ByteBuf body = Unpooled.wrappedBuffer(list ? containers : notFound);
			return response.status(list ? HttpResponseStatus.OK : HttpResponseStatus.NOT_FOUND)
				.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
				.header(HttpHeaderNames.CONTENT_LENGTH, String.valueOf(body.readableBytes()))
				.send(Mono.just(body))
				.then();
		}).bindNow();
		System.out.println("READY " + server.port());
		System.out.flush();
		server.onDispose().block();
	}

	private static byte[] fixture(String resource) {
		try (InputStream in = DockerApiStub.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("missing resource " + resource);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
