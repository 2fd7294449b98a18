package cl.smartercl.mcp.server.mcp;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import cl.smartercl.mcp.core.auth.Principal;
import cl.smartercl.mcp.core.error.ToolException;

/**
 * Puts on record (audit trail, metrics) a {@code tools/call} the transport refused before
 * the SDK saw it, e.g. for arguments that are not an object. Never fails: a record that
 * cannot be stored is logged.
 */
@FunctionalInterface
public interface RefusalRecorder {

	RefusalRecorder NONE = (principal, tool, arguments, requestId, reason) -> Mono.empty();

	Mono<Void> record(Principal principal, String tool, JsonNode arguments, String requestId, ToolException reason);

}
