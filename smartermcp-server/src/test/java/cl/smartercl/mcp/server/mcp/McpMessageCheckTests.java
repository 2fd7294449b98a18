package cl.smartercl.mcp.server.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import cl.smartercl.mcp.core.schema.ToolJson;

import static org.assertj.core.api.Assertions.assertThat;

class McpMessageCheckTests {

	private static final McpJsonMapper MAPPER = new JacksonMcpJsonMapper(JsonMapper.builder().build());

	private static McpMessageCheck.Rejection rejected(String message) {
		return McpMessageCheck.check(ToolJson.mapper().readTree(message), MAPPER).orElseThrow();
	}

	private static boolean passes(String message) {
		return McpMessageCheck.check(ToolJson.mapper().readTree(message), MAPPER).isEmpty();
	}

	@Test
	void resourceReadsAndPromptGetsNeedTheirNameOrUriAsAString() {
		assertThat(passes("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"resources/read\","
				+ "\"params\":{\"uri\":\"smartermcp://docs/index\"}}"))
			.isTrue();
		assertThat(passes("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"prompts/get\","
				+ "\"params\":{\"name\":\"create_backup_workflow\",\"arguments\":{\"database\":\"x\"}}}"))
			.isTrue();
		assertThat(passes("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"prompts/list\"}")).isTrue();

		McpMessageCheck.Rejection noUri = rejected(
				"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"resources/read\",\"params\":{}}");
		assertThat(noUri.code()).isEqualTo(-32602);
		assertThat(noUri.message()).contains("'uri'");
		assertThat(
				rejected("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"prompts/get\",\"params\":{\"name\":7}}").message())
			.contains("'name', a string");
		McpMessageCheck.Rejection badArguments = rejected("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"prompts/get\","
				+ "\"params\":{\"name\":\"x\",\"arguments\":[1]}}");
		assertThat(badArguments.code()).isEqualTo(-32602);
		assertThat(badArguments.message()).doesNotContain("McpSchema").doesNotContain("tools.jackson");
	}

}
