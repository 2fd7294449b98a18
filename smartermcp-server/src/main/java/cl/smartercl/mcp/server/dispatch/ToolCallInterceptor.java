package cl.smartercl.mcp.server.dispatch;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import cl.smartercl.mcp.core.tool.ToolDefinition;

/**
 * A cross-cutting step around every tool call, MCP or REST: rate limits, metrics, audit,
 * resilience. Interceptors run in their {@code @Order}, outermost first, around argument
 * binding and the handler, so they see every outcome including invalid arguments. A call
 * refused before the chain (an unknown tool, a scope the caller lacks) is shown to
 * {@link #refused(RefusedCall)} instead, so that metrics and the audit trail count it
 * too.
 */
public interface ToolCallInterceptor {

	/**
	 * @param call the call
	 * @param next the rest of the chain; subscribe to it at most once, or not at all to
	 * refuse the call
	 * @return the tool's JSON result, or an error (a {@code ToolException})
	 */
	Mono<JsonNode> intercept(ToolCall call, Mono<JsonNode> next);

	/**
	 * Whether calls of {@code tool} pass through this interceptor at all; when not, the
	 * dispatcher leaves it out of the call's chain (one operator fewer per call), exactly
	 * as if {@link #intercept} returned {@code next} unchanged. Refusals are shown to
	 * {@link #refused} whatever this says.
	 */
	default boolean appliesTo(ToolDefinition<?, ?> tool) {
		return true;
	}

	/**
	 * Observes a call refused before the chain ran. The call fails with
	 * {@code call.reason()} whatever this returns; an error here is logged and otherwise
	 * ignored.
	 */
	default Mono<Void> refused(RefusedCall call) {
		return Mono.empty();
	}

}
