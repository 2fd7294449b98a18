package cl.smartercl.mcp.client;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import cl.smartercl.mcp.client.generated.ApiClient;
import cl.smartercl.mcp.client.generated.api.WorkflowsApi;
import cl.smartercl.mcp.client.model.WorkflowsCreateInput;
import cl.smartercl.mcp.client.model.WorkflowsCreateOutput;
import cl.smartercl.mcp.client.model.WorkflowsListInput;
import cl.smartercl.mcp.client.model.WorkflowsListOutput;
import cl.smartercl.mcp.client.model.WorkflowsStatusInput;
import cl.smartercl.mcp.client.model.WorkflowsStatusOutput;
import cl.smartercl.mcp.client.model.WorkflowsTriggerInput;
import cl.smartercl.mcp.client.model.WorkflowsTriggerOutput;

/**
 * The n8n tools:
 * {@code workflows_list, workflows_trigger, workflows_status, workflows_create}.
 */
public final class WorkflowsClient {

	private final WorkflowsApi api;

	private final Calls calls;

	WorkflowsClient(ApiClient client, Calls calls) {
		this.api = new WorkflowsApi(client);
		this.calls = calls;
	}

	public WorkflowsListOutput list() {
		return list(new WorkflowsListInput());
	}

	/** Only active (or only inactive) workflows. */
	public WorkflowsListOutput list(boolean active) {
		return list(new WorkflowsListInput().active(active));
	}

	public WorkflowsListOutput list(WorkflowsListInput input) {
		return Calls.await(listAsync(input));
	}

	public CompletableFuture<WorkflowsListOutput> listAsync(WorkflowsListInput input) {
		return this.calls.tool("workflows_list", () -> this.api.workflowsList(input, Calls.NO_LOG_LEVEL));
	}

	/**
	 * Triggers the workflow's webhook with {@code inputData} (free-form JSON: maps,
	 * lists, strings, numbers) and returns the execution id.
	 */
	public WorkflowsTriggerOutput trigger(String workflowId, Map<String, ?> inputData) {
		return Calls.await(triggerAsync(workflowId, inputData));
	}

	public CompletableFuture<WorkflowsTriggerOutput> triggerAsync(String workflowId, Map<String, ?> inputData) {
		WorkflowsTriggerInput input = new WorkflowsTriggerInput().workflowId(workflowId).inputData(inputData);
		return this.calls.tool("workflows_trigger", () -> this.api.workflowsTrigger(input, Calls.NO_LOG_LEVEL));
	}

	public WorkflowsStatusOutput status(String executionId) {
		return Calls.await(statusAsync(executionId));
	}

	public CompletableFuture<WorkflowsStatusOutput> statusAsync(String executionId) {
		WorkflowsStatusInput input = new WorkflowsStatusInput().executionId(executionId);
		return this.calls.tool("workflows_status", () -> this.api.workflowsStatus(input, Calls.NO_LOG_LEVEL));
	}

	/**
	 * Creates (and by default activates) a workflow from an n8n export, e.g. the
	 * {@code workflow} of {@code codegen().n8nWorkflow(...)}.
	 */
	public WorkflowsCreateOutput create(String name, Map<String, ?> workflowJson) {
		return create(new WorkflowsCreateInput().name(name).workflowJson(workflowJson));
	}

	public WorkflowsCreateOutput create(WorkflowsCreateInput input) {
		return Calls.await(createAsync(input));
	}

	public CompletableFuture<WorkflowsCreateOutput> createAsync(WorkflowsCreateInput input) {
		return this.calls.tool("workflows_create", () -> this.api.workflowsCreate(input, Calls.NO_LOG_LEVEL));
	}

}
