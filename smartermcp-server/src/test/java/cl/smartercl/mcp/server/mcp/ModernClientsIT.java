package cl.smartercl.mcp.server.mcp;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import cl.smartercl.mcp.core.schema.ToolJson;
import cl.smartercl.mcp.server.support.McpRemoteStdio;
import cl.smartercl.mcp.server.support.NodeClients;
import cl.smartercl.mcp.server.support.ServerTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real clients of the 2026-07-28 revision from outside the JVM: the TypeScript SDK 2.x
 * client, pinned to the revision and in its probing {@code auto} mode, and mcp-remote
 * with {@code --protocol auto} (it probes {@code server/discover} and speaks the
 * stateless revision upstream while its stdio side stays what desktop clients speak).
 * That the modern era answered is read from its request count.
 */
class ModernClientsIT extends ServerTestSupport {

	@Autowired
	private ModernHttpTransport modern;

	@Test
	void mcpRemoteInAutoModeListsAndCallsOverTheModernEra() throws Exception {
		long before = this.modern.requests();
		try (McpRemoteStdio remote = McpRemoteStdio.start(baseUrl() + "/mcp", ADMIN_TOKEN,
				List.of("--protocol", "auto"))) {
			JsonNode init = remote.initialize();
			assertThat(init.path("result").path("serverInfo").path("name").asString()).isEqualTo("smartermcp");
			remote.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{}}");
			JsonNode tools = remote.awaitResponse(2).path("result").path("tools");
			assertThat(tools).extracting((t) -> t.path("name").asString()).contains("docs_services");
			remote
				.send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"docs_services\","
						+ "\"arguments\":{\"service_id\":\"n8n\"}}}");
			JsonNode call = remote.awaitResponse(3).path("result");
			assertThat(call.path("isError").asBoolean(true)).as(call.toString()).isFalse();
			assertThat(call.path("structuredContent").path("service_id").asString()).isEqualTo("n8n");
		}
		// discover, tools/list and tools/call at least went to the 2026-07-28 server
		assertThat(this.modern.requests() - before).isGreaterThanOrEqualTo(3);
	}

	@Test
	void theTypeScriptSdk2ClientPinnedTo2026ListsAndCalls() {
		Path clients = NodeClients.clientsDir();
		long before = this.modern.requests();
		String out = NodeClients.run(clients,
				List.of(NodeClients.node().toString(), "sdk2-client.mjs", baseUrl(), ADMIN_TOKEN, "pin"),
				java.util.Map.of(), 120);
		JsonNode result = ToolJson.mapper().readTree(out.strip().lines().reduce((a, b) -> b).orElseThrow());
		assertThat(result.path("protocol").asString()).isEqualTo("2026-07-28");
		assertThat(result.path("tools")).extracting(JsonNode::asString).contains("docs_services");
		assertThat(result.path("call").path("isError").asBoolean(true)).isFalse();
		assertThat(result.path("call").path("serviceId").asString()).isEqualTo("n8n");
		assertThat(this.modern.requests() - before).isGreaterThanOrEqualTo(3);
	}

	@Test
	void theTypeScriptSdk2ClientInAutoModeFindsTheModernEra() {
		Path clients = NodeClients.clientsDir();
		String out = NodeClients.run(clients,
				List.of(NodeClients.node().toString(), "sdk2-client.mjs", baseUrl(), ADMIN_TOKEN, "auto"),
				java.util.Map.of(), 120);
		JsonNode result = ToolJson.mapper().readTree(out.strip().lines().reduce((a, b) -> b).orElseThrow());
		assertThat(result.path("protocol").asString()).as(out).isEqualTo("2026-07-28");
		assertThat(result.path("call").path("isError").asBoolean(true)).isFalse();
	}

}
