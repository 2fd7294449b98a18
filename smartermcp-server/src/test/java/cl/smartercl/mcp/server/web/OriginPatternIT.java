package cl.smartercl.mcp.server.web;

import org.junit.jupiter.api.Test;

import cl.smartercl.mcp.server.support.ServerTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15 #10: the default {@code http://localhost:*} pattern matched by prefix, so an
 * Origin with user info and another host after it passed. Only a serialized origin
 * (scheme, host, numeric port) can match.
 */
class OriginPatternIT extends ServerTestSupport {

	@Test
	void anOriginThatIsNotJustSchemeHostAndPortIsRefused() {
		for (String origin : new String[] { "http://localhost:1234@evil.example", "http://localhost:1234.evil.example",
				"http://localhost:80/path", "http://localhost:abc", "http://127.0.0.1:1@evil.example" }) {
			Response response = send(request("/tools", ADMIN_TOKEN).header("Origin", origin).GET().build());
			assertThat(response.status()).as(origin).isEqualTo(403);
			assertThat(response.json().path("code").asString()).isEqualTo("forbidden_origin");
			Response mcp = send(request("/mcp", ADMIN_TOKEN).header("Origin", origin)
				.header("Content-Type", "application/json")
				.header("Accept", "application/json, text/event-stream")
				.POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
				.build());
			assertThat(mcp.status()).as(origin).isEqualTo(403);
		}
		assertThat(
				send(request("/tools", ADMIN_TOKEN).header("Origin", "http://localhost:5173").GET().build()).status())
			.isEqualTo(200);
	}

}
