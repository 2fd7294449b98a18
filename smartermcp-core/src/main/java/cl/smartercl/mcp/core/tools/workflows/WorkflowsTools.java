package cl.smartercl.mcp.core.tools.workflows;

import java.util.List;

import cl.smartercl.mcp.core.auth.Scope;
import cl.smartercl.mcp.core.tool.Backend;
import cl.smartercl.mcp.core.tool.Category;
import cl.smartercl.mcp.core.tool.ToolDefinition;
import cl.smartercl.mcp.core.tool.ToolHints;

/** The four n8n workflow tools. */
public final class WorkflowsTools {

	private static final Backend BACKEND = Backend.N8N;

	public static final ToolDefinition<WorkflowsList.Input, WorkflowsList.Output> WORKFLOWS_LIST = new ToolDefinition<>(
			"workflows_list", Category.WORKFLOWS,
			"List n8n workflows as compact summaries (id, name, active, tags, trigger kinds, last update), "
					+ "optionally only active ones or those with given tags.",
			Scope.READ_WORKFLOWS, ToolHints.readsBackend(), BACKEND, WorkflowsList.Input.class,
			WorkflowsList.Output.class, (ctx, in) -> ctx.port(WorkflowsPort.class).list(in));

	public static final ToolDefinition<WorkflowsTrigger.Input, WorkflowsTrigger.Output> WORKFLOWS_TRIGGER = new ToolDefinition<>(
			"workflows_trigger", Category.WORKFLOWS,
			"Run an active n8n workflow now through its webhook trigger, with optional input data; returns the "
					+ "execution id to follow with workflows_status.",
			Scope.WRITE_WORKFLOWS, new ToolHints(false, false, false, true), BACKEND, WorkflowsTrigger.Input.class,
			WorkflowsTrigger.Output.class, (ctx, in) -> ctx.port(WorkflowsPort.class).trigger(in));

	public static final ToolDefinition<WorkflowsStatus.Input, WorkflowsStatus.Output> WORKFLOWS_STATUS = new ToolDefinition<>(
			"workflows_status", Category.WORKFLOWS,
			"Get the status of an n8n execution: status, mode, start, stop, duration, and the failing node and "
					+ "error message when it failed.",
			Scope.READ_WORKFLOWS, ToolHints.readsBackend(), BACKEND, WorkflowsStatus.Input.class,
			WorkflowsStatus.Output.class, (ctx, in) -> ctx.port(WorkflowsPort.class).status(in));

	public static final ToolDefinition<WorkflowsCreate.Input, WorkflowsCreate.Output> WORKFLOWS_CREATE = new ToolDefinition<>(
			"workflows_create", Category.WORKFLOWS,
			"Create an n8n workflow from its JSON (nodes, connections, settings), set its tags, and activate it "
					+ "unless activate is false.",
			Scope.WRITE_WORKFLOWS, new ToolHints(false, false, false, true), BACKEND, WorkflowsCreate.Input.class,
			WorkflowsCreate.Output.class, (ctx, in) -> ctx.port(WorkflowsPort.class).create(in));

	private WorkflowsTools() {
	}

	public static List<ToolDefinition<?, ?>> all() {
		return List.of(WORKFLOWS_LIST, WORKFLOWS_TRIGGER, WORKFLOWS_STATUS, WORKFLOWS_CREATE);
	}

}
