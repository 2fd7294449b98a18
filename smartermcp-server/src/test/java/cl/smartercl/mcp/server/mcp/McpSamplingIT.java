package cl.smartercl.mcp.server.mcp;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;

import cl.smartercl.mcp.server.support.ServerTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generators ask the MCP client's own model when it offers sampling — over the real
 * transport, with the SDK client answering a canned reply — check what comes back, and
 * fall back to the planner when the client offers no sampling.
 */
class McpSamplingIT extends ServerTestSupport {

	/**
	 * A workflow the client's model might write (also answered on the 2026-07-28 era).
	 */
	static final String VALID_WORKFLOW = """
			{"name": "Nightly signups report",
			 "workflow": {
			   "nodes": [
			     {"name": "Every night", "type": "n8n-nodes-base.scheduleTrigger", "typeVersion": 1.2, "position": [0, 0],
			      "parameters": {"rule": {"interval": [{"field": "cronExpression", "expression": "0 1 * * *"}]}}},
			     {"name": "Count signups", "type": "n8n-nodes-base.postgres", "typeVersion": 2.5, "position": [220, 0],
			      "parameters": {"operation": "executeQuery",
			        "query": "SELECT count(*) AS signups FROM signups WHERE created_at > now() - interval '1 day'", "options": {}}},
			     {"name": "Post to Slack", "type": "n8n-nodes-base.slack", "typeVersion": 2.2, "position": [440, 0],
			      "parameters": {"resource": "message", "operation": "post", "select": "channel",
			        "channelId": {"__rl": true, "mode": "name", "value": "#growth"},
			        "text": "=Signups in the last day: {{ $json.signups }}", "otherOptions": {}}}
			   ],
			   "connections": {
			     "Every night": {"main": [[{"node": "Count signups", "type": "main", "index": 0}]]},
			     "Count signups": {"main": [[{"node": "Post to Slack", "type": "main", "index": 0}]]}
			   },
			   "settings": {"executionOrder": "v1"}},
			 "unmapped": [],
			 "notes": ["Pick Postgres and Slack credentials in n8n."]}
			""";

	private final List<McpSchema.CreateMessageRequest> asked = new CopyOnWriteArrayList<>();

	private McpSyncClient connect(String cannedReply) {
		McpClient.SyncSpec spec = McpClient.sync(streamableTransport(ADMIN_TOKEN));
		if (cannedReply != null) {
			spec.capabilities(McpSchema.ClientCapabilities.builder().sampling().build()).sampling((request) -> {
				this.asked.add(request);
				return McpSchema.CreateMessageResult.builder()
					.role(McpSchema.Role.ASSISTANT)
					.content(new McpSchema.TextContent(cannedReply))
					.model("canned-test-model")
					.build();
			});
		}
		return mcpClient(ADMIN_TOKEN, spec);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> structured(McpSchema.CallToolResult result) {
		return (Map<String, Object>) result.structuredContent();
	}

	@Test
	void aClientThatOffersSamplingWritesTheWorkflowWithItsOwnModel() {
		try (McpSyncClient client = connect(VALID_WORKFLOW)) {
			McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("generate_n8n_workflow",
					Map.of("description", "every night count yesterday's signups in Postgres and post it to Slack")));
			assertThat(result.isError()).as(String.valueOf(result.content())).isFalse();
			assertThat(structured(result)).containsEntry("source", "sampling")
				.containsEntry("name", "Nightly signups report");
			assertThat(this.asked).hasSize(1);
			assertThat(((McpSchema.TextContent) this.asked.get(0).messages().get(0).content()).text())
				.contains("count yesterday's signups");
		}
	}

	@Test
	void anInvalidModelAnswerIsRejectedNotPassedThrough() {
		try (McpSyncClient client = connect("{\"name\": \"x\", \"workflow\": {\"nodes\": [{\"name\": \"A\", "
				+ "\"type\": \"n8n-nodes-base.notARealNode\", \"typeVersion\": 1, \"parameters\": {}}], \"connections\": {}}}")) {
			McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("generate_n8n_workflow",
					Map.of("description", "do something on a schedule")));
			assertThat(result.isError()).isTrue();
			assertThat(((McpSchema.TextContent) result.content().get(0)).text()).doesNotContain("notARealNode\"}");
			assertThat((Map<String, Object>) structured(result).get("error")).containsEntry("code", "backend_error");
		}
	}

	@Test
	void withoutSamplingThePlannerWritesIt() {
		try (McpSyncClient client = connect(null)) {
			McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("generate_n8n_workflow",
					Map.of("description", "every 15 minutes call https://api.example.com/health and post to Slack")));
			assertThat(result.isError()).as(String.valueOf(result.content())).isFalse();
			assertThat(structured(result)).containsEntry("source", "planner");
		}
	}

	@Test
	void botpressSkillsNeedSamplingAndAreCheckedToo() {
		String skill = "{\"name\": \"order-status\", \"files\": [{\"path\": \"actions/order-status.js\", "
				+ "\"content\": \"temp.status = 'shipped';\"}]}";
		try (McpSyncClient client = connect(skill)) {
			McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("generate_botpress_skill",
					Map.of("description", "tell an order's status")));
			assertThat(result.isError()).as(String.valueOf(result.content())).isFalse();
			assertThat(result.content())
				.anySatisfy((c) -> assertThat(c).isInstanceOf(McpSchema.EmbeddedResource.class));
		}
		Response rest = post("/tools/generate_botpress_skill", ADMIN_TOKEN,
				"{\"description\":\"tell an order's status\"}");
		assertThat(rest.status()).isEqualTo(503);
		assertThat(rest.json().path("detail").asString()).contains("sampling");
	}

}
