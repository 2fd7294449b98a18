package cl.smartercl.mcp.server.dispatch;

import java.util.Optional;

import tools.jackson.databind.JsonNode;

import cl.smartercl.mcp.core.auth.Principal;
import cl.smartercl.mcp.core.tool.Transport;
import cl.smartercl.mcp.core.error.ToolException;
import cl.smartercl.mcp.core.tool.ToolDefinition;

/**
 * A tool call refused before the interceptor chain ran: the name is not in the catalog,
 * or the caller's scopes do not allow the tool.
 *
 * @param toolName the name as the caller sent it
 * @param tool the tool, when the catalog knows the name
 * @param principal the caller
 * @param requestId the call's id
 * @param transport MCP or REST
 * @param arguments the raw arguments (an object, possibly empty); may hold secrets
 * @param reason why it was refused
 */
public record RefusedCall(String toolName, Optional<ToolDefinition<?, ?>> tool, Principal principal, String requestId,
		Transport transport, JsonNode arguments, ToolException reason) {
}
