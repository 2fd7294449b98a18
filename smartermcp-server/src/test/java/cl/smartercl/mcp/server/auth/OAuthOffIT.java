package cl.smartercl.mcp.server.auth;

import org.junit.jupiter.api.Test;

import cl.smartercl.mcp.server.support.ServerTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OAuth off (the default): no protected resource metadata, so a client such as mcp-remote
 * learns that there is no OAuth here, and every 401 says plainly that a static
 * {@code smcp_} token was expected.
 */
class OAuthOffIT extends ServerTestSupport {

	@Test
	void thereIsNoMetadataWithoutAToken() {
		assertThat(get("/.well-known/oauth-protected-resource", null).status()).isEqualTo(404);
		assertThat(get("/.well-known/oauth-protected-resource/mcp", null).status()).isEqualTo(404);
	}

	@Test
	void aWrongStaticTokenIsRefusedSayingSo() {
		Response wrong = post("/mcp", "smcp_your_token_placeholder_0123456789abcdef",
				"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}");
		assertThat(wrong.status()).isEqualTo(401);
		assertThat(wrong.json().path("detail").asString()).isEqualTo("Unauthorized - Invalid or expired API token");
		assertThat(wrong.json().path("reason").asString())
			.startsWith("the static SmarterMCP API token (smcp_...) was refused");
		assertThat(wrong.header("WWW-Authenticate")).startsWith(
				"Bearer realm=\"smartermcp\", error=\"invalid_token\", error_description=\"the static SmarterMCP API token")
			.doesNotContain("resource_metadata");
	}

	@Test
	void aJwtOrNoTokenIsRefusedNamingTheStaticTokenExpected() {
		Response jwt = get("/tools", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln");
		assertThat(jwt.status()).isEqualTo(401);
		assertThat(jwt.json().path("reason").asString()).contains("static SmarterMCP API token")
			.contains("does not offer OAuth");
		Response none = get("/tools", null);
		assertThat(none.status()).isEqualTo(401);
		assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"smartermcp\"");
		assertThat(none.json().path("reason").asString()).contains("Authorization: Bearer smcp_");
	}

}
