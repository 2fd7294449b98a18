package cl.smartercl.mcp.core.tools.codegen;

import java.util.List;

import cl.smartercl.mcp.core.auth.Scope;
import cl.smartercl.mcp.core.tool.Category;
import cl.smartercl.mcp.core.tool.ToolDefinition;
import cl.smartercl.mcp.core.tool.ToolHints;

/** The three code generators. */
public final class CodegenTools {

	public static final ToolDefinition<GenerateN8nWorkflow.Input, GenerateN8nWorkflow.Output> GENERATE_N8N_WORKFLOW = new ToolDefinition<>(
			"generate_n8n_workflow", Category.CODEGEN,
			"Generate an n8n workflow from a plain description (schedules, webhooks, database writes, HTTP calls, "
					+ "S3, Slack, email); the result imports into n8n as is and can be passed to workflows_create.",
			Scope.READ_WORKFLOWS, ToolHints.computesLocally(), "codegen", GenerateN8nWorkflow.Input.class,
			GenerateN8nWorkflow.Output.class, (ctx, in) -> ctx.port(CodegenPort.class).n8nWorkflow(in, ctx.channel()));

	public static final ToolDefinition<GenerateBotpressSkill.Input, GenerateBotpressSkill.Output> GENERATE_BOTPRESS_SKILL = new ToolDefinition<>(
			"generate_botpress_skill", Category.CODEGEN,
			"Generate the source of a Botpress skill from a plain description.", Scope.READ_BOTS,
			ToolHints.computesLocally(), "codegen", GenerateBotpressSkill.Input.class,
			GenerateBotpressSkill.Output.class,
			(ctx, in) -> ctx.port(CodegenPort.class).botpressSkill(in, ctx.channel()));

	public static final ToolDefinition<GenerateApiClient.Input, GenerateApiClient.Output> GENERATE_API_CLIENT = new ToolDefinition<>(
			"generate_api_client", Category.CODEGEN,
			"Generate a typed API client (typescript, python, java or go) for a service from its API description.",
			Scope.READ_SERVICES, ToolHints.readsBackend(), "codegen", GenerateApiClient.Input.class,
			GenerateApiClient.Output.class, (ctx, in) -> ctx.port(CodegenPort.class).apiClient(in));

	private CodegenTools() {
	}

	public static List<ToolDefinition<?, ?>> all() {
		return List.of(GENERATE_N8N_WORKFLOW, GENERATE_BOTPRESS_SKILL, GENERATE_API_CLIENT);
	}

}
