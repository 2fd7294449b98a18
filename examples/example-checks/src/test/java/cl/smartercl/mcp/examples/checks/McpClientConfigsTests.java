package cl.smartercl.mcp.examples.checks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Claude Desktop and Cline configurations start mcp-remote on /mcp with the bearer
 * header from env.
 */
class McpClientConfigsTests {

	@ParameterizedTest
	@ValueSource(strings = { "claude_desktop_config.json", "cline_mcp_settings.json" })
	void startsMcpRemoteWithTheBearerHeaderFedByEnv(String file) throws IOException {
		JsonNode server = new ObjectMapper()
			.readTree(RestContract.EXAMPLES.resolve("mcp-clients").resolve(file).toFile())
			.path("mcpServers")
			.path("smartermcp");
		assertThat(server.path("command").asText()).isEqualTo("npx");
		List<String> args = new ArrayList<>();
		server.path("args").forEach((arg) -> args.add(arg.asText()));
		assertThat(args).contains("mcp-remote");
		assertThat(args.get(args.indexOf("mcp-remote") + 1)).matches("https?://[^/]+/mcp");
		int header = args.indexOf("--header");
		assertThat(header).isPositive();
		assertThat(args.get(header + 1)).isEqualTo("Authorization: Bearer ${SMARTERMCP_API_TOKEN}");
		assertThat(server.path("env").path("SMARTERMCP_API_TOKEN").asText()).startsWith("smcp_");
	}

	@ParameterizedTest
	@ValueSource(strings = { "claude_desktop_config.json", "cline_mcp_settings.json" })
	void holdsNoRealLookingToken(String file) throws IOException {
		String token = new ObjectMapper().readTree(RestContract.EXAMPLES.resolve("mcp-clients").resolve(file).toFile())
			.path("mcpServers")
			.path("smartermcp")
			.path("env")
			.path("SMARTERMCP_API_TOKEN")
			.asText();
		assertThat(token).isEqualTo("smcp_replace_with_your_token");
	}

}
