package cl.smartercl.mcp.server.mcp;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cl.smartercl.mcp.server.support.LegacySseSession;
import cl.smartercl.mcp.server.support.ServerTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Client input the MCP transports used to mishandle (issue 15 #4, #5, #7, #8), on both:
 * non-object {@code arguments}, stray responses, {@code initialize} with non-object
 * params, a {@code null} body, a bad logging level — each a JSON-RPC error (or 202),
 * never a 500, a silent stream or a Java type name; and on the legacy transport a request
 * before {@code initialized} answered at once, a cap on open streams per token, and a
 * revoked token's streams closed.
 */
class McpHostileInputIT extends ServerTestSupport {

	private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
			+ "{\"protocolVersion\":\"%s\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";

	private static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

	private static final String BAD_ARGUMENTS = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\","
			+ "\"params\":{\"name\":\"services_list\",\"arguments\":\"x\"}}";

	private static final String STRAY_RESULT = "{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":{}}";

	private static final String STRAY_ERROR = "{\"jsonrpc\":\"2.0\",\"id\":\"s-9\",\"error\":{\"code\":-1,\"message\":\"m\"}}";

	private static final String BAD_INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"initialize\",\"params\":\"x\"}";

	private static final String BAD_LEVEL = "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"logging/setLevel\","
			+ "\"params\":{\"level\":\"loud\"}}";

	private static final int STREAMS_PER_TOKEN = 3;

	@DynamicPropertySource
	static void limits(DynamicPropertyRegistry registry) {
		registry.add("smartermcp.mcp.max-sessions-per-token", () -> STREAMS_PER_TOKEN);
	}

	// --- Streamable HTTP ---

	@Test
	void streamableAnswersHostileMessagesWithJsonRpcErrors() {
		String token = issueToken("hostile-streamable", "read:services");
		String session = initializeStreamable(token);

		Response arguments = postMcp(token, session, BAD_ARGUMENTS);
		assertThat(arguments.status()).as(arguments.body()).isEqualTo(200);
		assertInvalidParams(arguments, 7, "'arguments'");

		assertThat(postMcp(token, session, STRAY_RESULT).status()).isEqualTo(202);
		assertThat(postMcp(token, session, STRAY_ERROR).status()).isEqualTo(202);

		Response initialize = postMcp(token, null, BAD_INITIALIZE);
		assertThat(initialize.status()).isLessThan(500);
		assertInvalidParams(initialize, 3, "params");

		Response nothing = postMcp(token, session, "null");
		assertThat(nothing.status()).isEqualTo(400);
		assertThat(nothing.json().path("error").path("code").asInt()).isEqualTo(-32600);

		Response level = postMcp(token, session, BAD_LEVEL);
		assertInvalidParams(level, 4, "'level'");

		assertRefusalOnRecord("hostile-streamable", 1);
	}

	// --- legacy HTTP+SSE ---

	@Test
	void legacyAnswersHostileMessagesWithJsonRpcErrors() throws Exception {
		String token = issueToken("hostile-legacy", "read:services");
		try (LegacySseSession stream = LegacySseSession.open(baseUrl(), token)) {
			assertThat(post(stream.endpoint(), token, INITIALIZE.formatted("2024-11-05")).status()).isEqualTo(200);
			assertThat(post(stream.endpoint(), token, INITIALIZED).status()).isLessThan(300);

			Response arguments = post(stream.endpoint(), token, BAD_ARGUMENTS);
			assertThat(arguments.status()).as(arguments.body()).isEqualTo(400);
			assertInvalidParams(arguments, 7, "'arguments'");

			// the legacy transport acknowledges every message it takes with 200 (never a
			// 500 for a stray one)
			assertThat(post(stream.endpoint(), token, STRAY_RESULT).status()).isIn(200, 202);
			assertThat(post(stream.endpoint(), token, STRAY_ERROR).status()).isIn(200, 202);

			Response initialize = post(stream.endpoint(), token, BAD_INITIALIZE);
			assertThat(initialize.status()).isEqualTo(400);
			assertInvalidParams(initialize, 3, "params");

			Response nothing = post(stream.endpoint(), token, "null");
			assertThat(nothing.status()).isEqualTo(400);
			assertThat(nothing.body()).doesNotContain("Exception", "tools.jackson", "java.");

			assertInvalidParams(post(stream.endpoint(), token, BAD_LEVEL), 4, "'level'");
		}
		assertRefusalOnRecord("hostile-legacy", 1);
	}

	@Test
	void legacyRequestBeforeInitializedIsAnsweredAtOnce() throws Exception {
		String token = issueToken("hostile-early", "read:services");
		try (LegacySseSession stream = LegacySseSession.open(baseUrl(), token)) {
			// without the guard the SDK parks this until notifications/initialized: the
			// 30 s client timeout fails it
			Response early = post(stream.endpoint(), token, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
			assertThat(early.status()).isEqualTo(400);
			assertThat(early.json().path("id").asInt()).isEqualTo(2);
			assertThat(early.json().path("error").path("message").asString()).contains("not initialized");
		}
	}

	@Test
	void legacyStreamsPerTokenAreCapped() throws Exception {
		String token = issueToken("hostile-many-streams", "read:services");
		List<LegacySseSession> open = new ArrayList<>();
		try {
			for (int i = 0; i < STREAMS_PER_TOKEN; i++) {
				open.add(LegacySseSession.open(baseUrl(), token));
			}
			HttpResponse<InputStream> refused = HTTP.send(sseRequest(token), HttpResponse.BodyHandlers.ofInputStream());
			try (InputStream body = refused.body()) {
				assertThat(refused.statusCode()).isEqualTo(429);
				assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).contains("open SSE streams");
			}
		}
		finally {
			for (LegacySseSession stream : open) {
				stream.close();
			}
		}
	}

	@Test
	void aRevokedTokensLegacyStreamIsClosed() throws Exception {
		String token = issueToken("hostile-revoked", "read:services");
		String id = tokenId("hostile-revoked");
		try (LegacySseSession stream = LegacySseSession.open(baseUrl(), token)) {
			assertThat(delete("/auth/tokens/" + id, ADMIN_TOKEN).status()).isEqualTo(204);
			// the stream ends (EOF) instead of carrying keep-alives for the revoked
			// token; the bound only keeps a failing run from hanging
			assertThat(stream.endsWithin(Duration.ofSeconds(120))).isTrue();
		}
	}

	// --- helpers ---

	private void assertInvalidParams(Response response, int id, String naming) {
		assertThat(response.status()).as(response.body()).isLessThan(500);
		JsonNode json = response.json();
		assertThat(json.path("jsonrpc").asString()).isEqualTo("2.0");
		assertThat(json.path("id").asInt()).isEqualTo(id);
		assertThat(json.path("error").path("code").asInt()).as(response.body()).isEqualTo(-32602);
		assertThat(json.path("error").path("message").asString()).contains(naming);
		assertThat(response.body()).doesNotContain("tools.jackson", "McpSchema", "java.", "Exception", "$");
	}

	private void assertRefusalOnRecord(String tokenName, int expected) {
		Response audit = get("/audit?tool=services_list&outcome=invalid_arguments&limit=500", ADMIN_TOKEN);
		assertThat(audit.status()).isEqualTo(200);
		int found = 0;
		for (JsonNode record : audit.json().path("records")) {
			if (record.path("token_name").asString().equals(tokenName)) {
				found++;
				assertThat(record.path("transport").asString()).isEqualTo("mcp");
			}
		}
		assertThat(found).as(audit.body()).isEqualTo(expected);
	}

	private String tokenId(String name) {
		for (JsonNode token : get("/auth/tokens", ADMIN_TOKEN).json().path("tokens")) {
			if (token.path("name").asString().equals(name)) {
				return token.path("id").asString();
			}
		}
		throw new AssertionError("no token " + name);
	}

	private String initializeStreamable(String token) {
		Response response = postMcp(token, null, INITIALIZE.formatted("2025-11-25"));
		assertThat(response.status()).isEqualTo(200);
		String session = response.header("Mcp-Session-Id");
		assertThat(postMcp(token, session, INITIALIZED).status()).isEqualTo(202);
		return session;
	}

	private Response postMcp(String token, String session, String body) {
		HttpRequest.Builder request = request("/mcp", token).header("Content-Type", "application/json")
			.header("Accept", "application/json, text/event-stream")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (session != null) {
			request.header("Mcp-Session-Id", session);
		}
		return send(request.build());
	}

	private HttpRequest sseRequest(String token) {
		return HttpRequest.newBuilder(URI.create(baseUrl() + "/sse"))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "text/event-stream")
			.build();
	}

}
