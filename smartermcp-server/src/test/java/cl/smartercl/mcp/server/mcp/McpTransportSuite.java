package cl.smartercl.mcp.server.mcp;

import java.util.List;
import java.util.Map;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;

import cl.smartercl.mcp.core.tool.Catalog;
import cl.smartercl.mcp.server.support.ServerTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What must hold for MCP whatever the transport, written once (as the java-sdk's own transport suites
 * are) and run per transport with the SDK's real client.
 */
abstract class McpTransportSuite extends ServerTestSupport {

	/** A connected, initialized client of this transport for the token. */
	protected abstract McpSyncClient connect(String token);

	@Test
	void initializeNamesTheServerAndOffersTools() {
		try (McpSyncClient client = connect(ADMIN_TOKEN)) {
			McpSchema.InitializeResult init = client.getCurrentInitializationResult();
			assertThat(init.serverInfo().name()).isEqualTo("smartermcp");
			assertThat(init.capabilities().tools()).isNotNull();
			assertThat(init.instructions()).contains("SmarterMCP");
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void anAllScopesTokenSeesAll35ToolsWithTheirHints() {
		try (McpSyncClient client = connect(ADMIN_TOKEN)) {
			List<McpSchema.Tool> tools = client.listTools().tools();
			assertThat(tools).hasSize(35);
			assertThat(tools).extracting(McpSchema.Tool::name)
				.containsExactlyInAnyOrderElementsOf(Catalog.standard().tools().stream().map((t) -> t.name()).toList());
			McpSchema.Tool deploy = tools.stream().filter((t) -> t.name().equals("services_deploy")).findFirst().orElseThrow();
			assertThat(deploy.annotations().readOnlyHint()).isFalse();
			assertThat(deploy.annotations().destructiveHint()).isTrue();
			assertThat(deploy.annotations().idempotentHint()).isFalse();
			assertThat(deploy.annotations().openWorldHint()).isTrue();
			assertThat((List<Object>) deploy.inputSchema().get("required")).containsExactly("service_id");
			assertThat(deploy.outputSchema()).containsKey("properties");
		}
	}

	@Test
	void aNarrowTokenSeesOnlyWhatItsScopesAllow() {
		String token = issueToken("reader-" + getClass().getSimpleName(), "read:crm", "write:workflows");
		try (McpSyncClient client = connect(token)) {
			assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
				.containsExactlyInAnyOrder("crm_contacts_list", "crm_contacts_search", "crm_opportunities_list",
						"crm_pipeline_status", "workflows_list", "workflows_trigger", "workflows_status",
						"workflows_create", "generate_n8n_workflow");
		}
	}

	@Test
	void aToolWhoseBackendIsNotConfiguredAnswersWithTheTypedError() {
		try (McpSyncClient client = connect(ADMIN_TOKEN)) {
			McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("workflows_list", Map.of()));
			assertThat(result.isError()).isTrue();
			assertThat(text(result)).isEqualTo(
					"Service 'n8n' is currently unavailable: the n8n backend is not configured for this tenant");
			assertThat(error(result)).containsEntry("code", "service_unavailable")
				.containsEntry("status", 503)
				.containsEntry("service", "n8n");
		}
	}

	@Test
	void badArgumentsAndMissingScopesAreToolErrorsTheModelCanRead() {
		String token = issueToken("narrow-" + getClass().getSimpleName(), "read:services");
		try (McpSyncClient client = connect(token)) {
			McpSchema.CallToolResult unknownArgument = client
				.callTool(new McpSchema.CallToolRequest("services_logs", Map.of("service_id", "x", "line", 3)));
			assertThat(unknownArgument.isError()).isTrue();
			assertThat(text(unknownArgument)).contains("unknown argument 'line'").contains("valid arguments: follow, lines, service_id");
			assertThat(error(unknownArgument)).containsEntry("code", "invalid_arguments").containsEntry("argument", "line");

			McpSchema.CallToolResult forbidden = client
				.callTool(new McpSchema.CallToolRequest("services_restart", Map.of("service_id", "x")));
			assertThat(forbidden.isError()).isTrue();
			assertThat(text(forbidden)).contains("write:services");
			assertThat(error(forbidden)).containsEntry("code", "forbidden");
		}
	}

	@Test
	void anUnknownToolIsAProtocolError() {
		try (McpSyncClient client = connect(ADMIN_TOKEN)) {
			org.assertj.core.api.Assertions
				.assertThatThrownBy(() -> client.callTool(new McpSchema.CallToolRequest("no_such_tool", Map.of())))
				.hasMessageContaining("Unknown tool");
		}
	}

	static String text(McpSchema.CallToolResult result) {
		return ((McpSchema.TextContent) result.content().get(0)).text();
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> error(McpSchema.CallToolResult result) {
		return (Map<String, Object>) ((Map<String, Object>) result.structuredContent()).get("error");
	}

}
