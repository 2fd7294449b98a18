package cl.smartercl.mcp.server.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cl.smartercl.mcp.connectors.ports.ConnectorProvider;
import cl.smartercl.mcp.core.auth.Scope;
import cl.smartercl.mcp.core.auth.ScopeSet;
import cl.smartercl.mcp.core.schema.ToolJson;
import cl.smartercl.mcp.server.auth.IssuedToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Java SDK client against the 2025 era: tools, the documentation resources, the agent
 * prompts, and the confirmation of a destructive call by elicitation (accepted, declined,
 * cancelled; a client without elicitation on a tenant that proceeds and on one that
 * refuses; REST never asked), each outcome in the audit trail. The same confirmations on
 * the 2026-07-28 era, in raw HTTP: an {@code input_required} round asking
 * {@code confirmation-1}, answered in the retry. The CRM write goes to a stub Odoo that
 * counts the requests it gets: a call that must not run never reaches it.
 */
@Import(McpGuideAndConfirmationTests.Backends.class)
class McpGuideAndConfirmationTests extends OpsTestSupport {

	private static final StubConnectors.Backends OPEN = StubConnectors.Backends.start();

	private static final StubConnectors.Backends STRICT = StubConnectors.Backends.start();

	/**
	 * The 2026-07-28 era's tenant: backends of its own, so its failing writes open no
	 * circuit of the others.
	 */
	private static final StubConnectors.Backends MODERN_ERA = StubConnectors.Backends.start();

	private static final Map<String, Object> CONTACT = Map.of("contact", Map.of("name", "Ana Pérez"), "id", 42);

	private final List<McpSchema.ElicitFormRequest> asked = new CopyOnWriteArrayList<>();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("smartermcp.tenants-file", McpGuideAndConfirmationTests::tenantsFile);
	}

	private static String tenantsFile() {
		try {
			Path file = Files.createTempFile("smartermcp-confirmation-tenants", ".yaml");
			Files.writeString(file, """
					tenants:
					  open:
					    services:
					      - { id: n8n, name: N8N, type: backend, container: n8n, health: backend }
					  strict:
					    confirmation: { without-elicitation: refuse }
					  modern: {}
					""");
			file.toFile().deleteOnExit();
			return file.toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Backends {

		@Bean
		ConnectorProvider stubConnectors() {
			return new StubConnectors(Map.of("open", OPEN, "strict", STRICT, "modern", MODERN_ERA));
		}

	}

	@AfterAll
	static void stopStubs() {
		OPEN.close();
		STRICT.close();
		MODERN_ERA.close();
	}

	private McpSyncClient client(String token, Function<McpSchema.ElicitFormRequest, McpSchema.ElicitResult> user) {
		McpClient.SyncSpec spec = McpClient.sync(streamableTransport(token));
		if (user != null) {
			spec.capabilities(McpSchema.ClientCapabilities.builder().elicitation().build()).elicitation((request) -> {
				this.asked.add(request);
				return user.apply(request);
			});
		}
		return mcpClient(token, spec);
	}

	private static McpSchema.ElicitResult answer(McpSchema.ElicitResult.Action action, Map<String, Object> content) {
		return new McpSchema.ElicitResult(action, content);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> error(McpSchema.CallToolResult result) {
		return (Map<String, Object>) ((Map<String, Object>) result.structuredContent()).get("error");
	}

	private static String text(McpSchema.CallToolResult result) {
		return ((McpSchema.TextContent) result.content().get(0)).text();
	}

	@Test
	void anAcceptedConfirmationRunsTheCallAfterShowingWhatItWillDo() {
		IssuedToken token = issue("open", "accepting-agent");
		int before = OPEN.odoo().toolRequests();
		try (McpSyncClient client = client(token.apiToken(),
				(request) -> answer(McpSchema.ElicitResult.Action.ACCEPT, Map.of("confirm", true)))) {
			McpSchema.CallToolResult result = client
				.callTool(new McpSchema.CallToolRequest("crm_contacts_upsert", CONTACT));
			// it ran: the stub Odoo got the write (and answers it with an error of its
			// own)
			assertThat(OPEN.odoo().toolRequests()).isEqualTo(before + 1);
			assertThat(error(result)).containsEntry("code", "backend_error");
		}
		assertThat(this.asked).hasSize(1);
		assertThat(this.asked.get(0).message()).isEqualTo("Run crm_contacts_upsert on CRM contact 42? Overwrites the "
				+ "contact's fields in the CRM (Odoo) with those given for 'Ana Pérez'.");
		assertThat(this.asked.get(0).requestedSchema()).containsKey("properties");
		JsonNode record = audit("open", token).get(0);
		assertThat(record.get("tool").asString()).isEqualTo("crm_contacts_upsert");
		assertThat(record.get("confirmation").asString()).isEqualTo("confirmed");
	}

	@Test
	void aDeclinedOrCancelledConfirmationStopsTheCallAndTheAnswerSaysSo() {
		IssuedToken token = issue("open", "declining-agent");
		int before = OPEN.odoo().toolRequests();
		try (McpSyncClient client = client(token.apiToken(),
				(request) -> answer(McpSchema.ElicitResult.Action.DECLINE, null))) {
			McpSchema.CallToolResult result = client
				.callTool(new McpSchema.CallToolRequest("crm_contacts_upsert", CONTACT));
			assertThat(result.isError()).isTrue();
			assertThat(text(result))
				.isEqualTo("crm_contacts_upsert was not run: the user declined it (CRM contact 42)");
			assertThat(error(result)).containsEntry("code", "not_confirmed").containsEntry("confirmation", "declined");
		}
		// accepting the form with the box unticked is a decline too
		try (McpSyncClient client = client(token.apiToken(),
				(request) -> answer(McpSchema.ElicitResult.Action.ACCEPT, Map.of("confirm", false)))) {
			assertThat(error(client.callTool(new McpSchema.CallToolRequest("crm_contacts_upsert", CONTACT))))
				.containsEntry("confirmation", "declined");
		}
		try (McpSyncClient client = client(token.apiToken(),
				(request) -> answer(McpSchema.ElicitResult.Action.CANCEL, null))) {
			assertThat(error(client.callTool(new McpSchema.CallToolRequest("crm_contacts_upsert", CONTACT))))
				.containsEntry("confirmation", "cancelled");
		}
		assertThat(OPEN.odoo().toolRequests()).isEqualTo(before);
		List<JsonNode> records = audit("open", token);
		assertThat(records).extracting((r) -> r.get("confirmation").asString())
			.containsExactly("cancelled", "declined", "declined");
		assertThat(records).allSatisfy((r) -> assertThat(r.get("outcome").asString()).isEqualTo("not_confirmed"));
	}

	/**
	 * On the wire: a call that asks the user first cannot be one JSON answer, so it is an
	 * SSE stream whose first message is the elicitation request, answered by a POST of
	 * the response, then the call's own answer ends the stream. A plain read on the same
	 * session is one {@code application/json} answer.
	 */
	@Test
	void aCallThatAsksTheUserIsAStreamAndAPlainCallIsOneJsonAnswer() throws Exception {
		IssuedToken token = issue("open", "raw-stream-agent");
		String initialize = """
				{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
				"capabilities":{"elicitation":{}},"clientInfo":{"name":"raw","version":"1"}}}""";
		Response init = send(rawMcp(token.apiToken(), null, initialize).build());
		assertThat(init.status()).as(init.body()).isEqualTo(200);
		String session = init.header("Mcp-Session-Id");
		assertThat(
				send(rawMcp(token.apiToken(), session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
					.build()).status())
			.isEqualTo(202);

		Response plain = send(rawMcp(token.apiToken(), session,
				"{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"docs_services\","
						+ "\"arguments\":{\"service_id\":\"n8n\"}}}")
			.build());
		assertThat(plain.status()).isEqualTo(200);
		assertThat(plain.header("Content-Type")).startsWith("application/json");
		assertThat(plain.json().path("id").asInt()).isEqualTo(2);
		assertThat(plain.json().path("result").path("isError").asBoolean()).isFalse();

		String call = ToolJson.mapper()
			.writeValueAsString(Map.of("jsonrpc", "2.0", "id", 3, "method", "tools/call", "params",
					Map.of("name", "crm_contacts_upsert", "arguments", CONTACT)));
		var streamed = HTTP.send(
				rawMcp(token.apiToken(), session, call).timeout(java.time.Duration.ofSeconds(30)).build(),
				java.net.http.HttpResponse.BodyHandlers.ofLines());
		assertThat(streamed.statusCode()).isEqualTo(200);
		assertThat(streamed.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
		java.util.Iterator<String> lines = streamed.body().filter((line) -> line.startsWith("data:")).iterator();
		JsonNode asking = ToolJson.mapper().readTree(lines.next().substring("data:".length()));
		assertThat(asking.path("method").asString()).isEqualTo("elicitation/create");
		String decline = ToolJson.mapper()
			.writeValueAsString(Map.of("jsonrpc", "2.0", "id", asking.path("id").asString(), "result",
					Map.of("action", "decline")));
		assertThat(send(rawMcp(token.apiToken(), session, decline).build()).status()).isEqualTo(202);
		JsonNode answer = ToolJson.mapper().readTree(lines.next().substring("data:".length()));
		assertThat(answer.path("id").asInt()).isEqualTo(3);
		assertThat(answer.path("result").path("structuredContent").path("error").path("confirmation").asString())
			.isEqualTo("declined");
		assertThat(lines.hasNext()).as("the answer ends the stream").isFalse();
	}

	private HttpRequest.Builder rawMcp(String token, String session, String body) {
		HttpRequest.Builder builder = request("/mcp", token).header("Content-Type", "application/json")
			.header("Accept", "application/json, text/event-stream")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		return (session != null) ? builder.header("Mcp-Session-Id", session) : builder;
	}

	@Test
	void aClientWithoutElicitationProceedsUnlessItsTenantRefusesAndRestIsNeverAsked() {
		IssuedToken open = issue("open", "plain-agent");
		int before = OPEN.odoo().toolRequests();
		try (McpSyncClient client = client(open.apiToken(), null)) {
			assertThat(error(client.callTool(new McpSchema.CallToolRequest("crm_contacts_upsert", CONTACT))))
				.containsEntry("code", "backend_error");
		}
		assertThat(OPEN.odoo().toolRequests()).isEqualTo(before + 1);
		assertThat(audit("open", open).get(0).get("confirmation").asString()).isEqualTo("not_asked");

		IssuedToken strict = issue("strict", "plain-agent");
		int strictBefore = STRICT.odoo().toolRequests();
		try (McpSyncClient client = client(strict.apiToken(), null)) {
			McpSchema.CallToolResult refused = client
				.callTool(new McpSchema.CallToolRequest("crm_contacts_upsert", CONTACT));
			assertThat(error(refused)).containsEntry("code", "not_confirmed")
				.containsEntry("confirmation", "unavailable");
			assertThat(text(refused)).contains("needs a client that supports MCP elicitation");
		}
		assertThat(STRICT.odoo().toolRequests()).isEqualTo(strictBefore);
		// REST on the same strict tenant: the caller asked for the call itself
		assertThat(
				call(strict.apiToken(), "crm_contacts_upsert", ToolJson.mapper().writeValueAsString(CONTACT)).status())
			.isEqualTo(502);
		assertThat(STRICT.odoo().toolRequests()).isEqualTo(strictBefore + 1);
		assertThat(audit("strict", strict))
			.extracting((r) -> r.get("transport").asString() + ":" + r.get("confirmation").asString())
			.containsExactly("rest:not_asked", "mcp:not_asked");
	}

	@Test
	void readsCallsNeverAskAndHaveNoConfirmationOnRecord() {
		IssuedToken token = issue("open", "reading-agent");
		try (McpSyncClient client = client(token.apiToken(),
				(request) -> answer(McpSchema.ElicitResult.Action.DECLINE, null))) {
			assertThat(client.callTool(new McpSchema.CallToolRequest("workflows_list", Map.of())).isError()).isFalse();
		}
		assertThat(this.asked).isEmpty();
		assertThat(audit("open", token).get(0).get("confirmation").isNull()).isTrue();
	}

	@Test
	void theDocumentationIsReadableAsResourcesThroughTheToolPath() {
		IssuedToken token = issue("open", "docs-agent");
		try (McpSyncClient client = client(token.apiToken(), null)) {
			assertThat(client.listResources().resources()).extracting(McpSchema.Resource::uri)
				.containsExactly("smartermcp://docs/index");
			assertThat(client.listResourceTemplates().resourceTemplates())
				.extracting(McpSchema.ResourceTemplate::uriTemplate)
				.containsExactlyInAnyOrder("smartermcp://docs/services/{service_id}",
						"smartermcp://docs/apis/{service_id}", "smartermcp://docs/schemas/{schema}");
			JsonNode index = json(client.readResource(new McpSchema.ReadResourceRequest("smartermcp://docs/index")));
			assertThat(index.path("resources").findValuesAsString("uri")).contains("smartermcp://docs/services/n8n",
					"smartermcp://docs/apis/n8n");

			McpSchema.ReadResourceResult read = client
				.readResource(new McpSchema.ReadResourceRequest("smartermcp://docs/services/n8n"));
			McpSchema.TextResourceContents contents = (McpSchema.TextResourceContents) read.contents().get(0);
			assertThat(contents.uri()).isEqualTo("smartermcp://docs/services/n8n");
			assertThat(contents.mimeType()).isEqualTo("application/json");
			assertThat(ToolJson.mapper().readTree(contents.text()).path("service_id").asString()).isEqualTo("n8n");

			assertThatThrownBy(
					() -> client.readResource(new McpSchema.ReadResourceRequest("smartermcp://docs/nothing/x")))
				.isInstanceOfSatisfying(McpError.class, (ex) -> assertThat(ex.getJsonRpcError().code())
					.isEqualTo(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND));
		}
		// a read is the tool call, on record like one
		assertThat(audit("open", token)).extracting((r) -> r.get("tool").asString()).contains("docs_services");
	}

	@Test
	void aTokenWithoutTheScopeCannotReadTheDocumentation() {
		IssuedToken token = issue("open", "crm-only", ScopeSet.of(Scope.READ_CRM));
		try (McpSyncClient client = client(token.apiToken(), null)) {
			assertThatThrownBy(
					() -> client.readResource(new McpSchema.ReadResourceRequest("smartermcp://docs/services/n8n")))
				.isInstanceOfSatisfying(McpError.class, (ex) -> {
					assertThat(ex.getJsonRpcError().message()).contains("read:services");
					assertThat(ex.getJsonRpcError().code()).isNotEqualTo(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND);
				});
			JsonNode index = json(client.readResource(new McpSchema.ReadResourceRequest("smartermcp://docs/index")));
			assertThat(index.path("resources")).isEmpty();
			assertThat(index.path("note").asString()).contains("read:services");
		}
		assertThat(audit("open", token)).extracting((r) -> r.get("outcome").asString()).containsExactly("forbidden");
	}

	@Test
	void theAgentWorkflowsArePromptsThatSayWhatTheCallerCannotUse() {
		IssuedToken reader = issue("open", "prompt-reader", ScopeSet.of(Scope.READ_SERVICES));
		try (McpSyncClient client = client(reader.apiToken(), null)) {
			assertThat(client.listPrompts().prompts()).extracting(McpSchema.Prompt::name)
				.containsExactlyInAnyOrder("check_and_restart_service", "analyse_business_performance",
						"create_backup_workflow");
			McpSchema.GetPromptResult prompt = client
				.getPrompt(new McpSchema.GetPromptRequest("check_and_restart_service", Map.of("service_id", "n8n")));
			String text = ((McpSchema.TextContent) prompt.messages().get(0).content()).text();
			assertThat(text).contains("services_health with service_id \"n8n\"")
				.contains("- services_restart (write:services)")
				// a read:services token on a tenant without Docker: neither step can run
				// here, and the text says so
				.contains("This token or its tenant cannot use services_health, services_restart (");
			assertThatThrownBy(
					() -> client.getPrompt(new McpSchema.GetPromptRequest("create_backup_workflow", Map.of())))
				.isInstanceOfSatisfying(McpError.class, (ex) -> {
					assertThat(ex.getJsonRpcError().code()).isEqualTo(McpSchema.ErrorCodes.INVALID_PARAMS);
					assertThat(ex.getJsonRpcError().message()).contains("database");
				});
		}
	}

	// --- the 2026-07-28 era: confirmation as a multi round-trip request ---

	/**
	 * One 2026-07-28 call of crm_contacts_upsert; {@code retry} adds inputResponses and
	 * requestState.
	 */
	private JsonNode modernUpsert(String token, boolean elicitation, JsonNode answers, String state) {
		ObjectNode params = ToolJson.mapper().createObjectNode().put("name", "crm_contacts_upsert");
		params.set("arguments", ToolJson.mapper().valueToTree(CONTACT));
		if (answers != null) {
			params.set("inputResponses", answers);
		}
		if (state != null) {
			params.put("requestState", state);
		}
		ObjectNode capabilities = ToolJson.mapper().createObjectNode();
		if (elicitation) {
			capabilities.putObject("elicitation").putObject("form");
		}
		Response response = modern(token, "tools/call", params, capabilities);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json().path("result");
	}

	private static ObjectNode elicitResult(String action, Boolean confirm) {
		ObjectNode answers = ToolJson.mapper().createObjectNode();
		ObjectNode result = answers.putObject("confirmation-1").put("action", action);
		if (confirm != null) {
			result.putObject("content").put("confirm", confirm);
		}
		return answers;
	}

	/** The first round: it stops to ask, and the call has not run. */
	private JsonNode asked(String token) {
		JsonNode first = modernUpsert(token, true, null, null);
		assertThat(first.path("resultType").asString()).as(first.toString()).isEqualTo("input_required");
		JsonNode request = first.path("inputRequests").path("confirmation-1");
		assertThat(request.path("method").asString()).isEqualTo("elicitation/create");
		assertThat(request.path("params").path("message").asString()).isEqualTo("Run crm_contacts_upsert on CRM "
				+ "contact 42? Overwrites the contact's fields in the CRM (Odoo) with those given for 'Ana Pérez'.");
		assertThat(request.path("params").path("requestedSchema").path("properties").has("confirm")).isTrue();
		assertThat(first.path("requestState").asString()).isNotBlank();
		return first;
	}

	@Test
	void onTheModernEraAnAcceptedConfirmationRunsTheCallInTheRetry() {
		IssuedToken token = issue("modern", "modern-accepting-agent");
		int before = MODERN_ERA.odoo().toolRequests();
		JsonNode first = asked(token.apiToken());
		assertThat(MODERN_ERA.odoo().toolRequests()).isEqualTo(before);
		JsonNode done = modernUpsert(token.apiToken(), true, elicitResult("accept", true),
				first.path("requestState").asString());
		assertThat(done.path("resultType").asString()).isEqualTo("complete");
		// it ran: the stub Odoo got the write (and answers it with an error of its own)
		assertThat(done.path("structuredContent").path("error").path("code").asString()).isEqualTo("backend_error");
		assertThat(MODERN_ERA.odoo().toolRequests()).isEqualTo(before + 1);
		// each round is one call on record: the one that asked (input_required), the one
		// that ran (confirmed)
		assertThat(audit("modern", token)).extracting(OpsTestSupport::outcome)
			.containsExactly("backend_error:confirmed", "input_required:null");
	}

	@Test
	void onTheModernEraADeclinedOrCancelledConfirmationStopsTheCall() {
		IssuedToken token = issue("modern", "modern-declining-agent");
		int before = MODERN_ERA.odoo().toolRequests();
		JsonNode declined = modernUpsert(token.apiToken(), true, elicitResult("decline", null),
				asked(token.apiToken()).path("requestState").asString());
		assertThat(declined.path("isError").asBoolean()).isTrue();
		assertThat(declined.path("content").get(0).path("text").asString())
			.isEqualTo("crm_contacts_upsert was not run: the user declined it (CRM contact 42)");
		assertThat(declined.path("structuredContent").path("error").path("code").asString()).isEqualTo("not_confirmed");
		assertThat(declined.path("structuredContent").path("error").path("confirmation").asString())
			.isEqualTo("declined");
		// accepting the form with the box unticked is a decline too
		JsonNode unticked = modernUpsert(token.apiToken(), true, elicitResult("accept", false),
				asked(token.apiToken()).path("requestState").asString());
		assertThat(unticked.path("structuredContent").path("error").path("confirmation").asString())
			.isEqualTo("declined");
		JsonNode cancelled = modernUpsert(token.apiToken(), true, elicitResult("cancel", null),
				asked(token.apiToken()).path("requestState").asString());
		assertThat(cancelled.path("structuredContent").path("error").path("confirmation").asString())
			.isEqualTo("cancelled");
		assertThat(MODERN_ERA.odoo().toolRequests()).isEqualTo(before);
		assertThat(audit("modern", token)).extracting(OpsTestSupport::outcome)
			.containsExactly("not_confirmed:cancelled", "input_required:null", "not_confirmed:declined",
					"input_required:null", "not_confirmed:declined", "input_required:null");
	}

	@Test
	void onTheModernEraAConfirmationNobodyAskedForIsIgnored() {
		IssuedToken token = issue("modern", "modern-eager-agent");
		int before = MODERN_ERA.odoo().toolRequests();
		// an answer in the first round, with no request state: the server still asks
		JsonNode eager = modernUpsert(token.apiToken(), true, elicitResult("accept", true), null);
		assertThat(eager.path("resultType").asString()).isEqualTo("input_required");
		assertThat(eager.path("inputRequests").has("confirmation-1")).isTrue();
		assertThat(MODERN_ERA.odoo().toolRequests()).isEqualTo(before);
	}

	@Test
	void onTheModernEraAClientWithoutElicitationProceedsUnlessItsTenantRefuses() {
		IssuedToken open = issue("modern", "modern-plain-agent");
		int before = MODERN_ERA.odoo().toolRequests();
		JsonNode ran = modernUpsert(open.apiToken(), false, null, null);
		assertThat(ran.path("resultType").asString()).isEqualTo("complete");
		assertThat(ran.path("structuredContent").path("error").path("code").asString()).isEqualTo("backend_error");
		assertThat(MODERN_ERA.odoo().toolRequests()).isEqualTo(before + 1);
		assertThat(audit("modern", open).get(0).get("confirmation").asString()).isEqualTo("not_asked");

		IssuedToken strict = issue("strict", "modern-plain-agent");
		int strictBefore = STRICT.odoo().toolRequests();
		JsonNode refused = modernUpsert(strict.apiToken(), false, null, null);
		assertThat(refused.path("structuredContent").path("error").path("code").asString()).isEqualTo("not_confirmed");
		assertThat(refused.path("structuredContent").path("error").path("confirmation").asString())
			.isEqualTo("unavailable");
		assertThat(STRICT.odoo().toolRequests()).isEqualTo(strictBefore);
		assertThat(audit("strict", strict).get(0).get("confirmation").asString()).isEqualTo("not_asked");
	}

	private static JsonNode json(McpSchema.ReadResourceResult result) {
		return ToolJson.mapper().readTree(((McpSchema.TextResourceContents) result.contents().get(0)).text());
	}

}
