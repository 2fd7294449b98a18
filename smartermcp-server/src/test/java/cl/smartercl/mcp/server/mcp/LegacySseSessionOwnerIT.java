package cl.smartercl.mcp.server.mcp;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import cl.smartercl.mcp.server.support.ServerTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A legacy HTTP+SSE session belongs to the token that opened its stream: another valid token cannot post
 * into it (404, as for an unknown session), and the binding ends with the stream.
 */
class LegacySseSessionOwnerIT extends ServerTestSupport {

	private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
			+ "{\"protocolVersion\":\"2024-11-05\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";

	@Autowired
	private LegacySseGuardFilter guard;

	@Test
	void onlyTheTokenThatOpenedTheStreamMayPostToItsSession() throws Exception {
		String owner = issueToken("sse-owner", "read:services");
		String intruder = issueToken("sse-intruder", "read:services");
		int boundBefore = this.guard.boundSessions();
		HttpResponse<InputStream> stream = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/sse"))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + owner)
			.header("Accept", "text/event-stream")
			.build(), HttpResponse.BodyHandlers.ofInputStream());
		assertThat(stream.statusCode()).isEqualTo(200);
		String endpoint;
		try (BufferedReader events = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
			endpoint = endpointOf(events);
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
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (this.guard.boundSessions() != boundBefore && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		assertThat(this.guard.boundSessions()).isEqualTo(boundBefore);
	}

	private static String endpointOf(BufferedReader events) throws Exception {
		boolean endpointEvent = false;
		for (String line = events.readLine(); line != null; line = events.readLine()) {
			if (line.equals("event:endpoint")) {
				endpointEvent = true;
			}
			else if (endpointEvent && line.startsWith("data:")) {
				return line.substring("data:".length());
			}
		}
		throw new AssertionError("the stream ended before its endpoint event");
	}

}
