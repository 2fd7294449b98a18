package cl.smartercl.mcp.server.mcp;

import io.modelcontextprotocol.client.McpSyncClient;

/** The MCP suite over Streamable HTTP at {@code /mcp}. */
class StreamableHttpMcpIT extends McpTransportSuite {

	@Override
	protected McpSyncClient connect(String token) {
		return mcpClient(token);
	}

}
