package cl.smartercl.mcp.server.mcp;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import cl.smartercl.mcp.server.support.LegacySseSession;
import cl.smartercl.mcp.server.support.ServerTestSupport;
import cl.smartercl.mcp.testsupport.Eventually;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guard of the legacy HTTP+SSE transport: a session belongs to the token that opened
 * its stream (another valid token cannot post into it: 404, as for an unknown session;
 * the binding ends with the stream), and a chunked message body over the limit is refused
 * with 413 like a declared one.
 */
class LegacySseGuardIT extends ServerTestSupport {

	private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
			+ "{\"protocolVersion\":\"2024-11-05\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";

	@Autowired
	private LegacySseGuardFilter guard;

	@Test
	void onlyTheTokenThatOpenedTheStreamMayPostToItsSession() throws Exception {
		String owner = issueToken("sse-owner", "read:services");
		String intruder = issueToken("sse-intruder", "read:services");
		int boundBefore = this.guard.boundSessions();
		try (LegacySseSession session = LegacySseSession.open(baseUrl(), owner)) {
			String endpoint = session.endpoint();
			assertThat(endpoint).startsWith("/mcp/message?sessionId=");
			assertThat(this.guard.boundSessions()).isEqualTo(boundBefore + 1);

			Response intrusion = post(endpoint, intruder, INITIALIZE);
			assertThat(intrusion.status()).isEqualTo(404);
			assertThat(intrusion.json().path("error").path("message").asString())
				.isEqualTo("session not found: open a new SSE connection");
			assertThat(intrusion.body()).doesNotContain("Exception");

			assertThat(post(endpoint, owner, INITIALIZE).status()).isEqualTo(200);
		}
		// the stream is closed: the binding goes with it
		assertThat(Eventually.poll(Duration.ofSeconds(10), this.guard::boundSessions, (bound) -> bound == boundBefore))
			.isEqualTo(boundBefore);
	}

	@Test
	void theStreamNamesItsSessionInAHeaderForLoadBalancers() throws Exception {
		String owner = issueToken("sse-header", "read:services");
		try (LegacySseSession session = LegacySseSession.open(baseUrl(), owner)) {
			// deploy/haproxy.cfg stores it and routes each message by the sessionId of
			// its URL
			assertThat(session.headers().firstValue(LegacySseGuardFilter.SESSION_HEADER))
				.contains(session.endpoint().substring("/mcp/message?sessionId=".length()));
		}
	}

	@Test
	void aChunkedMessageOverTheLimitIs413AndOneWithinItIsServed() throws Exception {
		String token = issueToken("sse-chunked", "read:services");
		try (LegacySseSession session = LegacySseSession.open(baseUrl(), token)) {
			String endpoint = session.endpoint();
			// the default limit is 1 MiB; a publisher of unknown length is sent chunked
			String padding = " ".repeat(1_200_000);
			HttpResponse<String> oversized = HTTP.send(chunked(endpoint, token, INITIALIZE + padding),
					HttpResponse.BodyHandlers.ofString());
			assertThat(oversized.statusCode()).isEqualTo(413);
			assertThat(oversized.body()).contains("request body larger than 1048576 bytes").doesNotContain("Exception");

			HttpResponse<String> served = HTTP.send(chunked(endpoint, token, INITIALIZE),
					HttpResponse.BodyHandlers.ofString());
			assertThat(served.statusCode()).isEqualTo(200);
			// the answer arrives on the stream
			List<JsonNode> messages = session.messagesUntilResponse(1, Duration.ofSeconds(30));
			assertThat(messages.get(messages.size() - 1).path("result").has("serverInfo")).isTrue();
		}
	}

	private HttpRequest chunked(String endpoint, String token, String body) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		return HttpRequest.newBuilder(URI.create(baseUrl() + endpoint))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
			.build();
	}

}
