package cl.smartercl.mcp.server.mcp;

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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import cl.smartercl.mcp.core.schema.ToolJson;
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
		Path node = NodeClients.node();
		Path clients = NodeClients.clientsDir();
		long before = this.modern.requests();
		Path config = Files.createTempDirectory("mcp-remote-config");
		ProcessBuilder builder = new ProcessBuilder(node.toString(),
				clients.resolve("node_modules/mcp-remote/dist/proxy.js").toString(), baseUrl() + "/mcp", "--header",
				"Authorization: Bearer ${SMARTERMCP_API_TOKEN}", "--protocol", "auto")
			.directory(clients.toFile())
			.redirectError(ProcessBuilder.Redirect.DISCARD);
		builder.environment().put("SMARTERMCP_API_TOKEN", ADMIN_TOKEN);
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
			JsonNode tools = awaitResponse(out, 2).path("result").path("tools");
			assertThat(tools).extracting((t) -> t.path("name").asString()).contains("docs_services");
			send(in, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"docs_services\","
					+ "\"arguments\":{\"service_id\":\"n8n\"}}}");
			JsonNode call = awaitResponse(out, 3).path("result");
			assertThat(call.path("isError").asBoolean(true)).as(call.toString()).isFalse();
			assertThat(call.path("structuredContent").path("service_id").asString()).isEqualTo("n8n");
		}
		finally {
			process.destroy();
			if (!process.waitFor(5, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
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
