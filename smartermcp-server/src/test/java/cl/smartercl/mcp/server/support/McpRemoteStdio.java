package cl.smartercl.mcp.server.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;

import cl.smartercl.mcp.core.schema.ToolJson;

/**
 * mcp-remote driven over its stdin/stdout exactly as Claude Desktop and Cline run it: the
 * token passed by {@code --header "Authorization: Bearer ${SMARTERMCP_API_TOKEN}"} with
 * the variable in its environment, its own configuration folder, stderr discarded.
 * Closing it stops the process.
 */
public final class McpRemoteStdio implements AutoCloseable {

	private static final Duration ANSWER_WITHIN = Duration.ofSeconds(60);

	private final Process process;

	private final Writer in;

	private final BlockingQueue<String> out = new LinkedBlockingQueue<>();

	private final List<JsonNode> requests = new CopyOnWriteArrayList<>();

	private Function<JsonNode, String> answerer;

	private McpRemoteStdio(Process process) {
		this.process = process;
		this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				lines.lines().forEach(this.out::add);
			}
			catch (IOException | UncheckedIOException ex) {
				// the process ended
			}
		}, "mcp-remote-stdout");
		reader.setDaemon(true);
		reader.start();
	}

	/**
	 * Starts mcp-remote (from {@link NodeClients#clientsDir()}) against {@code url} with
	 * the token and any extra arguments ({@code --transport sse-only},
	 * {@code --protocol auto}, ...).
	 */
	public static McpRemoteStdio start(String url, String token, List<String> extraArgs) throws IOException {
		Path clients = NodeClients.clientsDir();
		Path config = Files.createTempDirectory("mcp-remote-config");
		List<String> command = new ArrayList<>(List.of(NodeClients.node().toString(),
				clients.resolve("node_modules/mcp-remote/dist/proxy.js").toString(), url, "--header",
				"Authorization: Bearer ${SMARTERMCP_API_TOKEN}"));
		command.addAll(extraArgs);
		ProcessBuilder builder = new ProcessBuilder(command).directory(clients.toFile())
			.redirectError(ProcessBuilder.Redirect.DISCARD);
		builder.environment().put("SMARTERMCP_API_TOKEN", token);
		builder.environment().put("MCP_REMOTE_CONFIG_DIR", config.toString());
		return new McpRemoteStdio(builder.start());
	}

	/**
	 * Sends {@code initialize} (2025-06-18, as a desktop client does) and then
	 * {@code notifications/initialized}; returns the answer to {@code initialize}.
	 */
	public JsonNode initialize() throws Exception {
		return initialize("{}");
	}

	/**
	 * {@link #initialize()} declaring these client capabilities (JSON), e.g.
	 * {@code {"elicitation":{}}}.
	 */
	public JsonNode initialize(String capabilities) throws Exception {
		send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
				+ "\"capabilities\":" + capabilities
				+ ",\"clientInfo\":{\"name\":\"desktop-like\",\"version\":\"1\"}}}");
		JsonNode init = awaitResponse(1);
		send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
		return init;
	}

	/**
	 * Answers the requests mcp-remote passes on from the server
	 * ({@code elicitation/create}, ...) with the result {@code answerer} gives (JSON), as
	 * the desktop client's user would. Without one, such a request is answered -32601, as
	 * by a client that offers nothing. Either way it is kept in {@link #requests()}.
	 */
	public McpRemoteStdio answering(Function<JsonNode, String> answerer) {
		this.answerer = answerer;
		return this;
	}

	/** The requests mcp-remote passed on from the server so far. */
	public List<JsonNode> requests() {
		return List.copyOf(this.requests);
	}

	/**
	 * Sends request {@code id} ({@code params} as JSON) and returns the message answering
	 * it.
	 */
	public JsonNode request(int id, String method, String params) throws Exception {
		send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}");
		return awaitResponse(id);
	}

	/** Writes one JSON-RPC message as a line. */
	public void send(String line) throws IOException {
		this.in.write(line + "\n");
		this.in.flush();
	}

	/**
	 * The message answering request {@code id}, answering the server's requests that come
	 * first; fails the test after 60 s.
	 */
	public JsonNode awaitResponse(int id) throws IOException, InterruptedException {
		Instant deadline = Instant.now().plus(ANSWER_WITHIN);
		while (Instant.now().isBefore(deadline)) {
			String line = this.out.poll(1, TimeUnit.SECONDS);
			if (line == null || !line.startsWith("{")) {
				continue;
			}
			JsonNode message = ToolJson.mapper().readTree(line);
			if (message.has("method") && message.has("id")) {
				answer(message);
			}
			else if (message.path("id").asInt(-1) == id) {
				return message;
			}
		}
		throw new AssertionError("mcp-remote gave no response to request " + id + " within 60 s");
	}

	private void answer(JsonNode request) throws IOException {
		this.requests.add(request);
		String id = request.get("id").toString();
		send((this.answerer != null)
				? "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":" + this.answerer.apply(request) + "}"
				: "{\"jsonrpc\":\"2.0\",\"id\":" + id
						+ ",\"error\":{\"code\":-32601,\"message\":\"Method not found\"}}");
	}

	@Override
	public void close() throws InterruptedException {
		try {
			this.in.close();
		}
		catch (IOException ex) {
			// the process has gone already
		}
		this.process.destroy();
		if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

}
