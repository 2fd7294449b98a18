package cl.smartercl.mcp.server.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cl.smartercl.mcp.server.support.ServerTestSupport;
import cl.smartercl.mcp.testsupport.KeycloakPeer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server with token introspection (RFC 7662) against a real Keycloak: every OAuth
 * token, whatever its shape, is judged by Keycloak's introspection endpoint, the server
 * authenticating as its own confidential client (secret from a file); a revoked session
 * is refused at once.
 */
class OAuthIntrospectionIT extends ServerTestSupport {

	static final String RESOURCE = "https://mcp.smartermcp.test/mcp";

	static final String METADATA = "https://mcp.smartermcp.test/.well-known/oauth-protected-resource/mcp";

	private static KeycloakPeer keycloak;

	private static Path secretFile;

	private static boolean tenantsCreated;

	@DynamicPropertySource
	static void oauthProperties(DynamicPropertyRegistry registry) {
		keycloak = KeycloakPeer.start(RESOURCE, List.of("acme", "beta"));
		try {
			secretFile = Files.createTempFile("smartermcp-introspection-", ".secret");
			Files.writeString(secretFile, keycloak.introspectionClientSecret() + "\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		registry.add("smartermcp.oauth.issuer", keycloak::issuer);
		registry.add("smartermcp.oauth.resource", () -> RESOURCE);
		registry.add("smartermcp.oauth.introspection-uri", keycloak::introspectionUri);
		registry.add("smartermcp.oauth.introspection-client-id", keycloak::introspectionClientId);
		registry.add("smartermcp.oauth.introspection-client-secret-file", secretFile::toString);
	}

	@AfterAll
	static void stopKeycloak() throws IOException {
		if (keycloak != null) {
			keycloak.close();
		}
		if (secretFile != null) {
			Files.deleteIfExists(secretFile);
		}
	}

	@BeforeEach
	void tenants() {
		if (!tenantsCreated) {
			createTenant("acme");
			createTenant("beta");
			tenantsCreated = true;
		}
	}

	@Test
	void anIntrospectedTokenCallsToolsOverRestAndMcpAsItsUserAndTenant() {
		String token = password("user-acme", "read:services");
		Response call = post("/tools/docs_services", token, "{\"service_id\":\"n8n\"}");
		assertThat(call.status()).as(call.body()).isEqualTo(200);
		McpSyncClient mcp = mcpClient(token);
		try {
			assertThat(mcp.listTools().tools()).extracting(McpSchema.Tool::name)
				.contains("docs_services")
				.doesNotContain("generate_n8n_workflow");
			McpSchema.CallToolResult result = mcp
				.callTool(new McpSchema.CallToolRequest("docs_services", Map.of("service_id", "n8n")));
			assertThat(result.isError()).as(String.valueOf(result.content())).isNotEqualTo(Boolean.TRUE);
		}
		finally {
			mcp.closeGracefully();
		}
		JsonNode records = get("/audit?tenant_id=acme&tool=docs_services", ADMIN_TOKEN).json().path("records");
		assertThat(records).extracting((r) -> r.path("token_name").asString())
			.contains("user-acme via smartermcp-tests");
		assertThat(records).extracting((r) -> r.path("transport").asString()).contains("rest", "mcp");
		// the scopes come from the introspection answer: what was not granted is refused
		// with the challenge
		Response refused = post("/tools/generate_n8n_workflow", token, "{\"description\":\"post hello to Slack\"}");
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.header("WWW-Authenticate")).contains("scope=\"read:services read:workflows\"");
	}

	@Test
	void aRevokedSessionIsRefusedAtOnce() {
		String token = password("user-beta", "read:services");
		assertThat(get("/tools", token).status()).isEqualTo(200);
		keycloak.logout("user-beta");
		assertRefused(token, "not active");
	}

	@Test
	void aTokenForAnotherServiceOrWithoutATenantIsRefused() {
		String other = OAuthKeycloakIT
			.tokenResponse(keycloak.tokenEndpoint("127.0.0.1"), Map.of("grant_type", "client_credentials", "client_id",
					"other-service", "client_secret", keycloak.otherClientSecret()))
			.path("access_token")
			.asString();
		// Keycloak vouches for a token only to a client in its audience: it is not active
		// for this server
		assertRefused(other, "not active");
		assertRefused(password("no-tenant", "read:services"), "names no tenant (claim 'tenant_id')");
	}

	@Test
	void anOpaqueTokenTheAuthorizationServerDoesNotKnowIsRefusedAndStaticTokensStillWork() {
		// not a JWT, not a static token: with introspection on, Keycloak is asked, and
		// says it is not active
		assertRefused("opaque-7f3c9a0e5b2d4c1f8e6a", "not active");
		assertThat(get("/tools", ADMIN_TOKEN).status()).isEqualTo(200);
		Response wrong = get("/tools", "smcp_wrong_0123456789abcdefghijklmnopqrstuvwxyz");
		assertThat(wrong.status()).isEqualTo(401);
		assertThat(wrong.json().path("reason").asString()).contains("static SmarterMCP API token");
	}

	private void assertRefused(String token, String reason) {
		Response response = get("/tools", token);
		assertThat(response.status()).as(response.body()).isEqualTo(401);
		assertThat(response.json().path("reason").asString()).contains(reason);
		assertThat(response.header("WWW-Authenticate")).contains("error=\"invalid_token\"")
			.contains("resource_metadata=\"" + METADATA + "\"");
	}

	private static String password(String user, String scope) {
		return OAuthKeycloakIT.tokenResponse(keycloak.tokenEndpoint("127.0.0.1"),
				Map.of("grant_type", "password", "client_id", "smartermcp-tests", "client_secret",
						keycloak.testsClientSecret(), "username", user, "password", keycloak.userPassword(), "scope",
						scope))
			.path("access_token")
			.asString();
	}

}
