package cl.smartercl.mcp.server.clients;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import cl.smartercl.mcp.core.schema.ToolJson;
import cl.smartercl.mcp.server.support.McpRemoteStdio;
import cl.smartercl.mcp.server.support.NodeClients;
import cl.smartercl.mcp.server.support.ServerTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real clients from outside the JVM: the official TypeScript SDK over both transports,
 * and mcp-remote driven over stdio exactly as Claude Desktop and Cline run it, with the
 * token passed by {@code --header "Authorization: Bearer ${SMARTERMCP_API_TOKEN}"}.
 */
class ExternalClientsIT extends ServerTestSupport {

	private static Path clients;

	private static Path node;

	/**
	 * docs_services, docs_apis and the three generators: what a tenant without backends
	 * is served.
	 */
	private static final int SERVED_WITHOUT_BACKENDS = 5;

	@BeforeAll
	static void installClients() {
		node = NodeClients.node();
		clients = NodeClients.clientsDir();
	}

	@Test
	void theTypeScriptSdkListsAndCallsOverStreamableHttp() {
		JsonNode result = sdk("streamable");
		assertThat(result.path("server").asString()).isEqualTo("smartermcp");
		// the test tenant configures no backend: the five tools that need none
		assertThat(result.path("tools")).hasSize(SERVED_WITHOUT_BACKENDS);
		assertThat(result.path("call").path("isError").asBoolean()).isTrue();
		assertThat(result.path("call").path("text").asString()).startsWith("The n8n backend is not configured");
		assertThat(result.path("call").path("error").path("code").asString()).isEqualTo("backend_not_configured");
	}

	@Test
	void theTypeScriptSdkListsOverTheLegacySseTransport() {
		JsonNode result = sdk("sse");
		assertThat(result.path("tools")).hasSize(SERVED_WITHOUT_BACKENDS);
		assertThat(result.path("call").path("isError").asBoolean()).isTrue();
	}

	@Test
	void mcpRemoteOverStdioListsTheToolsOfStreamableHttp() throws Exception {
		assertThat(mcpRemoteToolCount("/mcp", List.of())).isEqualTo(SERVED_WITHOUT_BACKENDS);
	}

	@Test
	void mcpRemoteOverStdioListsTheToolsOfTheLegacySseEndpoint() throws Exception {
		assertThat(mcpRemoteToolCount("/sse", List.of("--transport", "sse-only"))).isEqualTo(SERVED_WITHOUT_BACKENDS);
	}

	@Test
	void mcpRemoteSeesOnlyTheToolsOfANarrowToken() throws Exception {
		// read:services on a tenant without backends: docs_services, docs_apis and
		// generate_api_client
		String token = issueToken("mcp-remote-narrow", "read:services");
		assertThat(mcpRemoteToolCount("/mcp", List.of(), token)).isEqualTo(3);
	}

	private JsonNode sdk(String transport) {
		String out = NodeClients.run(clients,
				List.of(node.toString(), "sdk-client.mjs", baseUrl(), transport, ADMIN_TOKEN), Map.of(), 120);
		String[] lines = out.strip().split("\n");
		return ToolJson.mapper().readTree(lines[lines.length - 1]);
	}

	private int mcpRemoteToolCount(String path, List<String> extraArgs) throws Exception {
		return mcpRemoteToolCount(path, extraArgs, ADMIN_TOKEN);
	}

	/**
	 * Speaks MCP over mcp-remote's stdin/stdout, as a desktop client does, and counts the
	 * listed tools.
	 */
	private int mcpRemoteToolCount(String path, List<String> extraArgs, String token) throws Exception {
		try (McpRemoteStdio remote = McpRemoteStdio.start(baseUrl() + path, token, extraArgs)) {
			JsonNode init = remote.initialize();
			assertThat(init.path("result").path("serverInfo").path("name").asString()).isEqualTo("smartermcp");
			remote.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{}}");
			return remote.awaitResponse(2).path("result").path("tools").size();
		}
	}

}
