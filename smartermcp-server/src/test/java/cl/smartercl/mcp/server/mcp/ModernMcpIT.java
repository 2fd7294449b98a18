package cl.smartercl.mcp.server.mcp;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

import io.modelcontextprotocol.modern.McpSchema;
import io.modelcontextprotocol.modern.client.McpSyncClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import cl.smartercl.mcp.connectors.n8n.WorkflowValidator;
import cl.smartercl.mcp.core.schema.ToolJson;
import cl.smartercl.mcp.server.support.ServerTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MCP 2026-07-28 on {@code /mcp}, next to the 2025 revisions: raw HTTP for what the
 * revision asks of a server (discover, header validation, cache hints, multi round-trip
 * sampling with sealed state, the documentation resources and the agent prompts), and the
 * Java SDK's modern client for a real round trip. The confirmation of destructive calls
 * needs a tenant with backends: it is in {@code ops.McpGuideAndConfirmationTests}, next
 * to the 2025 era's, and this client's own confirmation round trip in
 * {@code ops.RealClientsGuideIT}.
 */
class ModernMcpIT extends ServerTestSupport {

	private static final String SKILL = "{\"name\": \"order-status\", \"files\": [{\"path\": \"actions/order-status.js\", "
			+ "\"content\": \"temp.status = 'shipped';\"}]}";

	private static ObjectNode params() {
		return ToolJson.mapper().createObjectNode();
	}

	private static ObjectNode none() {
		return ToolJson.mapper().createObjectNode();
	}

	private static ObjectNode sampling() {
		ObjectNode capabilities = ToolJson.mapper().createObjectNode();
		capabilities.putObject("sampling");
		return capabilities;
	}

	private static ObjectNode call(String tool, Map<String, Object> arguments) {
		ObjectNode params = params().put("name", tool);
		params.set("arguments", ToolJson.mapper().valueToTree(arguments));
		return params;
	}

	@Test
	void discoverNamesTheRevisionAndTheCapabilities() {
		Response discover = modern(ADMIN_TOKEN, "server/discover", params(), none());
		assertThat(discover.status()).isEqualTo(200);
		JsonNode result = discover.json().path("result");
		assertThat(result.path("supportedVersions")).extracting(JsonNode::asString).containsExactly(MODERN);
		assertThat(result.path("capabilities").has("tools")).isTrue();
		assertThat(result.path("capabilities").has("resources")).isTrue();
		assertThat(result.path("capabilities").has("prompts")).isTrue();
		// log messages go to requests that ask for them (_meta logLevel)
		assertThat(result.path("capabilities").has("logging")).isTrue();
		assertThat(result.path("cacheScope").asString()).isEqualTo("private");
		assertThat(result.path("instructions").asString()).contains("SmarterMCP");
		assertThat(result.path("_meta").path("io.modelcontextprotocol/serverInfo").path("name").asString())
			.isEqualTo("smartermcp");
		// no session: the 2025 transport would have answered 400 "Mcp-Session-Id header
		// is required"
		assertThat(discover.header("Mcp-Session-Id")).isNull();
	}

	@Test
	void withoutATokenTheModernEraIsRefusedLikeTheOther() {
		Response discover = modern(null, "server/discover", params(), none());
		assertThat(discover.status()).isEqualTo(401);
	}

	@Test
	void headersMustSayWhatTheBodySays() {
		Response wrongMethod = modern(ADMIN_TOKEN, "tools/list", params(), none(), "Mcp-Method", "tools/call");
		assertThat(wrongMethod.status()).isEqualTo(400);
		assertThat(wrongMethod.json().path("error").path("code").asInt()).isEqualTo(-32020);
		assertThat(wrongMethod.json().path("error").path("message").asString()).contains("Mcp-Method")
			.contains("tools/call");

		Response wrongName = modern(ADMIN_TOKEN, "tools/call", call("docs_services", Map.of("service_id", "n8n")),
				none(), "Mcp-Name", "docs_apis");
		assertThat(wrongName.status()).isEqualTo(400);
		assertThat(wrongName.json().path("error").path("message").asString()).contains("Mcp-Name");

		Response wrongVersion = modern(ADMIN_TOKEN, "tools/list", params(), none(), "MCP-Protocol-Version",
				"2025-11-25");
		assertThat(wrongVersion.status()).isEqualTo(400);
		assertThat(wrongVersion.json().path("error").path("message").asString()).contains("MCP-Protocol-Version");

		Response base64Name = modern(ADMIN_TOKEN, "tools/call", call("docs_services", Map.of("service_id", "n8n")),
				none(), "Mcp-Name", "=?base64?ZG9jc19zZXJ2aWNlcw==?=");
		assertThat(base64Name.status()).isEqualTo(200);
		assertThat(base64Name.json().path("result").path("isError").asBoolean(true)).isFalse();
	}

	@Test
	void anUnsupportedVersionIsAnsweredWithTheSupportedOnes() {
		ObjectNode params = params();
		Response response = modern(ADMIN_TOKEN, "tools/list", params, none());
		assertThat(response.status()).isEqualTo(200);
		ObjectNode body = ToolJson.mapper()
			.createObjectNode()
			.put("jsonrpc", "2.0")
			.put("id", 1)
			.put("method", "tools/list");
		body.putObject("params")
			.putObject("_meta")
			.put("io.modelcontextprotocol/protocolVersion", "2099-01-01")
			.putObject("io.modelcontextprotocol/clientCapabilities");
		Response unsupported = send(request("/mcp", ADMIN_TOKEN).header("Content-Type", "application/json")
			.header("Accept", "application/json, text/event-stream")
			.header("Mcp-Method", "tools/list")
			.header("MCP-Protocol-Version", "2099-01-01")
			.POST(HttpRequest.BodyPublishers.ofString(body.toString()))
			.build());
		assertThat(unsupported.status()).isEqualTo(400);
		assertThat(unsupported.json().path("error").path("data").path("supported")).extracting(JsonNode::asString)
			.contains(MODERN);
	}

	@Test
	void theToolListIsTheTokensAndSaysSo() {
		Response admin = modern(ADMIN_TOKEN, "tools/list", params(), none());
		assertThat(admin.status()).isEqualTo(200);
		JsonNode result = admin.json().path("result");
		assertThat(result.path("cacheScope").asString()).isEqualTo("private");
		assertThat(result.path("ttlMs").asLong()).isEqualTo(60_000);
		// the same tools as the 2025 era and REST show this tenant
		assertThat(result.path("tools")).extracting((t) -> t.path("name").asString())
			.containsExactly("docs_services", "docs_apis", "generate_n8n_workflow", "generate_botpress_skill",
					"generate_api_client");

		String reader = issueToken("modern-reader", "read:services");
		Response narrow = modern(reader, "tools/list", params(), none());
		assertThat(narrow.json().path("result").path("tools")).extracting((t) -> t.path("name").asString())
			.containsExactly("docs_services", "docs_apis", "generate_api_client");
	}

	@Test
	void aCallGoesThroughTheDispatcherWithTheSameResultsAndErrors() {
		Response call = modern(ADMIN_TOKEN, "tools/call", call("docs_services", Map.of("service_id", "n8n")), none());
		assertThat(call.status()).isEqualTo(200);
		JsonNode result = call.json().path("result");
		assertThat(result.path("isError").asBoolean(true)).isFalse();
		assertThat(result.path("resultType").asString()).isEqualTo("complete");
		assertThat(result.path("structuredContent").path("service_id").asString()).isEqualTo("n8n");

		// a scope the token lacks: the dispatcher's refusal, as an isError result, as on
		// the 2025 era
		String reader = issueToken("modern-reader-2", "read:services");
		Response forbidden = modern(reader, "tools/call",
				call("generate_botpress_skill", Map.of("description", "tell an order's status")), sampling());
		assertThat(forbidden.json().path("result").path("isError").asBoolean()).isTrue();
		assertThat(forbidden.json().path("result").path("structuredContent").path("error").path("code").asString())
			.isEqualTo("forbidden");

		// bad arguments are named by the dispatcher, not the SDK's validator
		Response invalid = modern(ADMIN_TOKEN, "tools/call", call("generate_botpress_skill", Map.of()), sampling());
		assertThat(invalid.json().path("result").path("structuredContent").path("error").path("code").asString())
			.isEqualTo("invalid_arguments");

		Response unknown = modern(ADMIN_TOKEN, "tools/call", call("no_such_tool", Map.of()), none());
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.json().path("error").path("code").asInt()).isEqualTo(-32602);

		Response audit = get("/audit?tool=docs_services&limit=5", ADMIN_TOKEN);
		assertThat(audit.body()).contains("docs_services");
	}

	@Test
	void samplingIsAMultiRoundTripWithSealedStateBoundToTheCaller() {
		String token = issueToken("modern-skill-writer", "read:bots");
		Map<String, Object> arguments = Map.of("description", "tell an order's status");
		Response first = modern(token, "tools/call", call("generate_botpress_skill", arguments), sampling());
		assertThat(first.status()).isEqualTo(200);
		JsonNode asked = first.json().path("result");
		assertThat(asked.path("resultType").asString()).isEqualTo("input_required");
		JsonNode request = asked.path("inputRequests").path("sampling-1");
		assertThat(request.path("method").asString()).isEqualTo("sampling/createMessage");
		assertThat(request.path("params").path("messages").get(0).path("content").path("text").asString())
			.contains("tell an order's status");
		String state = asked.path("requestState").asString();
		assertThat(state).isNotBlank().doesNotContain("tell an order");

		ObjectNode answer = sampled(SKILL);

		ObjectNode retry = call("generate_botpress_skill", arguments);
		retry.set("inputResponses", answer);
		retry.put("requestState", state);
		Response second = modern(token, "tools/call", retry, sampling());
		assertThat(second.status()).isEqualTo(200);
		JsonNode done = second.json().path("result");
		assertThat(done.path("resultType").asString()).isEqualTo("complete");
		assertThat(done.path("isError").asBoolean(true)).as(done.toString()).isFalse();
		assertThat(done.path("structuredContent").path("name").asString()).isEqualTo("order-status");
		// each round on record: the one that asked (input_required, not a cancellation),
		// the one that answered
		assertThat(audit("generate_botpress_skill", "modern-skill-writer"))
			.extracting((r) -> r.path("outcome").asString())
			.containsExactly("ok", "input_required");
		assertThat(get("/audit?tool=generate_botpress_skill&outcome=input_required&limit=50", ADMIN_TOKEN).json()
			.path("records")).extracting((r) -> r.path("token_name").asString()).contains("modern-skill-writer");

		// the state is the caller's: another token cannot use it
		String other = issueToken("modern-other", "read:services", "read:bots", "write:bots");
		ObjectNode stolen = call("generate_botpress_skill", arguments);
		stolen.set("inputResponses", answer);
		stolen.put("requestState", state);
		Response refused = modern(other, "tools/call", stolen, sampling());
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().path("error").path("message").asString()).contains("requestState");

		// nor can it be altered, or moved to other arguments
		ObjectNode tampered = call("generate_botpress_skill", arguments);
		tampered.set("inputResponses", answer);
		tampered.put("requestState", state.substring(0, state.length() - 2) + "xx");
		assertThat(modern(token, "tools/call", tampered, sampling()).status()).isEqualTo(400);
		ObjectNode moved = call("generate_botpress_skill", Map.of("description", "something else"));
		moved.set("inputResponses", answer);
		moved.put("requestState", state);
		Response movedResponse = modern(token, "tools/call", moved, sampling());
		assertThat(movedResponse.status()).isEqualTo(400);
		assertThat(movedResponse.json().path("error").path("message").asString()).contains("other arguments");
	}

	/** The answer of the client's model to {@code sampling-1}, as inputResponses. */
	static ObjectNode sampled(String text) {
		ObjectNode answer = ToolJson.mapper().createObjectNode();
		ObjectNode reply = answer.putObject("sampling-1").put("role", "assistant").put("model", "canned");
		reply.putObject("content").put("type", "text").put("text", text);
		return answer;
	}

	@Test
	void aWorkflowIsWrittenByTheClientsModelInTheRetryAndCheckedLikeAnyOther() {
		String token = issueToken("modern-workflow-writer", "read:workflows");
		Map<String, Object> arguments = Map.of("description",
				"every night count yesterday's signups in Postgres and post it to Slack");
		Response first = modern(token, "tools/call", call("generate_n8n_workflow", arguments), sampling());
		assertThat(first.status()).as(first.body()).isEqualTo(200);
		JsonNode asked = first.json().path("result");
		assertThat(asked.path("resultType").asString()).as(asked.toString()).isEqualTo("input_required");
		JsonNode request = asked.path("inputRequests").path("sampling-1");
		assertThat(request.path("method").asString()).isEqualTo("sampling/createMessage");
		assertThat(request.path("params").path("systemPrompt").asString()).contains("n8n");
		assertThat(request.path("params").path("maxTokens").asInt()).isPositive();
		assertThat(request.path("params").path("messages").get(0).path("content").path("text").asString())
			.contains("count yesterday's signups");

		ObjectNode retry = call("generate_n8n_workflow", arguments);
		retry.set("inputResponses", sampled(McpSamplingIT.VALID_WORKFLOW));
		retry.put("requestState", asked.path("requestState").asString());
		Response second = modern(token, "tools/call", retry, sampling());
		assertThat(second.status()).as(second.body()).isEqualTo(200);
		JsonNode done = second.json().path("result");
		assertThat(done.path("resultType").asString()).isEqualTo("complete");
		assertThat(done.path("isError").asBoolean(true)).as(done.toString()).isFalse();
		JsonNode output = done.path("structuredContent");
		assertThat(output.path("source").asString()).isEqualTo("sampling");
		assertThat(output.path("name").asString()).isEqualTo("Nightly signups report");
		// what workflows_create would take: its check passes on the workflow as returned
		// (the model's nodes, plus the webhook that lets workflows_trigger run it)
		assertThat(WorkflowValidator.validate("workflow_json", output.path("workflow")).workflow().path("nodes"))
			.extracting((node) -> node.path("name").asString())
			.containsSubsequence("Every night", "Count signups", "Post to Slack");

		// each round on record: the one that asked, the one that wrote the workflow
		assertThat(audit("generate_n8n_workflow", "modern-workflow-writer"))
			.extracting((r) -> r.path("outcome").asString() + ":" + r.path("transport").asString())
			.containsExactly("ok:mcp", "input_required:mcp");
		String metrics = get("/metrics", ADMIN_TOKEN).body();
		assertThat(metrics.lines()
			.filter((line) -> line.startsWith("mcp_requests_total{")
					&& line.contains("agent=\"modern-workflow-writer\"")
					&& line.contains("tool=\"generate_n8n_workflow\"")))
			.anySatisfy((line) -> assertThat(line).contains("status=\"input_required\"").endsWith(" 1.0"))
			.anySatisfy((line) -> assertThat(line).contains("status=\"ok\"").endsWith(" 1.0"))
			.noneSatisfy((line) -> assertThat(line).contains("status=\"cancelled\""));
	}

	@Test
	void aWorkflowTheModelGotWrongIsAnErrorInTheRetryNotPassedOn() {
		String token = issueToken("modern-workflow-sloppy", "read:workflows");
		Map<String, Object> arguments = Map.of("description", "do something on a schedule");
		JsonNode asked = modern(token, "tools/call", call("generate_n8n_workflow", arguments), sampling()).json()
			.path("result");
		ObjectNode retry = call("generate_n8n_workflow", arguments);
		retry.set("inputResponses",
				sampled("{\"name\": \"x\", \"workflow\": {\"nodes\": [{\"name\": \"A\", "
						+ "\"type\": \"n8n-nodes-base.notARealNode\", \"typeVersion\": 1, \"parameters\": {}}], "
						+ "\"connections\": {}}}"));
		retry.put("requestState", asked.path("requestState").asString());
		JsonNode done = modern(token, "tools/call", retry, sampling()).json().path("result");
		assertThat(done.path("resultType").asString()).isEqualTo("complete");
		assertThat(done.path("isError").asBoolean()).isTrue();
		assertThat(done.path("structuredContent").path("error").path("code").asString()).isEqualTo("backend_error");
		assertThat(audit("generate_n8n_workflow", "modern-workflow-sloppy"))
			.extracting((r) -> r.path("outcome").asString())
			.containsExactly("backend_error", "input_required");
	}

	@Test
	void aRequestThatAsksForLogMessagesIsAnsweredOnAnEventStreamAndAnInvalidLevelIsRefused() {
		ObjectNode asking = call("docs_services", Map.of("service_id", "n8n"));
		asking.putObject("_meta").put("io.modelcontextprotocol/logLevel", "debug");
		Response streamed = modern(ADMIN_TOKEN, "tools/call", asking, none());
		assertThat(streamed.status()).as(streamed.body()).isEqualTo(200);
		assertThat(streamed.streamed()).as(streamed.body()).isTrue();
		// this tool logs nothing: the stream carries the result alone
		assertThat(streamed.messages()).hasSize(1);
		assertThat(streamed.rpc().path("result").path("structuredContent").path("service_id").asString())
			.isEqualTo("n8n");

		ObjectNode invalid = call("docs_services", Map.of("service_id", "n8n"));
		invalid.putObject("_meta").put("io.modelcontextprotocol/logLevel", "verbose");
		Response refused = modern(ADMIN_TOKEN, "tools/call", invalid, none());
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().path("error").path("code").asInt()).isEqualTo(-32602);
		assertThat(refused.json().path("error").path("message").asString()).contains("io.modelcontextprotocol/logLevel")
			.contains("debug, info, notice, warning, error, critical, alert, emergency");
		// a number is no level either, on any method
		ObjectNode numeric = params();
		numeric.putObject("_meta").put("io.modelcontextprotocol/logLevel", 3);
		assertThat(modern(ADMIN_TOKEN, "tools/list", numeric, none()).status()).isEqualTo(400);
	}

	@Test
	void withoutSamplingTheToolsFallBackAsOnThe2025Era() {
		Response planner = modern(ADMIN_TOKEN, "tools/call", call("generate_n8n_workflow",
				Map.of("description", "every 15 minutes call https://api.example.com/health and post to Slack")),
				none());
		assertThat(planner.json().path("result").path("structuredContent").path("source").asString())
			.isEqualTo("planner");
		Response skill = modern(ADMIN_TOKEN, "tools/call",
				call("generate_botpress_skill", Map.of("description", "tell an order's status")), none());
		assertThat(skill.json().path("result").path("isError").asBoolean()).isTrue();
		assertThat(skill.json().path("result").path("content").get(0).path("text").asString()).contains("sampling");
	}

	private List<JsonNode> audit(String tool, String tokenName) {
		Response audit = get("/audit?tool=" + tool + "&limit=50", ADMIN_TOKEN);
		assertThat(audit.status()).as(audit.body()).isEqualTo(200);
		List<JsonNode> records = new java.util.ArrayList<>();
		audit.json().path("records").forEach((r) -> {
			if (tokenName.equals(r.path("token_name").asString())) {
				records.add(r);
			}
		});
		return records;
	}

	@Test
	void theDocumentationIsReadableAsResourcesThroughTheToolPath() {
		String reader = issueToken("modern-docs-reader", "read:services");
		Response list = modern(reader, "resources/list", params(), none());
		assertThat(list.status()).isEqualTo(200);
		JsonNode listed = list.json().path("result");
		assertThat(listed.path("resources")).extracting((r) -> r.path("uri").asString())
			.containsExactly("smartermcp://docs/index");
		assertThat(listed.path("cacheScope").asString()).isEqualTo("private");
		assertThat(listed.path("ttlMs").asLong()).isEqualTo(60_000);

		JsonNode templates = modern(reader, "resources/templates/list", params(), none()).json().path("result");
		assertThat(templates.path("resourceTemplates")).extracting((t) -> t.path("uriTemplate").asString())
			.containsExactlyInAnyOrder("smartermcp://docs/services/{service_id}", "smartermcp://docs/apis/{service_id}",
					"smartermcp://docs/schemas/{schema}");
		assertThat(templates.path("cacheScope").asString()).isEqualTo("private");

		Response index = modern(reader, "resources/read", params().put("uri", "smartermcp://docs/index"), none());
		assertThat(index.status()).as(index.body()).isEqualTo(200);
		JsonNode indexContent = ToolJson.mapper()
			.readTree(index.json().path("result").path("contents").get(0).path("text").asString());
		// this tenant lists no services of its own; the templates its token may use are
		// there
		assertThat(indexContent.path("templates").findValuesAsString("uri_template"))
			.contains("smartermcp://docs/services/{service_id}", "smartermcp://docs/apis/{service_id}");

		Response read = modern(reader, "resources/read", params().put("uri", "smartermcp://docs/apis/n8n"), none());
		assertThat(read.status()).as(read.body()).isEqualTo(200);
		JsonNode result = read.json().path("result");
		assertThat(result.path("cacheScope").asString()).isEqualTo("private");
		assertThat(result.path("ttlMs").asLong()).isZero();
		JsonNode contents = result.path("contents").get(0);
		assertThat(contents.path("uri").asString()).isEqualTo("smartermcp://docs/apis/n8n");
		assertThat(contents.path("mimeType").asString()).isEqualTo("application/json");
		assertThat(ToolJson.mapper().readTree(contents.path("text").asString()).path("service_id").asString())
			.isEqualTo("n8n");

		// this revision's resource-not-found: -32602 naming the URI (SEP-2164)
		Response nothing = modern(reader, "resources/read", params().put("uri", "smartermcp://docs/nothing/x"), none());
		assertThat(nothing.status()).isEqualTo(400);
		assertThat(nothing.json().path("error").path("code").asInt()).isEqualTo(-32602);
		assertThat(nothing.json().path("error").path("data").path("uri").asString())
			.isEqualTo("smartermcp://docs/nothing/x");

		// a read is the tool call, on record like one
		assertThat(audit("docs_apis", "modern-docs-reader"))
			.extracting((r) -> r.path("outcome").asString() + ":" + r.path("transport").asString() + ":"
					+ r.path("arguments").path("service_id").asString())
			.containsExactly("ok:mcp:n8n");
	}

	@Test
	void aTokenWithoutTheScopeCannotReadTheDocumentation() {
		String crm = issueToken("modern-crm-only", "read:crm");
		Response read = modern(crm, "resources/read", params().put("uri", "smartermcp://docs/services/n8n"), none());
		JsonNode error = read.json().path("error");
		assertThat(error.path("code").asInt()).as(read.body()).isEqualTo(-32603);
		assertThat(error.path("message").asString()).contains("read:services");
		assertThat(error.path("data").path("code").asString()).isEqualTo("forbidden");
		assertThat(audit("docs_services", "modern-crm-only")).extracting((r) -> r.path("outcome").asString())
			.containsExactly("forbidden");
	}

	@Test
	void theAgentWorkflowsArePromptsThatSayWhatTheCallerCannotUse() {
		String reader = issueToken("modern-prompt-reader", "read:services");
		JsonNode list = modern(reader, "prompts/list", params(), none()).json().path("result");
		assertThat(list.path("prompts")).extracting((p) -> p.path("name").asString())
			.containsExactlyInAnyOrder("check_and_restart_service", "analyse_business_performance",
					"create_backup_workflow");
		assertThat(list.path("cacheScope").asString()).isEqualTo("private");

		ObjectNode get = params().put("name", "check_and_restart_service");
		get.putObject("arguments").put("service_id", "n8n");
		Response prompt = modern(reader, "prompts/get", get, none());
		assertThat(prompt.status()).as(prompt.body()).isEqualTo(200);
		String text = prompt.json().path("result").path("messages").get(0).path("content").path("text").asString();
		assertThat(text).contains("services_health with service_id \"n8n\"")
			.contains("- services_restart (write:services)")
			.contains("This token or its tenant cannot use services_health, services_restart (");

		ObjectNode missing = params().put("name", "create_backup_workflow");
		missing.putObject("arguments");
		Response refused = modern(reader, "prompts/get", missing, none());
		assertThat(refused.json().path("error").path("code").asInt()).as(refused.body()).isEqualTo(-32602);
		assertThat(refused.json().path("error").path("message").asString()).contains("database");

		ObjectNode unknown = params().put("name", "create_backup_workflow");
		unknown.putObject("arguments").put("database", "smarteros").put("colour", "blue");
		Response unknownArgument = modern(reader, "prompts/get", unknown, none());
		assertThat(unknownArgument.json().path("error").path("code").asInt()).isEqualTo(-32602);
		assertThat(unknownArgument.json().path("error").path("message").asString()).contains("colour");
	}

	@Test
	void theJavaSdksModernClientListsCallsReadsAndGetsAPrompt() {
		McpSyncClient client = modernClient(ADMIN_TOKEN).build();
		McpSchema.DiscoverResult discovered = client.discover();
		assertThat(discovered.supportedVersions()).contains(MODERN);
		List<McpSchema.Tool> tools = client.tools().list().tools();
		assertThat(tools).extracting(McpSchema.Tool::name).contains("docs_services", "generate_botpress_skill");
		McpSchema.CallToolResult result = client.tool("docs_services").arguments(Map.of("service_id", "n8n")).call();
		assertThat(result.isError()).isFalse();
		assertThat(result.structuredContent()).isNotNull();
		assertThat(client.resources().list().resources()).extracting(McpSchema.Resource::uri)
			.containsExactly("smartermcp://docs/index");
		McpSchema.ReadResourceResult read = client.resource("smartermcp://docs/services/n8n").read();
		McpSchema.TextResourceContents contents = (McpSchema.TextResourceContents) read.contents().get(0);
		assertThat(contents.mimeType()).isEqualTo("application/json");
		assertThat(ToolJson.mapper().readTree(contents.text()).path("service_id").asString()).isEqualTo("n8n");
		McpSchema.GetPromptResult prompt = client.prompt("check_and_restart_service")
			.arguments(Map.of("service_id", "n8n"))
			.get();
		assertThat(((McpSchema.TextContent) prompt.messages().get(0).content()).text())
			.contains("services_health with service_id \"n8n\"");
	}

}
