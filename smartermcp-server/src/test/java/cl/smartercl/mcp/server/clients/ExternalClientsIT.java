package cl.smartercl.mcp.server.clients;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import cl.smartercl.mcp.core.schema.ToolJson;
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
		Path config = Files.createTempDirectory("mcp-remote-config");
		List<String> command = new java.util.ArrayList<>(
				List.of(node.toString(), clients.resolve("node_modules/mcp-remote/dist/proxy.js").toString(),
						baseUrl() + path, "--header", "Authorization: Bearer ${SMARTERMCP_API_TOKEN}"));
		command.addAll(extraArgs);
		ProcessBuilder builder = new ProcessBuilder(command).directory(clients.toFile())
			.redirectError(ProcessBuilder.Redirect.DISCARD);
		builder.environment().put("SMARTERMCP_API_TOKEN", token);
		builder.environment().put("MCP_REMOTE_CONFIG_DIR", config.toString());
		Process process = builder.start();
		BlockingQueue<String> out = new LinkedBlockingQueue<>();
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				lines.lines().forEach(out::add);
			}
			catch (java.io.IOException | java.io.UncheckedIOException ex) {
				// the process ended
			}
		}, "mcp-remote-stdout");
		reader.setDaemon(true);
		reader.start();
		try (Writer in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
			send(in, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
					+ "\"capabilities\":{},\"clientInfo\":{\"name\":\"desktop-like\",\"version\":\"1\"}}}");
			JsonNode init = awaitResponse(out, 1);
			assertThat(init.path("result").path("serverInfo").path("name").asString()).isEqualTo("smartermcp");
			send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
			send(in, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{}}");
			return awaitResponse(out, 2).path("result").path("tools").size();
		}
		finally {
			process.destroy();
			if (!process.waitFor(5, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
	}

	private static void send(Writer in, String line) throws Exception {
		in.write(line + "\n");
		in.flush();
	}

	private static JsonNode awaitResponse(BlockingQueue<String> out, int id) throws Exception {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
		while (Instant.now().isBefore(deadline)) {
			String line = out.poll(1, TimeUnit.SECONDS);
			if (line == null || !line.startsWith("{")) {
				continue;
			}
			JsonNode message = ToolJson.mapper().readTree(line);
			if (message.path("id").asInt(-1) == id) {
				return message;
			}
		}
		throw new AssertionError("mcp-remote gave no response to request " + id + " within 60 s");
	}

}
