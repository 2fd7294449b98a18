package cl.smartercl.mcp.server.mcp;

import java.util.List;

import io.modelcontextprotocol.modern.McpHttp;
import io.modelcontextprotocol.modern.McpSchema;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;

/**
 * Which revision of MCP a POST to {@code /mcp} speaks. The 2026-07-28 revision is stateless: every
 * request carries its protocol version in {@code params._meta} and its method (and name) in the
 * {@code Mcp-Method} / {@code Mcp-Name} headers, and a client opens with {@code server/discover}
 * instead of {@code initialize}. None of these exist in the 2025 revisions, so any one of them marks
 * the request as modern; everything else (initialize, session traffic) is the 2025 era.
 */
final class ModernEra {

	/** The revisions the modern server answers. */
	static final List<String> VERSIONS = List.of(McpSchema.LATEST_PROTOCOL_VERSION);

	private ModernEra() {
	}

	/**
	 * @param headers the request's headers
	 * @param message the body as a JSON tree (may be anything a client sent)
	 */
	static boolean claims(HttpHeaders headers, JsonNode message) {
		if (headers.containsHeader(McpHttp.Headers.MCP_METHOD) || headers.containsHeader(McpHttp.Headers.MCP_NAME)) {
			return true;
		}
		String version = headers.getFirst(McpHttp.Headers.MCP_PROTOCOL_VERSION);
		if (version != null && VERSIONS.contains(version)) {
			return true;
		}
		if (message == null || !message.isObject()) {
			return false;
		}
		if (McpSchema.METHOD_SERVER_DISCOVER.equals(message.path("method").asString(null))) {
			return true;
		}
		JsonNode meta = message.path("params").path("_meta");
		return meta.isObject() && meta.has(McpSchema.MetaKeys.PROTOCOL_VERSION);
	}

}
