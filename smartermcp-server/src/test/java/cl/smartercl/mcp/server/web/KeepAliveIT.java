package cl.smartercl.mcp.server.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import cl.smartercl.mcp.core.schema.ToolJson;
import cl.smartercl.mcp.server.support.ServerTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keep-alive connections stay usable whatever the previous answer was: a refusal sent
 * before the body was read, a 413, an answer written from another thread (the store's).
 * An answer written off the event loop followed by one written at once used to stall the
 * connection in Reactor Netty, and the client's next request hung until its time-out (the
 * CI failures of TenantIsolationIT; see EventLoopWritesFilter).
 */
class KeepAliveIT extends ServerTestSupport {

	private static final String BODY = "{\"id\":\"gamma\",\"name\":\"a body the refusal never reads\"}";

	/** One connection at a time, reused whenever the server allows it. */
	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	@Test
	void aRefusalBeforeTheBodyIsReadKeepsTheConnectionOpen() throws Exception {
		String reader = issueToken("reader", "read:services");
		// 401: no valid token; 403: a scope the token lacks; both answered before the
		// body is read
		HttpResponse<String> unauthenticated = exchange(posting("/tenants", "smcp_not_a_token", BODY));
		HttpResponse<String> forbidden = exchange(posting("/tenants", reader, BODY));
		assertThat(unauthenticated.statusCode()).isEqualTo(401);
		assertThat(forbidden.statusCode()).isEqualTo(403);
		assertThat(unauthenticated.headers().firstValue("Connection")).isEmpty();
		assertThat(forbidden.headers().firstValue("Connection")).isEmpty();
	}

	@Test
	void anOversizedBodyIsRefused413AndTheClientReadsTheRefusal() throws Exception {
		String reader = issueToken("reader-oversized", "read:services");
		// over the 1 MiB limit: refused by its declared length while the client is still
		// sending; Reactor
		// Netty reads the rest and throws it away, so the client reads the 413, not a
		// reset connection
		String query = "{\"filter\":\"" + "a".repeat(1_500_000) + "\"}";
		for (int round = 0; round < 5; round++) {
			HttpResponse<String> refused = exchange(posting("/tools/services_list", reader, query));
			assertThat(refused.statusCode()).as("round %d", round).isEqualTo(413);
			assertThat(exchange(getting("/tools", reader)).statusCode()).as("round %d", round).isEqualTo(200);
		}
	}

	@Test
	void theNextRequestOnTheConnectionIsAnsweredAfterEachRefusal() throws Exception {
		createTenant("keepalive");
		String tenantAdmin = issueToken(ADMIN_TOKEN, "keepalive", "keepalive-admin", List.of("admin:tenants"));
		// each request has 10 s
		for (int round = 0; round < 500; round++) {
			assertThat(exchange(posting("/tenants", tenantAdmin, BODY)).statusCode()).as("refusal, round %d", round)
				.isEqualTo(403);
			assertThat(exchange(getting("/tenants", tenantAdmin)).statusCode()).as("next request, round %d", round)
				.isEqualTo(200);
		}
	}

	@Test
	void theNextRequestIsAnsweredAfterAnAnswerWrittenOffTheEventLoop() throws Exception {
		// TenantIsolationIT's sequence: an answer written from the store's thread, then a
		// refusal
		// answered at once by the authentication filter, then a POST; before
		// EventLoopWritesFilter the
		// POST hung within a few dozen rounds
		for (int round = 0; round < 200; round++) {
			String tenant = "ka-" + round;
			assertThat(exchange(posting("/tenants", ADMIN_TOKEN, "{\"id\":\"" + tenant + "\"}")).statusCode())
				.as("tenant created, round %d", round)
				.isEqualTo(201);
			HttpResponse<String> issued = exchange(posting("/auth/token", ADMIN_TOKEN,
					"{\"name\":\"ka-admin\",\"scopes\":[\"admin:tenants\"],\"tenant_id\":\"" + tenant + "\"}"));
			assertThat(issued.statusCode()).as("token issued, round %d", round).isEqualTo(201);
			String token = ToolJson.mapper().readTree(issued.body()).path("api_token").asString();
			// the first use of the token reads the store (answer written from its
			// thread), the second
			// hits the token cache and is refused at once
			for (int refusal = 0; refusal < 2; refusal++) {
				HttpResponse<String> named = this.client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/tools"))
					.timeout(Duration.ofSeconds(10))
					.header("Authorization", "Bearer " + token)
					.header("X-Tenant-ID", "default")
					.GET()
					.build(), HttpResponse.BodyHandlers.ofString());
				assertThat(named.statusCode()).as("refusal %d, round %d", refusal, round).isEqualTo(403);
			}
			HttpResponse<String> issue = exchange(posting("/auth/token", token,
					"{\"name\":\"x\",\"scopes\":[\"read:services\"],\"tenant_id\":\"default\"}"));
			assertThat(issue.statusCode()).as("next request, round %d", round).isEqualTo(403);
		}
	}

	private HttpRequest posting(String path, String token, String body) {
		return HttpRequest.newBuilder(URI.create(baseUrl() + path))
			.timeout(Duration.ofSeconds(10))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
	}

	private HttpRequest getting(String path, String token) {
		return HttpRequest.newBuilder(URI.create(baseUrl() + path))
			.timeout(Duration.ofSeconds(10))
			.header("Authorization", "Bearer " + token)
			.GET()
			.build();
	}

	private HttpResponse<String> exchange(HttpRequest request) throws Exception {
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
