package cl.smartercl.mcp.core.tools.workflows;

import reactor.core.publisher.Mono;

/** What the workflow tools need from a tenant's workflow engine (n8n). */
public interface WorkflowsPort {

	Mono<WorkflowsList.Output> list(WorkflowsList.Input input);

	Mono<WorkflowsTrigger.Output> trigger(WorkflowsTrigger.Input input);

	Mono<WorkflowsStatus.Output> status(WorkflowsStatus.Input input);

	Mono<WorkflowsCreate.Output> create(WorkflowsCreate.Input input);

}
