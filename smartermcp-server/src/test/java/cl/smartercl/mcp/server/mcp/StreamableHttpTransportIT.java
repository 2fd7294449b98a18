package cl.smartercl.mcp.server.mcp;

import java.net.http.HttpRequest;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import cl.smartercl.mcp.server.support.ServerTestSupport;
import cl.smartercl.mcp.server.support.SettableClock;
import cl.smartercl.mcp.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Streamable HTTP transport on the wire, with raw HTTP: the behaviours of the spec
 * and of mcp-checklist §6 that an SDK client would hide.
 */
@TestPropertySource(properties = { "smartermcp.mcp.session-idle-timeout=2s", "smartermcp.max-body-bytes=65536",
		"smartermcp.mcp.keep-alive=300ms" })
@Import(SettableClock.class)
class StreamableHttpTransportIT extends ServerTestSupport {

	private static final String INITIALIZE = """
			{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
			"capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""";

	private static final String LIST = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{}}";

	@Autowired
	private MutableClock clock;

	@Autowired
	private StreamableHttpTransport transport;

	private Response mcp(String token, String sessionId, String body, String... headers) {
		HttpRequest.Builder builder = request("/mcp", token).header("Content-Type", "application/json")
			.header("Accept", "application/json, text/event-stream")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (sessionId != null) {
			builder.header("Mcp-Session-Id", sessionId);
		}
		for (int i = 0; i < headers.length; i += 2) {
			builder.setHeader(headers[i], headers[i + 1]);
		}
		return send(builder.build());
	}

	private String open(String token) {
		Response init = mcp(token, null, INITIALIZE);
		assertThat(init.status()).isEqualTo(200);
		assertThat(init.json().path("result").path("protocolVersion").asString()).isEqualTo("2025-11-25");
		String session = init.header("Mcp-Session-Id");
		assertThat(session).isNotBlank();
		assertThat(mcp(token, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").status())
			.isEqualTo(202);
		return session;
	}

	@Test
	void aRequestWithOneAnswerIsAnsweredAsJson() {
		String session = open(ADMIN_TOKEN);
		Response list = mcp(ADMIN_TOKEN, session, LIST);
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.header("Content-Type")).startsWith("application/json");
		assertThat(list.json().path("id").asInt()).isEqualTo(2);
		assertThat(list.body()).contains("\"tools\"").contains("services_list");
		Response any = mcp(ADMIN_TOKEN, session, LIST, "Accept", "*/*");
		assertThat(any.header("Content-Type")).startsWith("application/json");
	}

	@Test
	void aClientThatAcceptsOnlyEventStreamsGetsAnEventStream() {
		String session = open(ADMIN_TOKEN);
		Response list = mcp(ADMIN_TOKEN, session, LIST, "Accept", "text/event-stream");
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.header("Content-Type")).startsWith("text/event-stream");
		// the frames Spring's SSE writer gave before the transport wrote them itself
		assertThat(list.body()).startsWith(":stream open\n\n").contains("\nevent:message\ndata:{").endsWith("}\n\n");
		assertThat(list.body()).contains("\"tools\"").contains("services_list");
	}

	@Test
	void afterDeleteTheSessionIsGone() {
		String session = open(ADMIN_TOKEN);
		Response deleted = send(request("/mcp", ADMIN_TOKEN).header("Mcp-Session-Id", session).DELETE().build());
		assertThat(deleted.status()).isBetween(200, 204);
		Response after = mcp(ADMIN_TOKEN, session, LIST);
		assertThat(after.status()).isEqualTo(404);
		assertThat(after.json().path("error").path("message").asString()).contains("session not found");
		assertThat(after.body()).doesNotContain("Exception").doesNotContain("stackTrace");
		assertThat(send(request("/mcp", ADMIN_TOKEN).header("Mcp-Session-Id", session).DELETE().build()).status())
			.isEqualTo(404);
	}

	@Test
	void anIdleSessionExpires() {
		String session = open(ADMIN_TOKEN);
		this.clock.advance(Duration.ofMillis(1500));
		this.transport.expireIdle();
		assertThat(mcp(ADMIN_TOKEN, session, LIST).status()).as("used within the idle timeout").isEqualTo(200);
		this.clock.advance(Duration.ofMillis(2001));
		this.transport.expireIdle();
		assertThat(mcp(ADMIN_TOKEN, session, LIST).status()).isEqualTo(404);
	}

	@Test
	void aSessionBelongsToTheTokenThatOpenedIt() {
		String session = open(ADMIN_TOKEN);
		String other = issueToken("other-session-user", "read:services");
		assertThat(mcp(other, session, LIST).status()).isEqualTo(404);
		assertThat(mcp(ADMIN_TOKEN, session, LIST).status()).isEqualTo(200);
	}

	@Test
	void anUnsupportedProtocolVersionIsRefused() {
		String session = open(ADMIN_TOKEN);
		Response response = mcp(ADMIN_TOKEN, session, LIST, "MCP-Protocol-Version", "1900-01-01");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().path("error").path("message").asString()).contains("1900-01-01")
			.contains("2025-11-25");
		assertThat(mcp(ADMIN_TOKEN, session, LIST, "MCP-Protocol-Version", "2025-06-18").status()).isEqualTo(200);
	}

	@Test
	void initializeOnAnExistingSessionIsRefused() {
		String session = open(ADMIN_TOKEN);
		assertThat(mcp(ADMIN_TOKEN, session, INITIALIZE).status()).isEqualTo(400);
	}

	@Test
	void withoutASessionIdARequestIsRefused() {
		Response response = mcp(ADMIN_TOKEN, null, LIST);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().path("jsonrpc").asString()).isEqualTo("2.0");
	}

	@Test
	void batchesAndGarbageGetJsonRpcErrors() {
		String session = open(ADMIN_TOKEN);
		Response batch = mcp(ADMIN_TOKEN, session, "[" + LIST + "]");
		assertThat(batch.status()).isEqualTo(400);
		assertThat(batch.json().path("error").path("message").asString()).contains("batches");
		Response garbage = mcp(ADMIN_TOKEN, session, "{not json");
		assertThat(garbage.status()).isEqualTo(400);
		assertThat(garbage.json().path("error").path("code").asInt()).isEqualTo(-32700);
	}

	@Test
	void anOversizedBodyIs413() {
		String session = open(ADMIN_TOKEN);
		String big = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"workflows_create\","
				+ "\"arguments\":{\"name\":\"" + "x".repeat(70_000) + "\"}}}";
		Response response = mcp(ADMIN_TOKEN, session, big);
		assertThat(response.status()).isEqualTo(413);
	}

	@Test
	void lenientAcceptHeadersWork() {
		String session = open(ADMIN_TOKEN);
		assertThat(mcp(ADMIN_TOKEN, session, LIST, "Accept", "*/*").status()).isEqualTo(200);
		assertThat(mcp(ADMIN_TOKEN, session, LIST, "Accept", "application/json, text/event-stream;q=0.9").status())
			.isEqualTo(200);
	}

	@Test
	void anUnknownMethodCompletesWithMethodNotFound() {
		String session = open(ADMIN_TOKEN);
		Response response = mcp(ADMIN_TOKEN, session,
				"{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"completion/complete\"}");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).contains("-32601");
	}

	@Test
	void aForeignOriginIsRefusedAndLocalOnesPass() {
		Response evil = mcp(ADMIN_TOKEN, null, INITIALIZE, "Origin", "https://evil.example");
		assertThat(evil.status()).isEqualTo(403);
		assertThat(evil.json().path("code").asString()).isEqualTo("forbidden_origin");
		assertThat(mcp(ADMIN_TOKEN, null, INITIALIZE, "Origin", "http://localhost:5173").status()).isEqualTo(200);
	}

	@Test
	void withoutATokenNothingIsServed() {
		Response response = mcp(null, null, INITIALIZE);
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.json().path("detail").asString()).isEqualTo("Unauthorized - Invalid or expired API token");
		assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
	}

	@Test
	void theListeningStreamSendsHeadersAtOnce() throws Exception {
		String session = open(ADMIN_TOKEN);
		var response = HTTP.send(request("/mcp", ADMIN_TOKEN).header("Mcp-Session-Id", session)
			.header("Accept", "text/event-stream")
			.timeout(java.time.Duration.ofSeconds(3))
			.GET()
			.build(), java.net.http.HttpResponse.BodyHandlers.ofInputStream());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
		byte[] first = response.body().readNBytes(8);
		assertThat(new String(first)).startsWith(":");
		response.body().close();
	}

	@Test
	void anOpenStreamCarriesKeepAliveComments() throws Exception {
		String session = open(ADMIN_TOKEN);
		var response = HTTP.send(request("/mcp", ADMIN_TOKEN).header("Mcp-Session-Id", session)
			.header("Accept", "text/event-stream")
			.timeout(java.time.Duration.ofSeconds(3))
			.GET()
			.build(), java.net.http.HttpResponse.BodyHandlers.ofLines());
		assertThat(response.statusCode()).isEqualTo(200);
		// keep-alive is 300 ms here: two of them come well within 5 s (bounded, the
		// stream never ends by itself)
		var lines = java.util.concurrent.CompletableFuture
			.supplyAsync(() -> response.body().filter((line) -> !line.isEmpty()).limit(3).toList());
		try {
			assertThat(lines.get(5, java.util.concurrent.TimeUnit.SECONDS)).containsExactly(":stream open",
					":keep-alive", ":keep-alive");
		}
		finally {
			lines.cancel(true);
			response.body().close();
		}
		assertThat(mcp(ADMIN_TOKEN, session, LIST).status()).isEqualTo(200);
	}

}
