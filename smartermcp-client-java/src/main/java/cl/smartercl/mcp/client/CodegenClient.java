package cl.smartercl.mcp.client;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import cl.smartercl.mcp.client.generated.ApiClient;
import cl.smartercl.mcp.client.generated.api.CodegenApi;
import cl.smartercl.mcp.client.model.GenerateApiClientInput;
import cl.smartercl.mcp.client.model.GenerateApiClientLanguage;
import cl.smartercl.mcp.client.model.GenerateApiClientOutput;
import cl.smartercl.mcp.client.model.GenerateBotpressSkillInput;
import cl.smartercl.mcp.client.model.GenerateBotpressSkillOutput;
import cl.smartercl.mcp.client.model.GenerateN8nWorkflowInput;
import cl.smartercl.mcp.client.model.GenerateN8nWorkflowOutput;

/**
 * The generators:
 * {@code generate_n8n_workflow, generate_botpress_skill, generate_api_client}.
 */
public final class CodegenClient {

	private final CodegenApi api;

	private final Calls calls;

	CodegenClient(ApiClient client, Calls calls) {
		this.api = new CodegenApi(client);
		this.calls = calls;
	}

	/**
	 * An n8n workflow for {@code description}, ready for {@code workflows().create(...)}.
	 */
	public GenerateN8nWorkflowOutput n8nWorkflow(String description, List<String> services) {
		return Calls.await(n8nWorkflowAsync(description, services));
	}

	public CompletableFuture<GenerateN8nWorkflowOutput> n8nWorkflowAsync(String description, List<String> services) {
		GenerateN8nWorkflowInput input = new GenerateN8nWorkflowInput().description(description)
			.services(List.copyOf(services));
		return this.calls.tool("generate_n8n_workflow", () -> this.api.generateN8nWorkflow(input, Calls.NO_LOG_LEVEL));
	}

	public GenerateBotpressSkillOutput botpressSkill(String description) {
		return Calls.await(botpressSkillAsync(description));
	}

	public CompletableFuture<GenerateBotpressSkillOutput> botpressSkillAsync(String description) {
		GenerateBotpressSkillInput input = new GenerateBotpressSkillInput().description(description);
		return this.calls.tool("generate_botpress_skill",
				() -> this.api.generateBotpressSkill(input, Calls.NO_LOG_LEVEL));
	}

	public GenerateApiClientOutput apiClient(String serviceId, GenerateApiClientLanguage language) {
		return Calls.await(apiClientAsync(serviceId, language));
	}

	public CompletableFuture<GenerateApiClientOutput> apiClientAsync(String serviceId,
			GenerateApiClientLanguage language) {
		GenerateApiClientInput input = new GenerateApiClientInput().serviceId(serviceId).language(language);
		return this.calls.tool("generate_api_client", () -> this.api.generateApiClient(input, Calls.NO_LOG_LEVEL));
	}

}
