package cl.smartercl.mcp.server.ops;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.modelcontextprotocol.modern.McpSchema;
import io.modelcontextprotocol.modern.client.McpSyncClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cl.smartercl.mcp.connectors.ports.ConnectorProvider;
import cl.smartercl.mcp.core.schema.ToolJson;
import cl.smartercl.mcp.server.auth.IssuedToken;
import cl.smartercl.mcp.server.support.McpRemoteStdio;
import cl.smartercl.mcp.server.support.NodeClients;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real clients walk the guide against a tenant with a stub Odoo CRM: list the tools, call
 * one, read a documentation resource, get a prompt, and answer the confirmation of a CRM
 * write with accept (the write reaches the stub Odoo) and then decline (it does not),
 * each round on record in the audit trail. On the 2025 revisions the confirmation is an
 * {@code elicitation/create} request (TypeScript SDK 1.x over Streamable HTTP and over
 * legacy HTTP+SSE); on 2026-07-28 an {@code input_required} round that the client fulfils
 * with its elicitation handler and retries (TypeScript SDK 2.x pinned and in its probing
 * {@code auto} mode, the Java SDK's modern client) or that mcp-remote with
 * {@code --protocol auto} puts to its stdio client. docs/mcp.md ("Real clients") is the
 * matrix of these. Each client has a tenant of its own, so its failing writes open no
 * circuit of the others and its audit trail is its own.
 */
@Import(RealClientsGuideIT.Backends.class)
class RealClientsGuideIT extends OpsTestSupport {

	private static final Map<String, StubConnectors.Backends> TENANTS = Stream
		.of("ts1", "ts1-sse", "ts2-pin", "ts2-auto", "mcp-remote", "java-modern")
		.collect(Collectors.toMap(Function.identity(), (tenant) -> StubConnectors.Backends.start()));

	private static final Map<String, Object> CONTACT = Map.of("contact", Map.of("name", "Ana Pérez"), "id", 42);

	private static final String ASKED = "Run crm_contacts_upsert on CRM contact 42? Overwrites the contact's fields "
			+ "in the CRM (Odoo) with those given for 'Ana Pérez'.";

	/** The CRM write's records, newest first, on the 2025 era: one per call. */
	private static final List<String> CONFIRMED_THEN_DECLINED = List.of("not_confirmed:declined",
			"backend_error:confirmed");

	/**
	 * The same on 2026-07-28: each call's first round stops to ask (on record as
	 * {@code input_required}), its retry carries the answer.
	 */
	private static final List<String> CONFIRMED_THEN_DECLINED_IN_ROUNDS = List.of("not_confirmed:declined",
			"input_required:null", "backend_error:confirmed", "input_required:null");

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("smartermcp.tenants-file", () -> tenantsFile(TENANTS.keySet().toArray(String[]::new)));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Backends {

		@Bean
		ConnectorProvider stubConnectors() {
			return new StubConnectors(TENANTS);
		}

	}

	@AfterAll
	static void stopStubs() {
		TENANTS.values().forEach(StubConnectors.Backends::close);
	}

	/**
	 * Runs a Node client of {@code src/test/node} and reads the JSON line it prints last.
	 */
	private JsonNode node(String script, String token, String mode) {
		String out = NodeClients.run(NodeClients.clientsDir(),
				List.of(NodeClients.node().toString(), script, baseUrl(), token, mode), Map.of(), 180);
		return ToolJson.mapper().readTree(out.strip().lines().reduce((a, b) -> b).orElseThrow());
	}

	/** What every TypeScript client printed when it walked the guide (guide.mjs). */
	private static void assertWalkedTheGuide(JsonNode result) {
		assertThat(result.path("tools").toString()).contains("crm_contacts_upsert", "workflows_list");
		assertThat(result.path("call").path("isError").asBoolean(true)).as(result.toString()).isFalse();
		assertThat(result.path("resources")).extracting(JsonNode::asString).containsExactly("smartermcp://docs/index");
		assertThat(result.path("templates")).hasSize(3);
		assertThat(result.path("resource").path("mimeType").asString()).isEqualTo("application/json");
		assertThat(result.path("resource").path("json").path("service_id").asString()).isEqualTo("n8n");
		assertThat(result.path("prompts")).hasSize(3);
		assertThat(result.path("prompt").asString()).contains("services_health with service_id \"n8n\"");

		assertThat(result.path("asked")).extracting(JsonNode::asString).containsExactly(ASKED, ASKED);
		// accepted: it ran (the stub Odoo got the write and answers it with an error of
		// its own)
		assertThat(result.path("accepted").path("error").path("code").asString()).isEqualTo("backend_error");
		// declined: it did not
		assertThat(result.path("declined").path("error").path("code").asString()).isEqualTo("not_confirmed");
		assertThat(result.path("declined").path("error").path("confirmation").asString()).isEqualTo("declined");
		assertThat(result.path("declined").path("text").asString())
			.isEqualTo("crm_contacts_upsert was not run: the user declined it (CRM contact 42)");
	}

	/**
	 * The stub Odoo got exactly the accepted write, and the audit trail has the guide's
	 * calls: the tool call and the resource read ran, the CRM write's rounds are
	 * {@code writes} (newest first).
	 */
	private void assertOnRecord(String tenant, IssuedToken token, int writesBefore, List<String> writes) {
		assertThat(TENANTS.get(tenant).odoo().toolRequests()).isEqualTo(writesBefore + 1);
		List<JsonNode> records = audit(tenant, token);
		assertThat(records).filteredOn((r) -> r.get("tool").asString().equals("crm_contacts_upsert"))
			.extracting(OpsTestSupport::outcome)
			.containsExactlyElementsOf(writes);
		assertThat(records).filteredOn((r) -> !r.get("tool").asString().equals("crm_contacts_upsert"))
			.extracting((r) -> r.get("tool").asString() + ":" + outcome(r))
			.contains("workflows_list:ok:null", "docs_services:ok:null");
	}

	/**
	 * A TypeScript client of {@code src/test/node} walks the guide on its own tenant and
	 * lands on the revision {@code protocol}. In {@code auto} mode the 2.x client probes
	 * {@code server/discover} first and stays on the stateless revision: its confirmation
	 * comes as input_required rounds (two records a call), not as 2025 elicitation.
	 */
	@ParameterizedTest(name = "{0}")
	@CsvSource({ "TypeScript SDK 1.x over Streamable HTTP, ts1, sdk-guide-client.mjs, streamable, 2025-11-25",
			"TypeScript SDK 1.x over legacy HTTP+SSE, ts1-sse, sdk-guide-client.mjs, sse, 2024-11-05",
			"TypeScript SDK 2.x pinned to 2026-07-28, ts2-pin, sdk2-guide-client.mjs, pin, 2026-07-28",
			"TypeScript SDK 2.x in auto mode, ts2-auto, sdk2-guide-client.mjs, auto, 2026-07-28" })
	void aTypeScriptClientWalksTheGuideAndAnswersTheConfirmation(String client, String tenant, String script,
			String mode, String protocol) {
		IssuedToken token = issue(tenant, tenant + "-agent");
		int before = TENANTS.get(tenant).odoo().toolRequests();
		JsonNode result = node(script, token.apiToken(), mode);
		assertThat(result.path("protocol").asString()).as(result.toString()).isEqualTo(protocol);
		assertWalkedTheGuide(result);
		assertOnRecord(tenant, token, before,
				protocol.equals("2026-07-28") ? CONFIRMED_THEN_DECLINED_IN_ROUNDS : CONFIRMED_THEN_DECLINED);
	}

	/**
	 * mcp-remote 0.15.1 with {@code --protocol auto}, driven over stdio as a desktop
	 * client runs it: it probes {@code server/discover}, answers the stdio side's
	 * {@code initialize} itself and bridges every request to the stateless revision. An
	 * {@code input_required} round it turns into an {@code elicitation/create} request to
	 * its stdio client (which declared {@code elicitation}), and retries upstream with
	 * the answer and the request state: the audit trail shows both rounds of each call.
	 */
	@Test
	void mcpRemoteInAutoModeWalksTheGuideAndPutsTheConfirmationToItsClient() throws Exception {
		IssuedToken token = issue("mcp-remote", "mcp-remote-agent");
		int before = TENANTS.get("mcp-remote").odoo().toolRequests();
		Deque<String> user = new ArrayDeque<>(
				List.of("{\"action\":\"accept\",\"content\":{\"confirm\":true}}", "{\"action\":\"decline\"}"));
		String upsert = ToolJson.mapper()
			.writeValueAsString(Map.of("name", "crm_contacts_upsert", "arguments", CONTACT));
		try (McpRemoteStdio remote = McpRemoteStdio.start(baseUrl() + "/mcp", token.apiToken(),
				List.of("--protocol", "auto"))) {
			remote.answering((request) -> user.remove());
			JsonNode init = remote.initialize("{\"elicitation\":{}}");
			assertThat(init.path("result").path("serverInfo").path("name").asString()).isEqualTo("smartermcp");
			assertThat(remote.request(2, "tools/list", "{}").path("result").path("tools").toString())
				.contains("crm_contacts_upsert", "workflows_list");
			JsonNode call = remote.request(3, "tools/call", "{\"name\":\"workflows_list\",\"arguments\":{}}");
			assertThat(call.path("result").path("isError").asBoolean(true)).as(call.toString()).isFalse();
			JsonNode read = remote.request(4, "resources/read", "{\"uri\":\"smartermcp://docs/services/n8n\"}");
			JsonNode contents = read.path("result").path("contents").path(0);
			assertThat(contents.path("mimeType").asString()).as(read.toString()).isEqualTo("application/json");
			assertThat(ToolJson.mapper().readTree(contents.path("text").asString()).path("service_id").asString())
				.isEqualTo("n8n");
			JsonNode prompt = remote.request(5, "prompts/get",
					"{\"name\":\"check_and_restart_service\",\"arguments\":{\"service_id\":\"n8n\"}}");
			assertThat(prompt.path("result").path("messages").path(0).path("content").path("text").asString())
				.as(prompt.toString())
				.contains("services_health with service_id \"n8n\"");

			JsonNode accepted = remote.request(6, "tools/call", upsert).path("result");
			assertThat(accepted.path("structuredContent").path("error").path("code").asString()).as(accepted.toString())
				.isEqualTo("backend_error");
			JsonNode declined = remote.request(7, "tools/call", upsert).path("result");
			assertThat(declined.path("isError").asBoolean()).isTrue();
			assertThat(declined.path("content").path(0).path("text").asString())
				.isEqualTo("crm_contacts_upsert was not run: the user declined it (CRM contact 42)");
			assertThat(remote.requests())
				.extracting((r) -> r.path("method").asString() + ": " + r.path("params").path("message").asString())
				.containsExactly("elicitation/create: " + ASKED, "elicitation/create: " + ASKED);
		}
		assertOnRecord("mcp-remote", token, before, CONFIRMED_THEN_DECLINED_IN_ROUNDS);
	}

	@Test
	void theJavaSdksModernClientAnswersTheInputRequests() {
		IssuedToken token = issue("java-modern", "java-modern-agent");
		int before = TENANTS.get("java-modern").odoo().toolRequests();
		List<McpSchema.ElicitFormRequest> asked = new CopyOnWriteArrayList<>();
		Deque<McpSchema.ElicitResult> user = new ArrayDeque<>(
				List.of(new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, Map.of("confirm", true)),
						new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.DECLINE, null)));
		McpSyncClient client = modernClient(token.apiToken()).formElicitation((request) -> {
			asked.add(request);
			return user.remove();
		}).build();
		assertThat(client.tool("workflows_list").arguments(Map.of()).call().isError()).isFalse();
		McpSchema.TextResourceContents read = (McpSchema.TextResourceContents) client
			.resource("smartermcp://docs/services/n8n")
			.read()
			.contents()
			.get(0);
		assertThat(ToolJson.mapper().readTree(read.text()).path("service_id").asString()).isEqualTo("n8n");

		JsonNode accepted = ToolJson.mapper()
			.valueToTree(client.tool("crm_contacts_upsert").arguments(CONTACT).call().structuredContent());
		assertThat(accepted.path("error").path("code").asString()).isEqualTo("backend_error");
		McpSchema.CallToolResult declined = client.tool("crm_contacts_upsert").arguments(CONTACT).call();
		assertThat(declined.isError()).isTrue();
		assertThat(((McpSchema.TextContent) declined.content().get(0)).text())
			.isEqualTo("crm_contacts_upsert was not run: the user declined it (CRM contact 42)");
		assertThat(asked).extracting(McpSchema.ElicitFormRequest::message).containsExactly(ASKED, ASKED);
		assertThat(asked.get(0).requestedSchema()).containsKey("properties");
		assertOnRecord("java-modern", token, before, CONFIRMED_THEN_DECLINED_IN_ROUNDS);
	}

}
