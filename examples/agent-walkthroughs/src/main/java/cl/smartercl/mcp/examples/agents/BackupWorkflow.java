package cl.smartercl.mcp.examples.agents;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cl.smartercl.mcp.client.SmarterMCP;
import cl.smartercl.mcp.client.model.GenerateN8nWorkflowOutput;
import cl.smartercl.mcp.client.model.WorkflowsCreateOutput;
import cl.smartercl.mcp.client.model.WorkflowsStatusOutput;
import cl.smartercl.mcp.client.model.WorkflowsTriggerOutput;

/**
 * Agent walk-through 3, the builder: generate an n8n backup workflow from a sentence, create it in
 * n8n (activated), run it once through its webhook, and follow the execution to its end. Needs
 * {@code read:workflows} and {@code write:workflows} (profile {@code executor}).
 */
public final class BackupWorkflow {

	static final String DESCRIPTION = "When called by webhook, and every day at 2am, read all rows of the orders "
			+ "table from postgres and respond with how many rows were backed up";

	/** The execution states n8n reports for an execution that has ended. */
	private static final Set<String> FINISHED = Set.of("success", "error", "crashed", "canceled");

	private static final Duration POLL = Duration.ofSeconds(2);

	private static final int MAX_POLLS = 30;

	private final SmarterMCP client;

	private final PrintStream out;

	public BackupWorkflow(SmarterMCP client, PrintStream out) {
		this.client = client;
		this.out = out;
	}

	public static void main(String[] args) throws InterruptedException {
		SmarterMCP client = SmarterMCP.builder().fromEnvironment().retryRateLimited(true).build();
		String description = (args.length > 0) ? String.join(" ", args) : DESCRIPTION;
		String status = new BackupWorkflow(client, System.out).run(description);
		System.exit("success".equals(status) ? 0 : 1);
	}

	/** @return the execution's last status, or {@code not_run} when the workflow could not be run */
	public String run(String description) throws InterruptedException {
		GenerateN8nWorkflowOutput generated = this.client.codegen().n8nWorkflow(description, List.of("postgres"));
		this.out.printf("Generated '%s' (%s)%n", generated.getName(), generated.getSource());
		if (generated.getUnmapped() != null && !generated.getUnmapped().isEmpty()) {
			this.out.println("  could not map: " + generated.getUnmapped());
		}
		if (generated.getNotes() != null) {
			generated.getNotes().forEach((note) -> this.out.println("  note: " + note));
		}

		@SuppressWarnings("unchecked")
		Map<String, Object> workflow = (Map<String, Object>) generated.getWorkflow();
		WorkflowsCreateOutput created = this.client.workflows().create(generated.getName(), workflow);
		this.out.printf("Created workflow %s, active=%s, webhooks=%s%n", created.getId(), created.getActive(),
				created.getWebhooks());
		if (created.getWebhooks() == null || created.getWebhooks().isEmpty()) {
			// workflows_trigger calls a webhook trigger; a schedule-only workflow runs on its schedule
			this.out.println("The workflow has no webhook trigger: it will run on its schedule only.");
			return "not_run";
		}

		WorkflowsTriggerOutput triggered = this.client.workflows().trigger(created.getId(), Map.of("reason", "first run"));
		this.out.printf("Triggered execution %s%n", triggered.getExecutionId());
		if (triggered.getExecutionId() == null) {
			this.out.println("n8n did not report an execution id; its answer was: " + triggered.getResponse());
			return String.valueOf(triggered.getStatus());
		}
		WorkflowsStatusOutput status = this.client.workflows().status(triggered.getExecutionId());
		for (int polls = 0; !FINISHED.contains(status.getStatus()) && polls < MAX_POLLS; polls++) {
			Thread.sleep(POLL.toMillis());
			status = this.client.workflows().status(triggered.getExecutionId());
		}
		this.out.printf("Execution %s: %s%s%n", status.getExecutionId(), status.getStatus(),
				(status.getErrorMessage() != null) ? " at " + status.getFailedNode() + ": " + status.getErrorMessage() : "");
		return status.getStatus();
	}

}
