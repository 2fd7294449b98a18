package cl.smartercl.mcp.examples.agents;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import cl.smartercl.mcp.client.SmarterMCP;
import cl.smartercl.mcp.client.model.GenerateN8nWorkflowOutput;
import cl.smartercl.mcp.client.model.WorkflowsCreateOutput;
import cl.smartercl.mcp.client.model.WorkflowsStatusOutput;
import cl.smartercl.mcp.client.model.WorkflowsTriggerOutput;

/**
 * Agent walk-through 3, the builder: generate an n8n backup workflow from a sentence,
 * create it in n8n (activated), run it once through its webhook, and follow the execution
 * to its end. Needs {@code read:workflows} and {@code write:workflows} (profile
 * {@code executor}).
 * <p>
 * The generator leaves credentials to the user: its Postgres node gets n8n's PostgreSQL
 * credential named by {@code N8N_POSTGRES_CREDENTIAL_ID} (and
 * {@code N8N_POSTGRES_CREDENTIAL_NAME}), which the local stack creates and prints.
 * Without one, n8n cannot run that node.
 */
public final class BackupWorkflow {

	static final String DESCRIPTION = "When called by webhook, and every day at 2am, read all rows of the orders "
			+ "table from postgres and respond with how many rows were backed up";

	/** The execution states n8n reports for an execution that has ended. */
	private static final Set<String> FINISHED = Set.of("success", "error", "crashed", "canceled");

	private static final Duration POLL = Duration.ofSeconds(2);

	private static final int MAX_POLLS = 30;

	private static final String POSTGRES_NODE = "n8n-nodes-base.postgres";

	private final SmarterMCP client;

	private final PrintStream out;

	private final Credential postgres;

	/**
	 * @param postgres n8n's PostgreSQL credential for the generated Postgres nodes, or
	 * null to leave them without one
	 */
	public BackupWorkflow(SmarterMCP client, PrintStream out, Credential postgres) {
		this.client = client;
		this.out = out;
		this.postgres = postgres;
	}

	public BackupWorkflow(SmarterMCP client, PrintStream out) {
		this(client, out, null);
	}

	public static void main(String[] args) throws InterruptedException {
		SmarterMCP client = SmarterMCP.builder().fromEnvironment().retryRateLimited(true).build();
		String description = (args.length > 0) ? String.join(" ", args) : DESCRIPTION;
		String status = new BackupWorkflow(client, System.out, Credential.fromEnvironment()).run(description);
		System.exit("success".equals(status) ? 0 : 1);
	}

	/**
	 * @return the execution's last status, or {@code not_run} when the workflow could not
	 * be run
	 */
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
		int attached = attachPostgresCredential(workflow);
		if (attached > 0) {
			this.out.printf("Set n8n's PostgreSQL credential %s on %d Postgres node(s)%n", this.postgres, attached);
		}
		else if (this.postgres == null && postgresNodes(workflow).findAny().isPresent()) {
			this.out.println("The Postgres node has no n8n credential: set N8N_POSTGRES_CREDENTIAL_ID (the local stack "
					+ "prints it), or pick one in n8n; until then n8n cannot run it.");
		}
		WorkflowsCreateOutput created = this.client.workflows().create(generated.getName(), workflow);
		this.out.printf("Created workflow %s, active=%s, webhooks=%s%n", created.getId(), created.getActive(),
				created.getWebhooks());
		if (created.getWebhooks() == null || created.getWebhooks().isEmpty()) {
			// workflows_trigger calls a webhook trigger; a schedule-only workflow runs on
			// its schedule
			this.out.println("The workflow has no webhook trigger: it will run on its schedule only.");
			return "not_run";
		}

		WorkflowsTriggerOutput triggered = this.client.workflows()
			.trigger(created.getId(), Map.of("reason", "first run"));
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
				(status.getErrorMessage() != null) ? " at " + status.getFailedNode() + ": " + status.getErrorMessage()
						: "");
		return status.getStatus();
	}

	/**
	 * Puts the credential on every Postgres node that has none; @return how many it
	 * changed
	 */
	private int attachPostgresCredential(Map<String, Object> workflow) {
		if (this.postgres == null) {
			return 0;
		}
		List<Map<String, Object>> nodes = postgresNodes(workflow).filter((node) -> node.get("credentials") == null)
			.toList();
		Map<String, Object> reference = new LinkedHashMap<>();
		reference.put("id", this.postgres.id());
		if (this.postgres.name() != null) {
			reference.put("name", this.postgres.name());
		}
		nodes.forEach((node) -> node.put("credentials", Map.of("postgres", reference)));
		return nodes.size();
	}

	@SuppressWarnings("unchecked")
	private static Stream<Map<String, Object>> postgresNodes(Map<String, Object> workflow) {
		Object nodes = workflow.get("nodes");
		if (!(nodes instanceof List<?> list)) {
			return Stream.empty();
		}
		return list.stream()
			.filter(Map.class::isInstance)
			.map((node) -> (Map<String, Object>) node)
			.filter((node) -> POSTGRES_NODE.equals(node.get("type")));
	}

	/**
	 * An n8n credential as a workflow node refers to it.
	 *
	 * @param id its id in n8n
	 * @param name its name, or null
	 */
	public record Credential(String id, String name) {

		/**
		 * From {@code N8N_POSTGRES_CREDENTIAL_ID} and
		 * {@code N8N_POSTGRES_CREDENTIAL_NAME}; null without an id.
		 */
		static Credential fromEnvironment() {
			String id = System.getenv("N8N_POSTGRES_CREDENTIAL_ID");
			if (id == null || id.isBlank()) {
				return null;
			}
			String name = System.getenv("N8N_POSTGRES_CREDENTIAL_NAME");
			return new Credential(id.strip(), (name == null || name.isBlank()) ? null : name.strip());
		}

		@Override
		public String toString() {
			return (this.name != null) ? "'" + this.name + "' (id " + this.id + ")" : "id " + this.id;
		}

	}

}
