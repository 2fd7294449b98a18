package cl.smartercl.mcp.benchmarks.load;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * The load generator's HTTP side (Reactor Netty, HTTP/1.1 keep-alive, loopback only): one
 * client per run with a pool of as many connections as the run may have calls in flight.
 * A {@link Call} is one request whose Mono says whether the answer was a success (status
 * and body checked, the body read to its end).
 */
public final class LoadClient implements AutoCloseable {

	/**
	 * MCP protocol revision both servers speak; the SDK peer and SmarterMCP accept it.
	 */
	public static final String PROTOCOL_VERSION = "2025-06-18";

	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

	private static final LoopResources LOOPS = LoopResources.create("load", 2, true);

	private final ConnectionProvider pool;

	private final HttpClient client;

	private final String token;

	/** One request of a run. */
	@FunctionalInterface
	public interface Call {

		Mono<Boolean> call();

	}

	public LoadClient(String baseUrl, String token, int connections) {
		this.pool = ConnectionProvider.builder("load")
			.maxConnections(connections)
			.pendingAcquireMaxCount(-1)
			.pendingAcquireTimeout(Duration.ofSeconds(30))
			.build();
		this.client = HttpClient.create(this.pool).runOn(LOOPS).baseUrl(baseUrl).keepAlive(true);
		this.token = token;
	}

	/** {@code POST /tools/{tool}} with {@code {}}: success is 200. */
	public Call rest(String tool) {
		return rest(tool, "{}");
	}

	/** {@code POST /tools/{tool}} with the given JSON arguments: success is 200. */
	public Call rest(String tool, String arguments) {
		return () -> post("/tools/" + tool, arguments, null, "application/json").map((r) -> r.status == 200);
	}

	/**
	 * The body of one {@code POST /tools/{tool}} (for keeping a server's answer); fails
	 * unless 200.
	 */
	public Mono<String> restAnswer(String tool, String arguments) {
		return post("/tools/" + tool, arguments, null, "application/json").flatMap((r) -> (r.status == 200)
				? Mono.just(r.body)
				: Mono.error(new IllegalStateException(tool + " answered " + r.status + ": " + abbreviate(r.body))));
	}

	/** A plain {@code GET}: success is 200. */
	public Call get(String path) {
		return () -> this.client.headers((h) -> authorize(h))
			.get()
			.uri(path)
			.responseSingle((response, body) -> body.asByteArray()
				.defaultIfEmpty(new byte[0])
				.map((bytes) -> response.status().code() == 200))
			.timeout(CALL_TIMEOUT);
	}

	/**
	 * MCP {@code tools/call} of {@code tool} with no arguments, round-robin over the
	 * given sessions: success is a 200 whose (SSE or JSON) body holds a result that is
	 * not an error.
	 */
	public Call mcpToolCall(String endpoint, List<String> sessions, String tool) {
		return mcpToolCall(endpoint, sessions, tool, "{}");
	}

	/**
	 * MCP {@code tools/call} of {@code tool} with the given JSON arguments, round-robin
	 * over the given sessions: success is a 200 whose (SSE or JSON) body holds a result
	 * that is not an error.
	 */
	public Call mcpToolCall(String endpoint, List<String> sessions, String tool, String arguments) {
		AtomicLong ids = new AtomicLong();
		AtomicInteger next = new AtomicInteger();
		return () -> {
			long id = ids.incrementAndGet();
			String session = sessions.get(Math.floorMod(next.getAndIncrement(), sessions.size()));
			String body = "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\""
					+ tool + "\",\"arguments\":" + arguments + "}}";
			return post(endpoint, body, session, "application/json, text/event-stream")
				.map((r) -> r.status == 200 && r.body.contains("\"result\"") && !r.body.contains("\"isError\":true"));
		};
	}

	/**
	 * Opens {@code count} MCP sessions (initialize, then notifications/initialized), at
	 * most 16 at a time.
	 */
	public List<String> openMcpSessions(String endpoint, int count) {
		List<String> ids = Flux.range(0, count)
			.flatMap((i) -> openMcpSession(endpoint), 16)
			.collectList()
			.block(Duration.ofMinutes(5));
		return (ids == null) ? List.of() : new ArrayList<>(ids);
	}

	public Mono<String> openMcpSession(String endpoint) {
		String initialize = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\""
				+ PROTOCOL_VERSION
				+ "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"smartermcp-bench\",\"version\":\"1\"}}}";
		String initialized = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";
		return post(endpoint, initialize, null, "application/json, text/event-stream").flatMap((r) -> {
			if (r.status != 200 || r.sessionId == null) {
				return Mono
					.error(new IllegalStateException("initialize answered " + r.status + ": " + abbreviate(r.body)));
			}
			return post(endpoint, initialized, r.sessionId, "application/json, text/event-stream")
				.flatMap((n) -> (n.status / 100 == 2) ? Mono.just(r.sessionId)
						: Mono.error(new IllegalStateException("notifications/initialized answered " + n.status)));
		});
	}

	private record Answer(int status, String sessionId, String body) {
	}

	private Mono<Answer> post(String path, String json, String session, String accept) {
		ByteBuf payload = Unpooled.wrappedBuffer(json.getBytes(StandardCharsets.UTF_8));
		return this.client.headers((h) -> {
			authorize(h);
			h.set(HttpHeaderNames.CONTENT_TYPE, "application/json");
			h.set(HttpHeaderNames.ACCEPT, accept);
			h.set("MCP-Protocol-Version", PROTOCOL_VERSION);
			if (session != null) {
				h.set("Mcp-Session-Id", session);
			}
		})
			.post()
			.uri(path)
			.send(ByteBufFlux.fromInbound(Mono.just(payload)))
			.responseSingle((response, body) -> body.asString(StandardCharsets.UTF_8)
				.defaultIfEmpty("")
				.map((text) -> new Answer(response.status().code(), response.responseHeaders().get("Mcp-Session-Id"),
						text)))
			.timeout(CALL_TIMEOUT);
	}

	private void authorize(io.netty.handler.codec.http.HttpHeaders headers) {
		if (this.token != null) {
			headers.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + this.token);
		}
	}

	private static String abbreviate(String text) {
		return (text.length() > 200) ? text.substring(0, 200) + "..." : text;
	}

	@Override
	public void close() {
		this.pool.disposeLater().block(Duration.ofSeconds(10));
	}

}
