package cl.smartercl.mcp.examples.agents;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cl.smartercl.mcp.testsupport.StubServer;

import static org.assertj.core.api.Assertions.assertThat;

class BackupWorkflowTests {

	private static final String GENERATED = """
			{"name":"Backup orders","source":"planner","unmapped":[],"notes":["Set the Postgres credential."],
			 "workflow":{"nodes":[{"name":"Webhook","type":"n8n-nodes-base.webhook","parameters":{"path":"backup-orders"}}],
			             "connections":{},"settings":{"executionOrder":"v1"}}}""";

	private final StubServer server = new StubServer();

	@AfterEach
	void close() {
		this.server.close();
	}

	@Test
	void generatesCreatesTriggersAndFollowsTheExecution() throws InterruptedException {
		AtomicInteger polls = new AtomicInteger();
		this.server.on("generate_n8n_workflow", GENERATED)
			.on("workflows_create", """
					{"id":"wf9","name":"Backup orders","active":true,"tags":[],
					 "webhooks":["http://127.0.0.1:5678/webhook/backup-orders"]}""")
			.on("workflows_trigger", "{\"workflow_id\":\"wf9\",\"execution_id\":\"77\",\"status\":\"running\"}")
			.on("workflows_status", (body) -> StubServer.json(200, """
					{"execution_id":"77","workflow_id":"wf9","status":"%s","mode":"webhook"}"""
				.formatted(polls.incrementAndGet() < 2 ? "running" : "success")));
		String status = new BackupWorkflow(this.server.client(), this.server.out()).run(BackupWorkflow.DESCRIPTION);
		assertThat(status).isEqualTo("success");
		assertThat(this.server.calls().get(0)).startsWith("generate_n8n_workflow ")
			.contains("\"services\":[\"postgres\"]");
		// the generated workflow goes to n8n as it is
		assertThat(this.server.calls().get(1)).startsWith("workflows_create ")
			.contains("\"workflow_json\":{\"nodes\":[{\"name\":\"Webhook\"");
		assertThat(this.server.calls().get(2)).startsWith("workflows_trigger ").contains("\"workflow_id\":\"wf9\"");
		assertThat(this.server.calls().subList(3, this.server.calls().size()))
			.containsOnly("workflows_status {\"execution_id\":\"77\"}")
			.hasSize(2);
	}

	private static final String GENERATED_WITH_POSTGRES = """
			{"name":"Backup orders","source":"planner","unmapped":[],"notes":["Pick credentials in n8n for: Postgres."],
			 "workflow":{"nodes":[{"name":"Webhook","type":"n8n-nodes-base.webhook","parameters":{"path":"backup-orders"}},
			                      {"name":"Read orders","type":"n8n-nodes-base.postgres","parameters":{"operation":"select"}}],
			             "connections":{},"settings":{"executionOrder":"v1"}}}""";

	@Test
	void thePostgresNodeGetsTheGivenCredential() throws InterruptedException {
		this.server.on("generate_n8n_workflow", GENERATED_WITH_POSTGRES)
			.on("workflows_create",
					"{\"id\":\"wf9\",\"name\":\"Backup orders\",\"active\":true,\"tags\":[],\"webhooks\":[]}");
		new BackupWorkflow(this.server.client(), this.server.out(),
				new BackupWorkflow.Credential("cred7", "smartermcp-demo-postgres"))
			.run(BackupWorkflow.DESCRIPTION);
		assertThat(this.server.calls().get(1)).startsWith("workflows_create ")
			.contains("\"type\":\"n8n-nodes-base.postgres\",\"parameters\":{\"operation\":\"select\"},"
					+ "\"credentials\":{\"postgres\":{\"id\":\"cred7\",\"name\":\"smartermcp-demo-postgres\"}}")
			// the webhook node needs none
			.contains("\"type\":\"n8n-nodes-base.webhook\",\"parameters\":{\"path\":\"backup-orders\"}}");
		assertThat(this.server.output())
			.contains("Set n8n's PostgreSQL credential 'smartermcp-demo-postgres' (id cred7) on 1");
	}

	@Test
	void withoutACredentialThePostgresNodeIsLeftAndTheUserIsTold() throws InterruptedException {
		this.server.on("generate_n8n_workflow", GENERATED_WITH_POSTGRES)
			.on("workflows_create",
					"{\"id\":\"wf9\",\"name\":\"Backup orders\",\"active\":true,\"tags\":[],\"webhooks\":[]}");
		new BackupWorkflow(this.server.client(), this.server.out()).run(BackupWorkflow.DESCRIPTION);
		assertThat(this.server.calls().get(1)).doesNotContain("credentials");
		assertThat(this.server.output()).contains("set N8N_POSTGRES_CREDENTIAL_ID");
	}

	@Test
	void aWorkflowWithoutWebhookIsNotRun() throws InterruptedException {
		this.server.on("generate_n8n_workflow", GENERATED)
			.on("workflows_create",
					"{\"id\":\"wf9\",\"name\":\"Backup orders\",\"active\":true,\"tags\":[],\"webhooks\":[]}");
		String status = new BackupWorkflow(this.server.client(), this.server.out())
			.run("every day at 2am back up orders");
		assertThat(status).isEqualTo("not_run");
		assertThat(this.server.calls()).hasSize(2);
		assertThat(this.server.output()).contains("no webhook trigger");
	}

}
