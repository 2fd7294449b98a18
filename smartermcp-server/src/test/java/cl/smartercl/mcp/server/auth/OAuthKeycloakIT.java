package cl.smartercl.mcp.server.auth;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cl.smartercl.mcp.core.schema.ToolJson;
import cl.smartercl.mcp.server.support.ServerTestSupport;
import cl.smartercl.mcp.testsupport.KeycloakPeer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server as an OAuth 2.1 resource server of a real Keycloak (started once for the
 * class, its realm set up by {@code bin/keycloak-realm.sh}): JWT access tokens beside
 * static tokens over REST and MCP, every refusal with its challenge, and the protected
 * resource metadata.
 */
@Import(OAuthKeycloakIT.ExpiryClock.class)
class OAuthKeycloakIT extends ServerTestSupport {

	static final String RESOURCE = "https://mcp.smartermcp.test/mcp";

	static final String METADATA = "https://mcp.smartermcp.test/.well-known/oauth-protected-resource/mcp";

	private static KeycloakPeer keycloak;

	private static boolean tenantsCreated;

	@Autowired
	private ExpiryClock expiry;

	@DynamicPropertySource
	static void oauthProperties(DynamicPropertyRegistry registry) {
		keycloak = KeycloakPeer.start(RESOURCE, List.of("acme", "beta"));
		registry.add("smartermcp.oauth.issuer", keycloak::issuer);
		registry.add("smartermcp.oauth.resource", () -> RESOURCE);
		// a first login asks for read:services only, so that a call needing more steps up
		registry.add("smartermcp.oauth.initial-scopes", () -> "read:services");
	}

	@AfterAll
	static void stopKeycloak() {
		if (keycloak != null) {
			keycloak.close();
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
	void theMetadataNamesTheResourceTheIssuerAndTheScopes() {
		for (String path : List.of("/.well-known/oauth-protected-resource",
				"/.well-known/oauth-protected-resource/mcp")) {
			Response response = get(path, null);
			assertThat(response.status()).as(path).isEqualTo(200);
			JsonNode doc = response.json();
			assertThat(doc.path("resource").asString()).isEqualTo(RESOURCE);
			assertThat(doc.path("authorization_servers").get(0).asString()).isEqualTo(keycloak.issuer());
			assertThat(doc.path("scopes_supported")).extracting(JsonNode::asString)
				.contains("read:services", "write:crm", "admin:tenants")
				.hasSize(11);
			assertThat(doc.path("bearer_methods_supported")).extracting(JsonNode::asString).containsExactly("header");
		}
	}

	@Test
	void aClientCredentialsTokenCallsToolsOverRestAndMcpAsItsTenant() {
		String token = clientCredentials("smartermcp-tests", keycloak.testsClientSecret(), "read:services read:crm");

		Response tools = get("/tools", token);
		assertThat(tools.status()).isEqualTo(200);
		assertThat(tools.json().path("tools")).extracting((t) -> t.path("name").asString())
			// the tenant configures no backend, so it is served the tools that need none
			// (the catalog is honest)
			.contains("docs_services", "docs_apis")
			.doesNotContain("services_restart", "workflows_list");
		Response call = post("/tools/docs_services", token, "{\"service_id\":\"n8n\"}");
		assertThat(call.status()).as(call.body()).isEqualTo(200);
		// the tenant comes from the token: naming another is refused
		Response other = send(request("/tools", token).header("X-Tenant-ID", "beta").GET().build());
		assertThat(other.status()).isEqualTo(403);

		McpSyncClient mcp = mcpClient(token);
		try {
			assertThat(mcp.listTools().tools()).extracting(McpSchema.Tool::name).contains("docs_services");
			McpSchema.CallToolResult result = mcp
				.callTool(new McpSchema.CallToolRequest("docs_services", Map.of("service_id", "n8n")));
			assertThat(result.isError()).as(String.valueOf(result.content())).isNotEqualTo(Boolean.TRUE);
		}
		finally {
			mcp.closeGracefully();
		}

		JsonNode records = get("/audit?tenant_id=acme&tool=docs_services", ADMIN_TOKEN).json().path("records");
		assertThat(records).extracting((r) -> r.path("token_name").asString())
			.contains("service-account-smartermcp-tests via smartermcp-tests");
		assertThat(records).extracting((r) -> r.path("transport").asString()).contains("rest", "mcp");
	}

	@Test
	void aUsersPasswordGrantTokenActsAsTheUserOfItsGroupsTenant() {
		String token = password("user-beta", "read:services");
		Response call = post("/tools/docs_services", token, "{\"service_id\":\"n8n\"}");
		assertThat(call.status()).as(call.body()).isEqualTo(200);
		JsonNode records = get("/audit?tenant_id=beta", ADMIN_TOKEN).json().path("records");
		assertThat(records).extracting((r) -> r.path("token_name").asString())
			.contains("user-beta via smartermcp-tests");
		assertThat(records).allSatisfy((r) -> assertThat(r.path("tenant_id").asString()).isEqualTo("beta"));
	}

	@Test
	void aMissingScopeIs403InsufficientScopeNamingItAndTheScopesHeldOverRestAndMcp() {
		String token = clientCredentials("smartermcp-tests", keycloak.testsClientSecret(), "read:services");
		Response response = post("/tools/crm_contacts_list", token, "{}");
		assertThat(response.status()).isEqualTo(403);
		// the scopes held beside the one lacking: the token a client steps up to replaces
		// this one
		assertThat(response.header("WWW-Authenticate")).contains("error=\"insufficient_scope\"")
			.contains("scope=\"read:services read:crm\"")
			.contains("resource_metadata=\"" + METADATA + "\"");

		// MCP: the tools/call is refused at HTTP level, before the session, with the same
		// challenge
		Response initialize = mcpPost(token, null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
				+ "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}");
		assertThat(initialize.status()).as(initialize.body()).isEqualTo(200);
		String session = initialize.header("Mcp-Session-Id");
		mcpPost(token, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
		Response call = mcpPost(token, session, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\","
				+ "\"params\":{\"name\":\"crm_contacts_list\",\"arguments\":{}}}");
		assertThat(call.status()).as(call.body()).isEqualTo(403);
		assertThat(call.header("WWW-Authenticate")).contains("error=\"insufficient_scope\"")
			.contains("scope=\"read:services read:crm\"")
			.contains("resource_metadata=\"" + METADATA + "\"");
		assertThat(call.json().path("id").asInt()).isEqualTo(7);
		assertThat(call.json().path("error").path("data").path("scope").asString()).isEqualTo("read:crm");
		// a call the token may make goes on through the same session
		Response allowed = mcpPost(token, session, "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\","
				+ "\"params\":{\"name\":\"docs_services\",\"arguments\":{\"service_id\":\"n8n\"}}}");
		assertThat(allowed.status()).isEqualTo(200);
		assertThat(allowed.body()).contains("\"id\":8").doesNotContain("\"isError\":true");
		JsonNode refused = get("/audit?tenant_id=acme&tool=crm_contacts_list", ADMIN_TOKEN).json().path("records");
		assertThat(refused).anySatisfy((r) -> {
			assertThat(r.path("transport").asString()).isEqualTo("mcp");
			assertThat(r.path("token_name").asString())
				.isEqualTo("service-account-smartermcp-tests via smartermcp-tests");
		});

		// a static token cannot step up: its MCP call keeps the tool's own refusal in
		// HTTP 200
		String narrowStatic = issueToken("narrow-static", "read:services");
		McpSyncClient mcp = mcpClient(narrowStatic);
		try {
			McpSchema.CallToolResult result = mcp
				.callTool(new McpSchema.CallToolRequest("crm_contacts_list", Map.of()));
			assertThat(result.isError()).isTrue();
		}
		finally {
			mcp.closeGracefully();
		}
	}

	@Test
	void aTokenForAnotherServiceIsRefused() {
		String token = clientCredentials("other-service", keycloak.otherClientSecret(), null);
		assertRefused(token, "not issued for this server");
	}

	@Test
	void aTokenOfAnotherIssuerIsRefused() {
		// the same keys, but fetched through "localhost": Keycloak names that issuer in
		// "iss"
		String token = token(keycloak.tokenEndpoint("localhost"),
				Map.of("grant_type", "client_credentials", "client_id", "smartermcp-tests", "client_secret",
						keycloak.testsClientSecret(), "scope", "read:services"));
		assertRefused(token, "does not trust");
	}

	@Test
	void anExpiredTokenIsRefused() {
		String token = clientCredentials("smartermcp-tests", keycloak.testsClientSecret(), "read:services");
		assertThat(get("/tools", token).status()).isEqualTo(200);
		this.expiry.clock.advance(Duration.ofMinutes(6));
		try {
			assertRefused(token, "expired");
		}
		finally {
			this.expiry.clock.advance(Duration.ofMinutes(-6));
		}
	}

	@Test
	void aTokenWithATamperedSignatureIsRefused() {
		String token = clientCredentials("smartermcp-tests", keycloak.testsClientSecret(), "read:services");
		String[] parts = token.split("\\.");
		char last = parts[2].charAt(10);
		parts[2] = parts[2].substring(0, 10) + ((last == 'A') ? 'B' : 'A') + parts[2].substring(11);
		assertRefused(String.join(".", parts), "signature");
	}

	@Test
	void aTokenWithoutATenantOrWithAnUnknownOneIsRefused() {
		assertRefused(password("no-tenant", "read:services"), "names no tenant (claim 'tenant_id')");
		assertRefused(password("ghost-tenant", "read:services"), "tenant is not known");
	}

	@Test
	void staticTokensWorkBesideJwtsAndAWrongOneSaysSo() {
		assertThat(get("/tools", ADMIN_TOKEN).status()).isEqualTo(200);
		Response wrong = get("/tools", "smcp_wrong_0123456789abcdefghijklmnopqrstuvwxyz");
		assertThat(wrong.status()).isEqualTo(401);
		assertThat(wrong.json().path("reason").asString()).contains("static SmarterMCP API token");
		assertThat(wrong.header("WWW-Authenticate")).contains("error=\"invalid_token\"")
			.contains("resource_metadata=\"" + METADATA + "\"");
		Response none = get("/tools", null);
		assertThat(none.status()).isEqualTo(401);
		// the scope a first login should ask for (MCP authorization › Scope Selection
		// Strategy)
		assertThat(none.header("WWW-Authenticate"))
			.isEqualTo("Bearer realm=\"smartermcp\", scope=\"read:services\", resource_metadata=\"" + METADATA + "\"");
	}

	/**
	 * What Claude.ai and ChatGPT do, without a browser: 401 → resource metadata →
	 * authorization server metadata → dynamic client registration → authorization code
	 * with PKCE (login form, consent) → token → MCP tool call, audited as the user
	 * through the registered client.
	 */
	@Test
	void anMcpClientDiscoversRegistersAndLogsInWithPkce() {
		Response unauthenticated = post("/mcp", null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\"}");
		assertThat(unauthenticated.status()).isEqualTo(401);
		assertThat(unauthenticated.header("WWW-Authenticate")).contains("resource_metadata=\"" + METADATA + "\"");
		// the metadata's host is this test's made-up public name: read it where the
		// server really is
		JsonNode metadata = get("/.well-known/oauth-protected-resource/mcp", null).json();
		String issuer = metadata.path("authorization_servers").get(0).asString();
		BrowserlessLogin login = new BrowserlessLogin(issuer);
		String clientId = login.register("it-connector", "http://127.0.0.1/callback");
		String token = login.authorizationCodeWithPkce(clientId, "http://127.0.0.1/callback", "user-acme",
				keycloak.userPassword(), "read:services");

		McpSyncClient mcp = mcpClient(token);
		try {
			McpSchema.CallToolResult result = mcp
				.callTool(new McpSchema.CallToolRequest("docs_services", Map.of("service_id", "n8n")));
			assertThat(result.isError()).as(String.valueOf(result.content())).isNotEqualTo(Boolean.TRUE);
		}
		finally {
			mcp.closeGracefully();
		}
		JsonNode records = get("/audit?tenant_id=acme&tool=docs_services", ADMIN_TOKEN).json().path("records");
		assertThat(records).extracting((r) -> r.path("token_name").asString())
			.contains(("user-acme via " + clientId).substring(0, Math.min(64, ("user-acme via " + clientId).length())));
	}

	/**
	 * The official TypeScript SDK with nothing but its OAuth support
	 * ({@code OAuthClientProvider} on the Streamable HTTP transport), the login page
	 * driven without a browser: 401 → resource metadata → authorization server metadata →
	 * dynamic registration → authorization code with PKCE → finishAuth → tools/list and
	 * tools/call.
	 */
	@Test
	void theTypeScriptSdkRegistersAndLogsInWithOAuth() {
		JsonNode result = oauthClient(null, "[{\"name\":\"docs_services\",\"arguments\":{\"service_id\":\"n8n\"}}]");

		assertThat(result.path("server").asString()).isEqualTo("smartermcp");
		// discovery as the SDK did it: our metadata (from the 401's resource_metadata),
		// then Keycloak's, then DCR
		assertThat(result.path("discovery")).extracting(JsonNode::asString)
			.contains("GET " + METADATA)
			.anySatisfy((line) -> assertThat(line).startsWith("GET " + keycloak.url()).contains("/.well-known/"))
			.anySatisfy((line) -> assertThat(line).startsWith("POST " + keycloak.url())
				.contains("/clients-registrations/"));
		String clientId = result.path("clientId").asString();
		assertThat(clientId).isNotBlank().isNotEqualTo("smartermcp-connector");
		JsonNode authorizations = result.path("authorizations");
		assertThat(authorizations).hasSize(1);
		// the scope of the 401, bound to our resource (RFC 8707), PKCE S256
		assertThat(authorizations.get(0).path("scope").asString()).isEqualTo("read:services");
		assertThat(authorizations.get(0).path("resource").asString()).isEqualTo(RESOURCE);
		assertThat(authorizations.get(0).path("pkce").asString()).isEqualTo("S256");
		assertThat(result.path("tools")).extracting(JsonNode::asString)
			.contains("docs_services")
			.doesNotContain("generate_n8n_workflow");
		assertThat(result.path("results")).singleElement()
			.satisfies((r) -> assertThat(r.path("isError").asBoolean()).as(r.toString()).isFalse());
		// registered naming read:services only, the client gets no profile scope, so no
		// preferred_username:
		// the agent is the user's sub via the client (cut to the audit column's 64
		// characters)
		assertThat(get("/audit?tenant_id=acme&tool=docs_services", ADMIN_TOKEN).json().path("records"))
			.extracting((r) -> r.path("token_name").asString())
			.anySatisfy((name) -> assertThat(name).contains(" via " + clientId.substring(0, 8)));
	}

	/**
	 * Step-up with the TypeScript SDK: its first login asks for the 401's scope; a call
	 * beyond it gets 403 insufficient_scope, and the SDK sends the user to the
	 * authorization server for the scopes the challenge names, then retries. The client
	 * is registered beforehand: Keycloak gives a client that registered dynamically
	 * naming scopes those scopes only, so it could not step up (docs/oauth.md).
	 */
	@Test
	void theTypeScriptSdkStepsUpOnInsufficientScope() {
		JsonNode result = oauthClient("smartermcp-connector",
				"[{\"name\":\"docs_services\",\"arguments\":"
						+ "{\"service_id\":\"n8n\"}},{\"name\":\"generate_n8n_workflow\",\"arguments\":"
						+ "{\"description\":\"every day at 2am post 'hello' to Slack\"}}]");

		assertThat(result.path("clientId").asString()).isEqualTo("smartermcp-connector");
		assertThat(result.path("discovery")).extracting(JsonNode::asString)
			.noneSatisfy((line) -> assertThat(line).contains("/clients-registrations/"));
		JsonNode authorizations = result.path("authorizations");
		assertThat(authorizations).hasSize(2);
		assertThat(authorizations.get(0).path("scope").asString()).isEqualTo("read:services");
		// step-up: what the 403 named, the scope held and the one lacking
		assertThat(authorizations.get(1).path("scope").asString()).isEqualTo("read:services read:workflows");
		assertThat(result.path("tokenScope").asString()).contains("read:services").contains("read:workflows");
		assertThat(result.path("refreshToken").asBoolean()).isFalse();
		assertThat(result.path("results")).hasSize(2)
			.allSatisfy((r) -> assertThat(r.path("isError").asBoolean()).as(r.toString()).isFalse());
		JsonNode generated = get("/audit?tenant_id=acme&tool=generate_n8n_workflow", ADMIN_TOKEN).json()
			.path("records");
		assertThat(generated)
			.filteredOn((r) -> r.path("token_name").asString().equals("user-acme via smartermcp-connector"))
			.extracting((r) -> r.path("outcome").asString())
			// the call before the step-up, refused for its scope, then the call after it
			.contains("forbidden", "ok");
	}

	private JsonNode oauthClient(String clientId, String calls) {
		java.nio.file.Path node = cl.smartercl.mcp.server.support.NodeClients.node();
		java.nio.file.Path clients = cl.smartercl.mcp.server.support.NodeClients.clientsDir();
		Map<String, String> env = new LinkedHashMap<>(Map.of("USER_PASSWORD", keycloak.userPassword()));
		if (clientId != null) {
			env.put("CLIENT_ID", clientId);
		}
		String out = cl.smartercl.mcp.server.support.NodeClients.run(clients,
				List.of(node.toString(), "oauth-client.mjs", RESOURCE, baseUrl(), "user-acme", calls), env, 180);
		String[] lines = out.strip().split("\n");
		return ToolJson.mapper().readTree(lines[lines.length - 1]);
	}

	/**
	 * An administrator ends a user's sessions in Keycloak: the refresh token is refused
	 * by Keycloak at once; the access token, a self-contained JWT, is honoured until it
	 * expires and refused from then on (with introspection configured it is refused at
	 * once: OAuthIntrospectionIT).
	 */
	@Test
	void aRevokedSessionEndsAtTheAccessTokensExpiry() {
		JsonNode tokens = tokenResponse(keycloak.tokenEndpoint("127.0.0.1"),
				Map.of("grant_type", "password", "client_id", "smartermcp-tests", "client_secret",
						keycloak.testsClientSecret(), "username", "user-beta", "password", keycloak.userPassword(),
						"scope", "read:services"));
		String access = tokens.path("access_token").asString();
		String refresh = tokens.path("refresh_token").asString();
		assertThat(refresh).isNotBlank();
		assertThat(get("/tools", access).status()).isEqualTo(200);

		keycloak.logout("user-beta");

		HttpResponse<String> refused = formPost(keycloak.tokenEndpoint("127.0.0.1"),
				Map.of("grant_type", "refresh_token", "client_id", "smartermcp-tests", "client_secret",
						keycloak.testsClientSecret(), "refresh_token", refresh));
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
		assertThat(refused.body()).contains("invalid_grant");
		// until its expiry the JWT stands on its own signature
		assertThat(get("/tools", access).status()).isEqualTo(200);
		this.expiry.clock.advance(Duration.ofMinutes(6));
		try {
			assertRefused(access, "expired");
		}
		finally {
			this.expiry.clock.advance(Duration.ofMinutes(-6));
		}
	}

	/**
	 * A tenant's user sees its tenant only: its audit trail, and no other tenant's,
	 * whatever it asks.
	 */
	@Test
	void aTokenOfAnotherTenantSeesOnlyItsTenant() {
		String acme = password("user-acme", "read:services admin:tenants");
		String beta = password("user-beta", "read:services admin:tenants");
		assertThat(post("/tools/docs_services", acme, "{\"service_id\":\"n8n\"}").status()).isEqualTo(200);
		assertThat(post("/tools/docs_services", beta, "{\"service_id\":\"n8n\"}").status()).isEqualTo(200);

		JsonNode betaTrail = get("/audit", beta).json().path("records");
		assertThat(betaTrail).isNotEmpty()
			.allSatisfy((r) -> assertThat(r.path("tenant_id").asString()).isEqualTo("beta"))
			.noneSatisfy((r) -> assertThat(r.path("token_name").asString()).startsWith("user-acme"));
		Response other = get("/audit?tenant_id=acme", beta);
		assertThat(other.status()).as(other.body()).isEqualTo(403);
		assertThat(send(request("/tools", beta).header("X-Tenant-ID", "acme").GET().build()).status()).isEqualTo(403);
		JsonNode acmeTrail = get("/audit", acme).json().path("records");
		assertThat(acmeTrail).isNotEmpty()
			.allSatisfy((r) -> assertThat(r.path("tenant_id").asString()).isEqualTo("acme"));
		assertThat(get("/audit?tenant_id=beta", acme).status()).isEqualTo(403);
	}

	/** A raw MCP POST as a Streamable HTTP client sends it. */
	private Response mcpPost(String token, String session, String body) {
		HttpRequest.Builder builder = request("/mcp", token).header("Content-Type", "application/json")
			.header("Accept", "application/json, text/event-stream");
		if (session != null) {
			builder.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25");
		}
		return send(builder.POST(HttpRequest.BodyPublishers.ofString(body)).build());
	}

	private void assertRefused(String token, String reason) {
		for (Response response : List.of(get("/tools", token),
				post("/mcp", token, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}"))) {
			assertThat(response.status()).as(response.body()).isEqualTo(401);
			assertThat(response.json().path("detail").asString())
				.isEqualTo("Unauthorized - Invalid or expired API token");
			assertThat(response.json().path("reason").asString()).contains(reason);
			assertThat(response.header("WWW-Authenticate")).startsWith("Bearer realm=\"smartermcp\"")
				.contains("error=\"invalid_token\"")
				.contains("resource_metadata=\"" + METADATA + "\"");
		}
	}

	private static String clientCredentials(String client, String secret, String scope) {
		Map<String, String> form = new LinkedHashMap<>(
				Map.of("grant_type", "client_credentials", "client_id", client, "client_secret", secret));
		if (scope != null) {
			form.put("scope", scope);
		}
		return token(keycloak.tokenEndpoint("127.0.0.1"), form);
	}

	private static String password(String user, String scope) {
		return token(keycloak.tokenEndpoint("127.0.0.1"),
				Map.of("grant_type", "password", "client_id", "smartermcp-tests", "client_secret",
						keycloak.testsClientSecret(), "username", user, "password", keycloak.userPassword(), "scope",
						scope));
	}

	private static String token(URI endpoint, Map<String, String> fields) {
		return tokenResponse(endpoint, fields).path("access_token").asString();
	}

	static JsonNode tokenResponse(URI endpoint, Map<String, String> fields) {
		HttpResponse<String> response = formPost(endpoint, fields);
		if (response.statusCode() != 200) {
			throw new IllegalStateException("token request failed: " + response.statusCode() + " " + response.body());
		}
		return ToolJson.mapper().readTree(response.body());
	}

	static HttpResponse<String> formPost(URI endpoint, Map<String, String> fields) {
		String body = form(fields);
		try {
			return HTTP.send(HttpRequest.newBuilder(endpoint)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An OAuth client and a user agent in one: HTTP only, cookies kept by hand, redirects
	 * not followed.
	 */
	static final class BrowserlessLogin {

		private static final java.util.regex.Pattern FORM = java.util.regex.Pattern
			.compile("<form[^>]*action=\"([^\"]+)\"", java.util.regex.Pattern.CASE_INSENSITIVE);

		private static final java.util.regex.Pattern HIDDEN = java.util.regex.Pattern.compile(
				"<input[^>]*type=\"hidden\"[^>]*name=\"([^\"]+)\"[^>]*value=\"([^\"]*)\"",
				java.util.regex.Pattern.CASE_INSENSITIVE);

		private final JsonNode server;

		private final Map<String, String> cookies = new LinkedHashMap<>();

		BrowserlessLogin(String issuer) {
			// RFC 8414 §3 / OpenID discovery: Keycloak serves the latter under the issuer
			this.server = ToolJson.mapper()
				.readTree(exchange(
						HttpRequest.newBuilder(URI.create(issuer + "/.well-known/openid-configuration")).GET().build())
					.body());
			assertThat(this.server.path("issuer").asString()).isEqualTo(issuer);
			assertThat(this.server.path("code_challenge_methods_supported")).extracting(JsonNode::asString)
				.contains("S256");
		}

		/**
		 * RFC 7591 registration of a public client, as a connector does it; returns its
		 * client id.
		 */
		String register(String name, String redirectUri) {
			String body = ToolJson.mapper()
				.writeValueAsString(Map.of("client_name", name, "redirect_uris", List.of(redirectUri), "grant_types",
						List.of("authorization_code", "refresh_token"), "response_types", List.of("code"),
						"token_endpoint_auth_method", "none"));
			HttpResponse<String> response = exchange(
					HttpRequest.newBuilder(URI.create(this.server.path("registration_endpoint").asString()))
						.header("Content-Type", "application/json")
						.POST(HttpRequest.BodyPublishers.ofString(body))
						.build());
			assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
			return ToolJson.mapper().readTree(response.body()).path("client_id").asString();
		}

		String authorizationCodeWithPkce(String clientId, String redirectUri, String user, String password,
				String scope) {
			byte[] random = new byte[32];
			new java.security.SecureRandom().nextBytes(random);
			String verifier = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
			String challenge;
			try {
				challenge = java.util.Base64.getUrlEncoder()
					.withoutPadding()
					.encodeToString(java.security.MessageDigest.getInstance("SHA-256")
						.digest(verifier.getBytes(StandardCharsets.US_ASCII)));
			}
			catch (java.security.NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
			String state = java.util.UUID.randomUUID().toString();
			URI authorize = URI.create(this.server.path("authorization_endpoint").asString() + "?"
					+ form(Map.of("response_type", "code", "client_id", clientId, "redirect_uri", redirectUri, "scope",
							"openid " + scope, "state", state, "code_challenge", challenge, "code_challenge_method",
							"S256")));
			HttpResponse<String> page = exchange(HttpRequest.newBuilder(authorize).GET().build());
			assertThat(page.statusCode()).as("login page").isEqualTo(200);
			page = follow(submit(page, Map.of("username", user, "password", password)), redirectUri);
			if (page.statusCode() == 200 && page.body().contains("name=\"accept\"")) {
				// the consent screen of a dynamically registered client
				page = follow(submit(page, Map.of("accept", "Yes")), redirectUri);
			}
			assertThat(page.statusCode()).as(page.body()).isEqualTo(302);
			URI callback = URI.create(page.headers().firstValue("Location").orElseThrow());
			assertThat(callback.toString()).startsWith(redirectUri);
			Map<String, String> query = new LinkedHashMap<>();
			for (String pair : callback.getRawQuery().split("&")) {
				int eq = pair.indexOf('=');
				query.put(pair.substring(0, eq),
						java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
			}
			assertThat(query.get("state")).isEqualTo(state);
			return token(URI.create(this.server.path("token_endpoint").asString()),
					Map.of("grant_type", "authorization_code", "code", query.get("code"), "redirect_uri", redirectUri,
							"client_id", clientId, "code_verifier", verifier));
		}

		/**
		 * Follows the authorization server's own redirects, up to the one to the client's
		 * redirect URI.
		 */
		private HttpResponse<String> follow(HttpResponse<String> page, String redirectUri) {
			for (int hop = 0; hop < 10 && (page.statusCode() == 302 || page.statusCode() == 303); hop++) {
				String location = page.headers().firstValue("Location").orElseThrow();
				if (location.startsWith(redirectUri)) {
					return page;
				}
				page = exchange(HttpRequest.newBuilder(page.uri().resolve(location)).GET().build());
			}
			return page;
		}

		/**
		 * Posts the page's form with its hidden fields and {@code fields}, as a browser
		 * would.
		 */
		private HttpResponse<String> submit(HttpResponse<String> page, Map<String, String> fields) {
			String html = page.body();
			java.util.regex.Matcher action = FORM.matcher(html);
			assertThat(action.find()).as("a form in " + html).isTrue();
			Map<String, String> values = new LinkedHashMap<>();
			java.util.regex.Matcher hidden = HIDDEN.matcher(html);
			while (hidden.find()) {
				values.put(hidden.group(1), unescape(hidden.group(2)));
			}
			values.putAll(fields);
			// the login form's action is absolute, the consent form's relative to its
			// page
			return exchange(HttpRequest.newBuilder(page.uri().resolve(unescape(action.group(1))))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form(values)))
				.build());
		}

		private HttpResponse<String> exchange(HttpRequest request) {
			HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
				.method(request.method(), request.bodyPublisher().orElse(HttpRequest.BodyPublishers.noBody()));
			request.headers().map().forEach((name, values) -> values.forEach((v) -> builder.header(name, v)));
			if (!this.cookies.isEmpty()) {
				builder.header("Cookie",
						this.cookies.entrySet()
							.stream()
							.map((e) -> e.getKey() + "=" + e.getValue())
							.collect(Collectors.joining("; ")));
			}
			try {
				HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
				for (String cookie : response.headers().allValues("Set-Cookie")) {
					String pair = cookie.split(";", 2)[0];
					int eq = pair.indexOf('=');
					this.cookies.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
				}
				return response;
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		private static String unescape(String html) {
			return html.replace("&amp;", "&").replace("&#x3d;", "=").replace("&quot;", "\"");
		}

	}

	private static String form(Map<String, String> fields) {
		return fields.entrySet()
			.stream()
			.map((e) -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	/**
	 * The clock of the server's expiry checks: the system's, moved by hand past a token's
	 * expiry.
	 */
	@TestConfiguration
	static class ExpiryClock {

		final OffsetClock clock = new OffsetClock();

		@Bean
		OAuthConfiguration.OAuthClock oauthClock() {
			return () -> this.clock;
		}

	}

	static final class OffsetClock extends Clock {

		private volatile Duration offset = Duration.ZERO;

		void advance(Duration by) {
			this.offset = this.offset.plus(by);
		}

		@Override
		public Instant instant() {
			return Instant.now().plus(this.offset);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException("a UTC clock");
		}

	}

}
