package cl.smartercl.mcp.connectors.codegen;

import java.util.function.Supplier;

import reactor.core.publisher.Mono;

import cl.smartercl.mcp.core.tool.ClientChannel;
import cl.smartercl.mcp.core.tools.codegen.CodegenPort;
import cl.smartercl.mcp.core.tools.codegen.GenerateApiClient;
import cl.smartercl.mcp.core.tools.codegen.GenerateBotpressSkill;
import cl.smartercl.mcp.core.tools.codegen.GenerateN8nWorkflow;

/** The codegen port of one tenant: each generator does its own tool. */
final class CodegenService implements CodegenPort {

	private final N8nWorkflowGenerator workflows;

	private final BotpressSkillGenerator skills;

	private final Supplier<ApiClientGenerator> apiClients;

	CodegenService(N8nWorkflowGenerator workflows, BotpressSkillGenerator skills,
			Supplier<ApiClientGenerator> apiClients) {
		this.workflows = workflows;
		this.skills = skills;
		this.apiClients = apiClients;
	}

	@Override
	public Mono<GenerateN8nWorkflow.Output> n8nWorkflow(GenerateN8nWorkflow.Input input, ClientChannel channel) {
		return this.workflows.generate(input, channel);
	}

	@Override
	public Mono<GenerateBotpressSkill.Output> botpressSkill(GenerateBotpressSkill.Input input, ClientChannel channel) {
		return this.skills.generate(input, channel);
	}

	@Override
	public Mono<GenerateApiClient.Output> apiClient(GenerateApiClient.Input input) {
		return Mono.defer(() -> this.apiClients.get().generate(input));
	}

}
