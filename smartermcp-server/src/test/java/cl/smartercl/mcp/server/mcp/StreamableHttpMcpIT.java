package cl.smartercl.mcp.server.mcp;

import java.net.http.HttpRequest;
import java.time.Duration;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;

/** The MCP suite over Streamable HTTP at {@code /mcp}. */
class StreamableHttpMcpIT extends McpTransportSuite {

	@Override
	protected McpSyncClient connect(String token) {
		HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(baseUrl())
			.endpoint("/mcp")
			.requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
			.build();
		McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build();
		client.initialize();
		return client;
	}

}
