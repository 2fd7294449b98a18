package cl.smartercl.mcp.server.mcp;

import java.util.List;

import io.modelcontextprotocol.modern.McpHttp;
import io.modelcontextprotocol.modern.McpSchema;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;

/**
 * Which revision of MCP a POST to {@code /mcp} speaks. The 2026-07-28 revision is
 * stateless: every request carries its protocol version in {@code params._meta} and a
 * client opens with {@code server/discover} instead of {@code initialize}; neither exists
 * in the 2025 revisions, so either marks the request as modern, as does
 * {@code MCP-Protocol-Version: 2026-07-28}.
 * <p>
 * The {@code Mcp-Method} / {@code Mcp-Name} headers are weaker: clients on the 2025
 * revisions send them too (mcp-remote 0.15.1 mirrors them onto every POST,
 * {@code initialize} included). So they mark a request as modern only when nothing says
 * 2025: no {@code Mcp-Session-Id}, no 2025 {@code MCP-Protocol-Version}, and not
 * {@code initialize} or a notification. Everything else (initialize, session traffic) is
 * the 2025 era.
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
		String version = headers.getFirst(McpHttp.Headers.MCP_PROTOCOL_VERSION);
		if (version != null && VERSIONS.contains(version)) {
			return true;
		}
		boolean object = message != null && message.isObject();
		String method = object ? message.path("method").asString(null) : null;
		if (McpSchema.METHOD_SERVER_DISCOVER.equals(method)) {
			return true;
		}
		JsonNode meta = object ? message.path("params").path("_meta") : null;
		if (meta != null && meta.isObject() && meta.has(McpSchema.MetaKeys.PROTOCOL_VERSION)) {
			return true;
		}
		boolean said2025 = headers.containsHeader(io.modelcontextprotocol.spec.HttpHeaders.MCP_SESSION_ID)
				|| version != null || McpSchema.METHOD_INITIALIZE.equals(method) || (object && !message.has("id"));
		return !said2025 && (headers.containsHeader(McpHttp.Headers.MCP_METHOD)
				|| headers.containsHeader(McpHttp.Headers.MCP_NAME));
	}

}
