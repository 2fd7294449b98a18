package cl.smartercl.mcp.server.mcp;

import java.net.http.HttpRequest;
import java.time.Duration;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;

/** The MCP suite over the legacy HTTP+SSE transport at {@code /sse}. */
class LegacySseMcpIT extends McpTransportSuite {

	@Override
	protected McpSyncClient connect(String token) {
		HttpClientSseClientTransport transport = HttpClientSseClientTransport.builder(baseUrl())
			.sseEndpoint("/sse")
			.requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
			.build();
		McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build();
		client.initialize();
		return client;
	}

}
