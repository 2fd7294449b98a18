package cl.smartercl.mcp.server.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cl.smartercl.mcp.connectors.ports.ConnectorProvider;

import cl.smartercl.mcp.core.auth.Scope;
import cl.smartercl.mcp.core.auth.ScopeSet;
import cl.smartercl.mcp.server.auth.IssuedToken;
import cl.smartercl.mcp.testsupport.Eventually;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit trail through the running server: every call on record exactly once (REST and
 * MCP, concurrent), secrets redacted at any depth, a hanging write's intent on record
 * while it hangs, and {@code GET /audit} with its filters, cursor pagination and access
 * rules.
 */
@Import(AuditTests.Backends.class)
class AuditTests extends OpsTestSupport {

	private static final StubConnectors.Backends AUDIT = StubConnectors.Backends.start();

	private static final StubConnectors.Backends HANG = StubConnectors.Backends.start();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("smartermcp.tenants-file", () -> tenantsFile("audit", "hang"));
		registry.add("smartermcp.rate-limits.tenants.audit.general.burst", () -> 200);
		registry.add("smartermcp.rate-limits.tenants.audit.general.per-minute", () -> 1000);
		registry.add("smartermcp.resilience.timeout", () -> "6s");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Backends {

		@Bean
		ConnectorProvider stubConnectors() {
			HANG.n8n().mode(StubBackend.Mode.HANG);
			return new StubConnectors(Map.of("audit", AUDIT, "hang", HANG));
		}

	}

	@AfterAll
	static void stopStubs() {
		AUDIT.close();
		HANG.close();
	}

	private List<JsonNode> records(String query) {
		OpsServer.Answer answer = fetch("/audit?" + query, ADMIN_TOKEN);
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		List<JsonNode> records = new ArrayList<>();
		answer.json().get("records").forEach(records::add);
		return records;
	}

	@Test
	void concurrentCallsLeaveExactlyOneRecordEach() {
		IssuedToken token = issue("audit", "concurrent-agent");
		List<CompletableFuture<OpsServer.Answer>> calls = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			calls.add(callAsync(token.apiToken(), (i % 2 == 0) ? "workflows_list" : "crm_contacts_list", "{}"));
		}
		assertThat(calls.stream().map(CompletableFuture::join).toList())
			.allSatisfy((answer) -> assertThat(answer.status()).isEqualTo(200));
		try (McpTestClient mcp = mcp(token.apiToken())) {
			for (int i = 0; i < 3; i++) {
				assertThat(mcp.call("workflows_list", Map.of()).isError()).isFalse();
			}
		}
		List<JsonNode> records = records("tenant_id=audit&token=" + token.tokenId() + "&limit=500");
		assertThat(records).hasSize(43);
		assertThat(records).allSatisfy((record) -> {
			assertThat(record.get("outcome").asString()).isEqualTo("ok");
			assertThat(record.get("tenant_id").asString()).isEqualTo("audit");
			assertThat(record.get("token_name").asString()).isEqualTo("concurrent-agent");
			assertThat(record.get("completed_at").isNull()).isFalse();
			assertThat(record.get("duration_ms").asLong()).isNotNegative();
		});
		assertThat(records.stream().filter((r) -> r.get("transport").asString().equals("mcp"))).hasSize(3);
		assertThat(records.stream().map((r) -> r.get("request_id").asString()).distinct()).hasSize(43);
	}

	@Test
	void unknownToolsAndMissingScopesAreOnRecord() {
		IssuedToken token = issue("audit", "narrow-agent", ScopeSet.of(Scope.READ_WORKFLOWS));
		assertThat(call(token.apiToken(), "workflows_trigger",
				"{\"workflow_id\":\"wf-1\",\"input_data\":{\"token\":\"t-1\"}}")
			.status()).isEqualTo(403);
		String longName = "x".repeat(300);
		assertThat(call(token.apiToken(), longName, "{\"a\":1}").status()).isEqualTo(404);
		try (McpTestClient mcp = mcp(token.apiToken())) {
			assertThat(mcp.call("workflows_create", Map.of("name", "n")).isError()).isTrue();
		}
		List<JsonNode> records = records("tenant_id=audit&token=" + token.tokenId());
		assertThat(records).hasSize(3);
		// newest first
		JsonNode forbiddenOverMcp = records.get(0);
		assertThat(forbiddenOverMcp.get("tool").asString()).isEqualTo("workflows_create");
		assertThat(forbiddenOverMcp.get("outcome").asString()).isEqualTo("forbidden");
		assertThat(forbiddenOverMcp.get("transport").asString()).isEqualTo("mcp");
		// a name longer than the column is cut, not lost
		JsonNode unknown = records.get(1);
		assertThat(unknown.get("tool").asString()).isEqualTo("x".repeat(64));
		assertThat(unknown.get("outcome").asString()).isEqualTo("unknown_tool");
		assertThat(unknown.get("write").asBoolean()).isFalse();
		assertThat(unknown.get("arguments").get("a").asInt()).isEqualTo(1);
		JsonNode forbidden = records.get(2);
		assertThat(forbidden.get("tool").asString()).isEqualTo("workflows_trigger");
		assertThat(forbidden.get("outcome").asString()).isEqualTo("forbidden");
		assertThat(forbidden.get("write").asBoolean()).isTrue();
		assertThat(forbidden.get("transport").asString()).isEqualTo("rest");
		assertThat(forbidden.get("completed_at").isNull()).isFalse();
		assertThat(forbidden.get("arguments").get("input_data").get("token").asString()).isEqualTo("[redacted]");
	}

	@Test
	void secretsInArgumentsAreRedactedAtAnyDepth() {
		IssuedToken token = issue("audit", "secret-agent");
		String arguments = "{\"workflow_id\":\"wf-7\",\"input_data\":{\"api_key\":\"sk-live-123\",\"note\":\"keep me\","
				+ "\"nested\":{\"Password\":\"hunter2\",\"list\":[{\"Authorization\":\"Bearer abc\"},{\"city\":\"Lima\"}]},"
				+ "\"clientSecret\":\"s3cr3t\",\"X-Api-Key\":\"k-9\"}}";
		assertThat(call(token.apiToken(), "workflows_trigger", arguments).status()).isEqualTo(200);
		OpsServer.Answer page = fetch("/audit?tenant_id=audit&token=" + token.tokenId(), ADMIN_TOKEN);
		assertThat(page.body()).doesNotContain("sk-live-123", "hunter2", "Bearer abc", "s3cr3t", "k-9");
		JsonNode record = page.json().get("records").get(0);
		assertThat(record.get("tool").asString()).isEqualTo("workflows_trigger");
		assertThat(record.get("write").asBoolean()).isTrue();
		JsonNode input = record.get("arguments").get("input_data");
		assertThat(record.get("arguments").get("workflow_id").asString()).isEqualTo("wf-7");
		assertThat(input.get("api_key").asString()).isEqualTo("[redacted]");
		assertThat(input.get("clientSecret").asString()).isEqualTo("[redacted]");
		assertThat(input.get("X-Api-Key").asString()).isEqualTo("[redacted]");
		assertThat(input.get("note").asString()).isEqualTo("keep me");
		assertThat(input.get("nested").get("Password").asString()).isEqualTo("[redacted]");
		assertThat(input.get("nested").get("list").get(0).get("Authorization").asString()).isEqualTo("[redacted]");
		assertThat(input.get("nested").get("list").get(1).get("city").asString()).isEqualTo("Lima");
	}

	@Test
	void aWriteWhoseBackendHangsIsOnRecordAsAnIntentBeforeItEnds() throws Exception {
		IssuedToken token = issue("hang", "hang-agent");
		CompletableFuture<OpsServer.Answer> call = callAsync(token.apiToken(), "workflows_trigger",
				"{\"workflow_id\":\"wf-9\"}");
		Eventually.until(Duration.ofSeconds(5), () -> HANG.n8n().toolRequests() > 0);
		assertThat(HANG.n8n().toolRequests()).as("the backend got the write").isEqualTo(1);
		assertThat(call).isNotDone();
		List<JsonNode> during = records("tenant_id=hang&token=" + token.tokenId());
		assertThat(during).hasSize(1);
		assertThat(during.get(0).get("outcome").asString()).isEqualTo("pending");
		assertThat(during.get(0).get("completed_at").isNull()).isTrue();
		assertThat(during.get(0).get("arguments").get("workflow_id").asString()).isEqualTo("wf-9");

		OpsServer.Answer answer = call.get(60, java.util.concurrent.TimeUnit.SECONDS);
		assertThat(answer.status()).isEqualTo(503);
		List<JsonNode> after = records("tenant_id=hang&token=" + token.tokenId());
		assertThat(after).hasSize(1);
		assertThat(after.get(0).get("outcome").asString()).isEqualTo("service_unavailable");
		assertThat(after.get(0).get("id").asLong()).isEqualTo(during.get(0).get("id").asLong());
		assertThat(after.get(0).get("duration_ms").asLong()).isGreaterThanOrEqualTo(5_000);
	}

	@Test
	void theTrailIsFilteredAndPagedByCursor() {
		IssuedToken token = issue("audit", "paging-agent");
		Instant start = Instant.now();
		for (int i = 0; i < 5; i++) {
			assertThat(call(token.apiToken(), "workflows_list", "{}").status()).isEqualTo(200);
		}
		assertThat(call(token.apiToken(), "docs_services", "{}").status()).isEqualTo(400);
		assertThat(call(token.apiToken(), "docs_services", "{\"service_id\":1,\"extra\":true}").status())
			.isEqualTo(400);
		String base = "tenant_id=audit&token=" + token.tokenId();

		List<Long> ids = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			OpsServer.Answer page = fetch("/audit?" + base + "&limit=3" + ((cursor != null) ? "&cursor=" + cursor : ""),
					ADMIN_TOKEN);
			assertThat(page.status()).isEqualTo(200);
			page.json().get("records").forEach((r) -> ids.add(r.get("id").asLong()));
			JsonNode next = page.json().get("next_cursor");
			cursor = next.isNull() ? null : next.asString();
			pages++;
		}
		while (cursor != null);
		assertThat(pages).isEqualTo(3);
		assertThat(ids).hasSize(7).doesNotHaveDuplicates();
		assertThat(ids).isSortedAccordingTo(java.util.Comparator.reverseOrder());

		assertThat(records(base + "&outcome=invalid_arguments")).hasSize(2)
			.allSatisfy((r) -> assertThat(r.get("tool").asString()).isEqualTo("docs_services"));
		assertThat(records(base + "&tool=workflows_list")).hasSize(5);
		assertThat(records(base + "&since=" + start.minusSeconds(60))).hasSize(7);
		assertThat(records(base + "&since=" + Instant.now().plusSeconds(60))).isEmpty();
		assertThat(records(base + "&until=" + start.minusSeconds(60))).isEmpty();
	}

	@Test
	void onlyAdminsReadTheTrailAndOnlyTheirOwnTenantsUnlessDefault() {
		IssuedToken reader = issue("audit", "reader", ScopeSet.of(Scope.READ_WORKFLOWS));
		OpsServer.Answer forbidden = fetch("/audit", reader.apiToken());
		assertThat(forbidden.status()).isEqualTo(403);
		assertThat(forbidden.json().get("detail").asString()).contains("admin:tenants");

		IssuedToken tenantAdmin = issue("audit", "tenant-admin", ScopeSet.of(Scope.ADMIN_TENANTS));
		assertThat(fetch("/audit", tenantAdmin.apiToken()).status()).isEqualTo(200);
		OpsServer.Answer other = fetch("/audit?tenant_id=hang", tenantAdmin.apiToken());
		assertThat(other.status()).isIn(403, 404);
		assertThat(other.json().get("detail").asString()).isEqualTo("Tenant 'hang' not found or access denied");

		OpsServer.Answer badLimit = fetch("/audit?limit=0", ADMIN_TOKEN);
		assertThat(badLimit.status()).isEqualTo(400);
		assertThat(badLimit.json().get("detail").asString()).contains("limit");
		OpsServer.Answer unknown = fetch("/audit?toolz=x", ADMIN_TOKEN);
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.json().get("detail").asString()).contains("toolz");
		assertThat(fetch("/audit", null).status()).isEqualTo(401);
	}

}
