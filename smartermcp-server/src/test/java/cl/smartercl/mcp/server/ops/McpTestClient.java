package cl.smartercl.mcp.server.ops;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * The MCP Java SDK's own client over Streamable HTTP, with a bearer token: a real MCP
 * caller.
 */
final class McpTestClient implements AutoCloseable {

	private final McpSyncClient client;

	McpTestClient(String baseUrl, String token) {
		HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(baseUrl)
			.endpoint("/mcp")
			.requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
			.build();
		this.client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).build();
		this.client.initialize();
	}

	McpSchema.CallToolResult call(String tool, Map<String, Object> arguments) {
		return this.client.callTool(new McpSchema.CallToolRequest(tool, arguments));
	}

	@Override
	public void close() {
		this.client.closeGracefully();
	}

}
