package cl.smartercl.mcp.server.mcp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cl.smartercl.mcp.server.support.ServerTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What must hold for MCP whatever the transport, written once (as the java-sdk's own
 * transport suites are) and run per transport with the SDK's real client.
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

	/**
	 * The tools that need no configured backend: all a tenant without backends is shown.
	 */
	static final List<String> WITHOUT_BACKEND = List.of("docs_services", "docs_apis", "generate_n8n_workflow",
			"generate_botpress_skill", "generate_api_client");

	/**
	 * A tenant whose tenants-file entry configures n8n (never called here: listing builds
	 * the connector, it does not reach the backend).
	 */
	@DynamicPropertySource
	static void tenantWithN8n(DynamicPropertyRegistry registry) throws IOException {
		Path file = Files.createTempFile("smartermcp-mcp-suite", ".yaml");
		Files.writeString(file, """
				tenants:
				  wired:
				    backends:
				      n8n: { url: "http://127.0.0.1:9", api-key: "n8n-suite-key" }
				""");
		registry.add("smartermcp.tenants-file", file::toString);
	}

	@Test
	@SuppressWarnings("unchecked")
	void anAllScopesTokenSeesOnlyTheToolsItsTenantCanServeWithTheirHints() {
		try (McpSyncClient client = connect(ADMIN_TOKEN)) {
			List<McpSchema.Tool> tools = client.listTools().tools();
			assertThat(tools).extracting(McpSchema.Tool::name).containsExactlyElementsOf(WITHOUT_BACKEND);
			McpSchema.Tool generator = tools.stream()
				.filter((t) -> t.name().equals("generate_n8n_workflow"))
				.findFirst()
				.orElseThrow();
			assertThat(generator.annotations().readOnlyHint()).isTrue();
			assertThat(generator.annotations().destructiveHint()).isFalse();
			assertThat(generator.annotations().idempotentHint()).isTrue();
			assertThat(generator.annotations().openWorldHint()).isFalse();
			assertThat((List<Object>) generator.inputSchema().get("required")).contains("description");
			assertThat(generator.outputSchema()).containsKey("properties");
		}
	}

	@Test
	void eachTokenSeesItsOwnTenantsList() {
		String wired = issueToken(ADMIN_TOKEN, "wired", "wired-" + getClass().getSimpleName(),
				List.of("read:workflows", "write:workflows", "read:crm"));
		try (McpSyncClient client = connect(wired)) {
			assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
				.containsExactly("workflows_list", "workflows_trigger", "workflows_status", "workflows_create",
						"generate_n8n_workflow");
		}
		// the same scopes on the tenant without n8n: only the generator
		String bare = issueToken("bare-" + getClass().getSimpleName(), "read:workflows", "write:workflows", "read:crm");
		try (McpSyncClient client = connect(bare)) {
			assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
				.containsExactly("generate_n8n_workflow");
		}
	}

	@Test
	void aNarrowTokenSeesOnlyWhatItsScopesAllow() {
		String token = issueToken("reader-" + getClass().getSimpleName(), "read:services", "read:bots");
		try (McpSyncClient client = connect(token)) {
			assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
				.containsExactlyInAnyOrder("docs_services", "docs_apis", "generate_botpress_skill",
						"generate_api_client");
		}
	}

	@Test
	void aToolWhoseBackendIsNotConfiguredAnswersWithItsOwnCodeNamingTheKeyToAdd() {
		try (McpSyncClient client = connect(ADMIN_TOKEN)) {
			McpSchema.CallToolResult result = client
				.callTool(new McpSchema.CallToolRequest("workflows_list", Map.of()));
			assertThat(result.isError()).isTrue();
			assertThat(text(result)).isEqualTo("The n8n backend is not configured for this tenant: add backends.n8n "
					+ "to the tenants file (see docs/configuration.md)");
			assertThat(error(result)).containsEntry("code", "backend_not_configured")
				.containsEntry("status", 503)
				.containsEntry("retryable", false)
				.containsEntry("service", "n8n")
				.containsEntry("config_key", "backends.n8n");
		}
	}

	@Test
	void badArgumentsAndMissingScopesAreToolErrorsTheModelCanRead() {
		String token = issueToken("narrow-" + getClass().getSimpleName(), "read:services");
		try (McpSyncClient client = connect(token)) {
			McpSchema.CallToolResult unknownArgument = client
				.callTool(new McpSchema.CallToolRequest("generate_api_client", Map.of("service_id", "x", "line", 3)));
			assertThat(unknownArgument.isError()).isTrue();
			assertThat(text(unknownArgument)).contains("unknown argument 'line'")
				.contains("valid arguments: language, service_id");
			assertThat(error(unknownArgument)).containsEntry("code", "invalid_arguments")
				.containsEntry("argument", "line");

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
