package cl.smartercl.mcp.core.tools.codegen;

import reactor.core.publisher.Mono;

import cl.smartercl.mcp.core.tool.ClientChannel;

/**
 * The code generators. The channel lets a generator ask the MCP client's model
 * (sampling).
 */
public interface CodegenPort {

	Mono<GenerateN8nWorkflow.Output> n8nWorkflow(GenerateN8nWorkflow.Input input, ClientChannel channel);

	Mono<GenerateBotpressSkill.Output> botpressSkill(GenerateBotpressSkill.Input input, ClientChannel channel);

	Mono<GenerateApiClient.Output> apiClient(GenerateApiClient.Input input);

}
