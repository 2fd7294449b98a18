package cl.smartercl.mcp.server.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.modern.client.transport.HttpClientMcpTransport;
import io.modelcontextprotocol.modern.client.transport.McpHttpRequestCustomizer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cl.smartercl.mcp.core.schema.ToolJson;
import cl.smartercl.mcp.server.SmarterMcpApplication;

/**
 * A real server on a random port with its embedded store in a fresh folder, the bootstrap
 * admin token set, and plain HTTP helpers. Tests talk to it over the network like any
 * client.
 */
@SpringBootTest(classes = SmarterMcpApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ServerTestSupport {

	/**
	 * The bootstrap admin token of every test server (tenant {@code default}, every
	 * scope).
	 */
	public static final String ADMIN_TOKEN = "smcp_test_admin_0123456789abcdefghijklmnopqrstuvwxyz";

	/** The 2026-07-28 revision of MCP, which {@link #modern} speaks. */
	protected static final String MODERN = "2026-07-28";

	protected static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	protected int port;

	@DynamicPropertySource
	static void serverProperties(DynamicPropertyRegistry registry) throws IOException {
		Path data = Files.createTempDirectory("smartermcp-test-data");
		registry.add("smartermcp.data-dir", data::toString);
		registry.add("smartermcp.admin-token", () -> ADMIN_TOKEN);
		// the same catalog on a machine with a Docker socket as without one
		registry.add("smartermcp.local-docker", () -> "false");
	}

	/** A client of the Streamable HTTP transport for the token, initialized. */
	protected McpSyncClient mcpClient(String token) {
		return mcpClient(token, McpClient.sync(streamableTransport(token)));
	}

	protected McpSyncClient mcpClient(String token, McpClient.SyncSpec spec) {
		McpSyncClient client = spec.requestTimeout(Duration.ofSeconds(60)).build();
		client.initialize();
		return client;
	}

	protected HttpClientStreamableHttpTransport streamableTransport(String token) {
		return HttpClientStreamableHttpTransport.builder(baseUrl())
			.endpoint("/mcp")
			.requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
			.build();
	}

	/**
	 * The Java SDK's client of the 2026-07-28 revision (mcp-core 2.2.0,
	 * {@code io.modelcontextprotocol.modern.client}) for the token, to be built.
	 */
	protected io.modelcontextprotocol.modern.client.McpClient.SyncBuilder modernClient(String token) {
		return io.modelcontextprotocol.modern.client.McpClient.sync(HttpClientMcpTransport.builder(baseUrl() + "/mcp")
			.requestCustomizer(McpHttpRequestCustomizer
				.fromSync((request, headers, context) -> headers.set("Authorization", "Bearer " + token)))
			.build());
	}

	protected String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	/**
	 * Issues a token of the caller's (default: the admin's) tenant with the given scopes.
	 */
	protected String issueToken(String name, String... scopes) {
		return issueToken(ADMIN_TOKEN, null, name, List.of(scopes));
	}

	protected String issueToken(String adminToken, String tenantId, String name, List<String> scopes) {
		Map<String, Object> body = (tenantId == null) ? Map.of("name", name, "scopes", scopes)
				: Map.of("name", name, "scopes", scopes, "tenant_id", tenantId);
		Response response = post("/auth/token", adminToken, ToolJson.mapper().writeValueAsString(body));
		if (response.status() != 201) {
			throw new IllegalStateException("token issue failed: " + response);
		}
		return response.json().path("api_token").asString();
	}

	protected void createTenant(String id) {
		Response response = post("/tenants", ADMIN_TOKEN, "{\"id\":\"" + id + "\"}");
		if (response.status() != 201) {
			throw new IllegalStateException("tenant create failed: " + response);
		}
	}

	/**
	 * One MCP 2026-07-28 request to {@code /mcp} in raw HTTP, with what the revision asks
	 * for: the protocol version, the client's capabilities and its name in
	 * {@code params._meta} (added to a {@code _meta} already in {@code params}), the
	 * {@code Mcp-Method}, {@code MCP-Protocol-Version} and {@code Mcp-Name} headers, and
	 * {@code Accept} of JSON and event streams. {@code headers} (name, value, …) replace
	 * any of them.
	 */
	protected Response modern(String token, String method, ObjectNode params, ObjectNode capabilities,
			String... headers) {
		ObjectNode meta = (params.get("_meta") instanceof ObjectNode given) ? given : params.putObject("_meta");
		meta.put("io.modelcontextprotocol/protocolVersion", MODERN);
		meta.set("io.modelcontextprotocol/clientCapabilities", capabilities);
		meta.putObject("io.modelcontextprotocol/clientInfo").put("name", "raw").put("version", "1");
		ObjectNode body = ToolJson.mapper().createObjectNode().put("jsonrpc", "2.0").put("id", 7).put("method", method);
		body.set("params", params);
		HttpRequest.Builder builder = request("/mcp", token).header("Content-Type", "application/json")
			.header("Accept", "application/json, text/event-stream")
			.header("Mcp-Method", method)
			.header("MCP-Protocol-Version", MODERN);
		if (params.has("name")) {
			builder.header("Mcp-Name", params.path("name").asString());
		}
		else if (params.has("uri")) {
			builder.header("Mcp-Name", params.path("uri").asString());
		}
		for (int i = 0; i < headers.length; i += 2) {
			builder.setHeader(headers[i], headers[i + 1]);
		}
		return send(builder.POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
	}

	protected Response get(String path, String token) {
		return send(request(path, token).GET().build());
	}

	protected Response post(String path, String token, String body) {
		return send(request(path, token).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	protected Response delete(String path, String token) {
		return send(request(path, token).DELETE().build());
	}

	protected HttpRequest.Builder request(String path, String token) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl() + path))
			.timeout(Duration.ofSeconds(30));
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		return builder;
	}

	protected static Response send(HttpRequest request) {
		try {
			HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers().map(), response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A response as the client saw it. */
	public record Response(int status, Map<String, List<String>> headers, String body) {

		public JsonNode json() {
			return ToolJson.mapper().readTree(this.body);
		}

		/**
		 * Whether the body is an event stream ({@code Content-Type: text/event-stream}).
		 */
		public boolean streamed() {
			String type = header("Content-Type");
			return type != null && type.startsWith("text/event-stream");
		}

		/**
		 * The JSON-RPC messages of the body: each event's data when it is an event stream
		 * (notifications first, the response last), the body itself otherwise.
		 */
		public List<JsonNode> messages() {
			if (!streamed()) {
				return List.of(json());
			}
			List<JsonNode> messages = new ArrayList<>();
			StringBuilder data = new StringBuilder();
			for (String line : (this.body + "\n").split("\r?\n", -1)) {
				if (line.startsWith("data:")) {
					data.append((data.length() > 0) ? "\n" : "").append(line.substring(5).stripLeading());
				}
				else if (line.isEmpty() && data.length() > 0) {
					messages.add(ToolJson.mapper().readTree(data.toString()));
					data.setLength(0);
				}
			}
			return messages;
		}

		/** The JSON-RPC response: the last of {@link #messages()}. */
		public JsonNode rpc() {
			List<JsonNode> messages = messages();
			return messages.get(messages.size() - 1);
		}

		public String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((e) -> e.getKey().equalsIgnoreCase(name))
				.map((e) -> e.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

	}

}
