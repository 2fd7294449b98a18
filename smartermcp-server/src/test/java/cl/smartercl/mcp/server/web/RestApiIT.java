package cl.smartercl.mcp.server.web;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import cl.smartercl.mcp.core.tool.Catalog;
import cl.smartercl.mcp.server.support.ServerTestSupport;
import cl.smartercl.mcp.server.support.SettableClock;
import cl.smartercl.mcp.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST surface, and every kind of bad input answered with a clear error and never a
 * 5xx.
 */
@TestPropertySource(properties = "smartermcp.max-body-bytes=65536")
@Import(SettableClock.class)
class RestApiIT extends ServerTestSupport {

	@Autowired
	private MutableClock clock;

	@Test
	void theCatalogListsWhatTheTenantCanServeAndAllTrueListsEveryToolWithTheReason() {
		// this tenant configures no backend: only the tools that need none
		Response served = get("/tools", ADMIN_TOKEN);
		assertThat(served.status()).isEqualTo(200);
		assertThat(served.json().path("tools")).extracting((t) -> t.path("name").asString())
			.containsExactly("docs_services", "docs_apis", "generate_n8n_workflow", "generate_botpress_skill",
					"generate_api_client");
		assertThat(served.json().path("tools").get(0).has("available")).isFalse();

		Response all = get("/tools?all=true", ADMIN_TOKEN);
		assertThat(all.status()).isEqualTo(200);
		assertThat(all.json().path("tools")).hasSize(Catalog.standard().size());
		JsonNode first = all.json().path("tools").get(0);
		assertThat(first.path("name").asString()).isEqualTo("services_list");
		assertThat(first.path("available").asBoolean(true)).isFalse();
		assertThat(first.path("unavailable_reason").asString())
			.isEqualTo("The docker backend is not configured for this tenant: add backends.docker to the tenants file "
					+ "(see docs/configuration.md)");
		assertThat(first.path("input_schema").path("additionalProperties").asBoolean(true)).isFalse();
		assertThat(first.path("annotations").path("readOnlyHint").asBoolean()).isTrue();
		JsonNode docs = all.json()
			.path("tools")
			.valueStream()
			.filter((t) -> t.path("name").asString().equals("docs_services"))
			.findFirst()
			.orElseThrow();
		assertThat(docs.path("available").asBoolean(false)).isTrue();
		assertThat(docs.has("unavailable_reason")).isFalse();

		String reader = issueToken("rest-reader", "read:analytics");
		assertThat(get("/tools", reader).json().path("tools")).isEmpty();
		assertThat(get("/tools?all=true", reader).json().path("tools")).extracting((t) -> t.path("name").asString())
			.containsExactly("analytics_kpis", "analytics_dashboards", "analytics_reports");
		Response bad = get("/tools?all=maybe", ADMIN_TOKEN);
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.json().path("detail").asString()).contains("all").contains("true or false");
	}

	@Test
	void aToolWithoutItsBackendAnswers503NotRetryableNamingTheTenantsFileKey() {
		Response response = post("/tools/workflows_list", ADMIN_TOKEN, "{}");
		assertThat(response.status()).isEqualTo(503);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.header("Retry-After")).isNull();
		assertThat(response.json().path("detail").asString())
			.isEqualTo("The n8n backend is not configured for this tenant: add backends.n8n to the tenants file "
					+ "(see docs/configuration.md)");
		assertThat(response.json().path("code").asString()).isEqualTo("backend_not_configured");
		assertThat(response.json().path("config_key").asString()).isEqualTo("backends.n8n");
		assertThat(response.json().path("request_id").asString()).isNotBlank();
	}

	@Test
	void aFileAnswerIsDecidedBeforeTheCallRuns() {
		Response zip = send(request("/tools/generate_api_client", ADMIN_TOKEN).header("Accept", "application/zip")
			.header("Content-Type", "application/json")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"service_id\":\"n8n\"}"))
			.build());
		assertThat(zip.status()).as(zip.body()).isEqualTo(200);
		assertThat(zip.header("Content-Type")).isEqualTo("application/zip");
		assertThat(zip.body()).startsWith("PK");
		// a write whose answer carries no files is refused before it runs: not the 503
		// the call would answer
		// on this tenant, which has no Odoo
		Response refused = send(request("/tools/crm_contacts_upsert", ADMIN_TOKEN).header("Accept", "application/zip")
			.header("Content-Type", "application/json")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"contact\":{\"name\":\"Ada\"}}"))
			.build());
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().path("detail").asString()).contains("tool 'crm_contacts_upsert' returns no files")
			.contains("application/json");
		Response csv = send(request("/tools/docs_services", ADMIN_TOKEN).header("Accept", "text/csv")
			.header("Content-Type", "application/json")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"service_id\":\"n8n\"}"))
			.build());
		assertThat(csv.status()).isEqualTo(400);
	}

	@Test
	void adminAnswersLeaveOutAnExpiryThatIsNot() {
		Response issued = post("/auth/token", ADMIN_TOKEN, "{\"name\":\"rest-no-expiry\",\"scopes\":[\"read:crm\"]}");
		assertThat(issued.status()).isEqualTo(201);
		assertThat(issued.json().has("expires_at")).isFalse();
		assertThat(issued.json().path("scopes").get(0).asString()).isEqualTo("read:crm");
		JsonNode listed = get("/auth/tokens", ADMIN_TOKEN).json()
			.path("tokens")
			.valueStream()
			.filter((t) -> t.path("name").asString().equals("rest-no-expiry"))
			.findFirst()
			.orElseThrow();
		assertThat(listed.has("expires_at")).isFalse();
		assertThat(listed.path("created_at").asString()).isNotBlank();
		assertThat(listed.path("revoked").asBoolean(true)).isFalse();
		JsonNode tenant = get("/tenants", ADMIN_TOKEN).json().path("tenants").get(0);
		assertThat(tenant.path("id").asString()).isNotBlank();
		assertThat(tenant.path("created_at").asString()).isNotBlank();
	}

	@Test
	void anUnknownToolIs404() {
		Response response = post("/tools/no_such_tool", ADMIN_TOKEN, "{}");
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.json().path("detail").asString()).isEqualTo("Unknown tool 'no_such_tool'");
	}

	@Test
	void anUnknownArgumentListsTheValidNames() {
		Response response = post("/tools/services_logs", ADMIN_TOKEN, "{\"service_id\":\"a\",\"tail\":5}");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().path("detail").asString())
			.isEqualTo("Invalid argument 'tail': unknown argument 'tail'; valid arguments: follow, lines, service_id");
		assertThat(response.json().path("argument").asString()).isEqualTo("tail");
	}

	@Test
	void aWrongTypeAndAMissingArgumentAreNamed() {
		Response wrongType = post("/tools/services_logs", ADMIN_TOKEN, "{\"service_id\":\"a\",\"follow\":\"yes\"}");
		assertThat(wrongType.status()).isEqualTo(400);
		assertThat(wrongType.json().path("detail").asString())
			.isEqualTo("Invalid argument 'follow': expected boolean, got string");
		Response missing = post("/tools/workflows_status", ADMIN_TOKEN, "{}");
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.json().path("detail").asString())
			.isEqualTo("Invalid argument 'execution_id': required argument is missing");
	}

	@Test
	void malformedJsonIs400() {
		Response response = post("/tools/services_list", ADMIN_TOKEN, "{\"filter\": ");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().path("detail").asString())
			.startsWith("Invalid arguments: the body is not valid JSON");
	}

	@Test
	void anOversizedBodyIs413() {
		Response response = post("/tools/workflows_create", ADMIN_TOKEN,
				"{\"name\":\"" + "x".repeat(100_000) + "\",\"workflow_json\":{}}");
		assertThat(response.status()).isEqualTo(413);
		assertThat(response.json().path("code").asString()).isEqualTo("payload_too_large");
	}

	@Test
	void aMissingScopeIs403AndNamesTheScope() {
		String reader = issueToken("rest-crm-reader", "read:crm");
		Response response = post("/tools/crm_contacts_upsert", reader, "{\"contact\":{\"name\":\"A\"}}");
		assertThat(response.status()).isEqualTo(403);
		assertThat(response.json().path("detail").asString())
			.isEqualTo("Missing required scope 'write:crm' for tool 'crm_contacts_upsert'");
		assertThat(response.json().path("required_scope").asString()).isEqualTo("write:crm");
	}

	@Test
	void missingMalformedRevokedAndExpiredTokensAre401WithTheDocumentedWording() {
		assertUnauthorized(get("/tools", null));
		assertUnauthorized(send(request("/tools", null).header("Authorization", "Basic abc").GET().build()));
		assertUnauthorized(get("/tools", "smcp_not-a-real-token"));
		assertUnauthorized(get("/tools", "garbage"));

		String revoked = issueToken("rest-to-revoke", "read:services");
		assertThat(get("/tools", revoked).status()).isEqualTo(200);
		String id = get("/auth/tokens", ADMIN_TOKEN).json()
			.path("tokens")
			.valueStream()
			.filter((t) -> t.path("name").asString().equals("rest-to-revoke"))
			.findFirst()
			.orElseThrow()
			.path("id")
			.asString();
		assertThat(delete("/auth/tokens/" + id, ADMIN_TOKEN).status()).isEqualTo(204);
		assertUnauthorized(get("/tools", revoked));

		Response issued = post("/auth/token", ADMIN_TOKEN, "{\"name\":\"short-lived\",\"scopes\":[\"read:services\"],"
				+ "\"expires_at\":\"" + this.clock.instant().plusSeconds(2) + "\"}");
		assertThat(issued.status()).isEqualTo(201);
		String expiring = issued.json().path("api_token").asString();
		assertThat(get("/tools", expiring).status()).isEqualTo(200);
		this.clock.advance(Duration.ofMillis(1999));
		assertThat(get("/tools", expiring).status()).isEqualTo(200);
		this.clock.advance(Duration.ofMillis(1));
		assertUnauthorized(get("/tools", expiring));
	}

	@Test
	void aTokenInTheQueryStringIsRefused() {
		Response response = get("/tools?access_token=" + ADMIN_TOKEN, null);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).doesNotContain(ADMIN_TOKEN);
	}

	@Test
	void aForeignOriginIs403() {
		Response response = send(request("/tools", ADMIN_TOKEN).header("Origin", "https://evil.example").GET().build());
		assertThat(response.status()).isEqualTo(403);
	}

	@Test
	void anotherTenantInTheHeaderIsRefusedWithTheDocumentedWording() {
		Response response = send(request("/tools", ADMIN_TOKEN).header("X-Tenant-ID", "acme").GET().build());
		assertThat(response.status()).isEqualTo(403);
		assertThat(response.json().path("detail").asString()).isEqualTo("Tenant 'acme' not found or access denied");
		assertThat(send(request("/tools", ADMIN_TOKEN).header("X-Tenant-ID", "default").GET().build()).status())
			.isEqualTo(200);
	}

	@Test
	void tokenIssueAnswersExactlyTheDocumentedFields() {
		Response response = post("/auth/token", ADMIN_TOKEN, "{\"name\":\"exec-agent\",\"profile\":\"executor\"}");
		assertThat(response.status()).isEqualTo(201);
		// expires_at only when the token expires (the schema derived from
		// core.admin.IssuedToken says so)
		assertThat(response.json().propertyNames()).containsExactlyInAnyOrder("api_token", "tenant_id", "scopes");
		assertThat(response.json().path("api_token").asString()).startsWith("smcp_").hasSizeGreaterThanOrEqualTo(48);
		assertThat(response.json().path("scopes")).extracting(JsonNode::asString)
			.containsExactlyInAnyOrder("write:services", "write:workflows");
		Response bad = post("/auth/token", ADMIN_TOKEN, "{\"name\":\"x\",\"scopes\":[\"read:everything\"]}");
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.json().path("detail").asString()).contains("read:everything").contains("read:services");
		Response noAdmin = post("/auth/token", issueToken("plain", "read:services"),
				"{\"name\":\"x\",\"profile\":\"writer\"}");
		assertThat(noAdmin.status()).isEqualTo(403);
		assertThat(noAdmin.json().path("detail").asString()).contains("admin:tenants");
		// the listing never shows a secret
		assertThat(get("/auth/tokens", ADMIN_TOKEN).body()).doesNotContain(response.json().path("api_token").asString())
			.doesNotContain(ADMIN_TOKEN);
	}

	@Test
	void noRouteIsA404ProblemNotA500() {
		Response response = post("/sse", ADMIN_TOKEN, "{}");
		assertThat(response.status()).isIn(404, 405);
		Response nothing = get("/nothing-here", ADMIN_TOKEN);
		assertThat(nothing.status()).isEqualTo(404);
		assertThat(nothing.json().path("code").asString()).isEqualTo("not_found");
	}

	@Test
	void withAcceptEventStreamTheOutcomeArrivesAsAnEvent() {
		Response ok = send(request("/tools/docs_services", ADMIN_TOKEN).header("Accept", "text/event-stream")
			.header("Content-Type", "application/json")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"service_id\":\"n8n\"}"))
			.build());
		assertThat(ok.status()).isEqualTo(200);
		assertThat(ok.header("Content-Type")).startsWith("text/event-stream");
		assertThat(ok.body()).contains("event:result").contains("\"service_id\":\"n8n\"");
		Response failed = send(request("/tools/workflows_list", ADMIN_TOKEN).header("Accept", "text/event-stream")
			.header("Content-Type", "application/json")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
			.build());
		assertThat(failed.body()).contains("event:error")
			.contains("\"code\":\"backend_not_configured\"")
			.doesNotContain("event:result");
	}

	@Test
	void healthNeedsNoToken() {
		assertThat(send(request("/health", null).GET().build()).status()).isNotIn(401, 403);
	}

	private static void assertUnauthorized(Response response) {
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.json().path("detail").asString()).isEqualTo("Unauthorized - Invalid or expired API token");
	}

}
