package cl.smartercl.mcp.server.dispatch;

import tools.jackson.databind.JsonNode;

import cl.smartercl.mcp.core.auth.Principal;
import cl.smartercl.mcp.core.tool.Transport;
import cl.smartercl.mcp.core.tool.ToolDefinition;

/**
 * One resolved, authorised tool call on its way through the dispatcher.
 *
 * @param tool the tool
 * @param principal the caller
 * @param requestId the call's id (logs, audit, problem responses)
 * @param transport MCP or REST
 * @param arguments the raw arguments (an object, possibly empty); may hold secrets, so
 * audit must redact
 * @param metadata what interceptors tell the transport about the call (REST headers)
 */
public record ToolCall(ToolDefinition<?, ?> tool, Principal principal, String requestId, Transport transport,
		JsonNode arguments, CallMetadata metadata) {
}
