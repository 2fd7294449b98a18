package cl.smartercl.mcp.core.tool;

import reactor.core.publisher.Mono;

/**
 * The behaviour of a tool: typed input in, typed output out. Failures are
 * {@code ToolException}s, signalled or thrown.
 */
@FunctionalInterface
public interface ToolHandler<I, O> {

	Mono<O> handle(ToolContext context, I input);

}
