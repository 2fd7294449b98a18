package cl.smartercl.mcp.connectors.codegen;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import cl.smartercl.mcp.connectors.config.PeerTenants;
import cl.smartercl.mcp.connectors.ports.Connectors;
import cl.smartercl.mcp.connectors.ports.TenantPorts;
import cl.smartercl.mcp.core.error.BackendException;
import cl.smartercl.mcp.core.tool.ClientChannel;
import cl.smartercl.mcp.core.tools.codegen.GenerateN8nWorkflow;
import cl.smartercl.mcp.core.tools.workflows.WorkflowsCreate;
import cl.smartercl.mcp.core.tools.workflows.WorkflowsPort;
import cl.smartercl.mcp.core.tools.workflows.WorkflowsStatus;
import cl.smartercl.mcp.core.tools.workflows.WorkflowsTrigger;
import cl.smartercl.mcp.testsupport.Eventually;
import cl.smartercl.mcp.testsupport.N8nPeer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Generated workflows against a real n8n: each is accepted by
 * {@code POST /api/v1/workflows}, activates, and runs through its webhook until it
 * succeeds or reaches a node that needs the user's credentials or an outside service. One
 * runs end to end into the local PostgreSQL.
 */
@ExtendWith(N8nPeer.Extension.class)
class N8nWorkflowGeneratorIT {

	private static final String RUN = UUID.randomUUID().toString().replace("-", "").substring(0, 6);

	/**
	 * Nodes that need credentials or a service outside this machine: a run may stop
	 * there.
	 */
	private static final Set<String> OUTSIDE = Set.of("n8n-nodes-base.postgres", "n8n-nodes-base.supabase",
			"n8n-nodes-base.awsS3", "n8n-nodes-base.slack", "n8n-nodes-base.emailSend", "n8n-nodes-base.httpRequest");

	private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

	private static N8nPeer n8n;

	private static TenantPorts ports;

	private static WorkflowsPort workflows;

	private final N8nWorkflowGenerator generator = new N8nWorkflowGenerator();

	@BeforeAll
	static void connect(N8nPeer peer) {
		n8n = peer;
		ports = TenantPorts.build(PeerTenants.n8n(peer, "it-codegen"), Connectors.providers());
		workflows = ports.find(WorkflowsPort.class).orElseThrow();
	}

	@AfterAll
	static void disconnect() {
		ports.close();
	}

	static Stream<Arguments> descriptions() {
		return Stream.of(Arguments
			.of("Every day at 2am back up the orders table to S3 bucket acme-backups and post to Slack #ops", false),
				Arguments.of("When a webhook receives a new lead, post it to Slack #sales", false),
				Arguments.of("When an order is created in Shopify, save it to the Supabase orders table", false),
				Arguments.of(
						"Every 15 minutes fetch {n8n}/healthz and insert the result into the health_checks table in Postgres",
						false),
				Arguments.of("Weekdays at 9 send an email to team@example.com from bot@example.com with 'Good morning'",
						false),
				Arguments.of("Receive form submissions via webhook and POST them to http://127.0.0.1:9/leads", false),
				Arguments.of("Hourly check {n8n}/healthz", true));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("descriptions")
	void aPlannedWorkflowIsAcceptedActivatesAndRuns(String template, boolean succeeds) {
		String description = template.replace("{n8n}", n8n.url().toString().replaceAll("/$", ""));
		GenerateN8nWorkflow.Output out = this.generator
			.generate(new GenerateN8nWorkflow.Input(description, null), ClientChannel.NONE)
			.block();
		assertThat(out.unmapped()).isEmpty();

		WorkflowsCreate.Output created = workflows
			.create(new WorkflowsCreate.Input(out.name() + " [" + RUN + "]", out.workflow(), List.of("it-generated"),
					true))
			.block();

		assertThat(created.active()).isTrue();
		assertThat(created.webhooks()).hasSize(1);
		WorkflowsTrigger.Output run = workflows
			.trigger(new WorkflowsTrigger.Input(created.id(), Map.of("sample", true)))
			.block();
		assertThat(run.executionId()).matches("[0-9]+");
		assertThat(run.response()).isEqualTo(Map.of("executionId", run.executionId()));
		WorkflowsStatus.Output status = awaitEnd(run.executionId());
		if (succeeds) {
			assertThat(status.status()).isEqualTo("success");
		}
		else {
			// the generated plumbing (webhook, answer, request body, file conversion)
			// ran; the stop is at the edge
			assertThat(status.status()).isIn("success", "error");
			if (status.status().equals("error")) {
				assertThat(typeOf(out, status.failedNode()))
					.as("failed node %s: %s", status.failedNode(), status.errorMessage())
					.isIn(OUTSIDE);
				assertThat(status.errorMessage()).isNotBlank();
			}
		}
	}

	@Test
	void aWebhookToPostgresWorkflowWritesTheRowOnceTheUserPicksCredentials() throws Exception {
		String table = "it_signups_" + RUN;
		try (Connection db = DriverManager.getConnection(POSTGRES); Statement sql = db.createStatement()) {
			sql.execute("CREATE TABLE " + table + " (email text, name text)");
			try {
				GenerateN8nWorkflow.Output out = this.generator
					.generate(new GenerateN8nWorkflow.Input(
							"When a webhook receives a signup, insert it into the " + table + " table in Postgres",
							null), ClientChannel.NONE)
					.block();
				// what the user does in n8n: pick credentials for the Postgres node
				String credential = createPostgresCredential();
				for (Object node : (List<?>) out.workflow().get("nodes")) {
					@SuppressWarnings("unchecked")
					Map<String, Object> n = (Map<String, Object>) node;
					if ("n8n-nodes-base.postgres".equals(n.get("type"))) {
						n.put("credentials",
								Map.of("postgres", Map.of("id", credential, "name", "IT Postgres " + RUN)));
					}
				}
				WorkflowsCreate.Output created = workflows
					.create(new WorkflowsCreate.Input(out.name(), out.workflow(), null, null))
					.block();

				WorkflowsTrigger.Output run = workflows
					.trigger(
							new WorkflowsTrigger.Input(created.id(), Map.of("email", "ana@example.com", "name", "Ana")))
					.block();

				WorkflowsStatus.Output status = awaitEnd(run.executionId());
				assertThat(status.status()).as("%s at %s", status.errorMessage(), status.failedNode())
					.isEqualTo("success");
				try (ResultSet rows = sql.executeQuery("SELECT email, name FROM " + table)) {
					assertThat(rows.next()).isTrue();
					assertThat(rows.getString("email")).isEqualTo("ana@example.com");
					assertThat(rows.getString("name")).isEqualTo("Ana");
					assertThat(rows.next()).isFalse();
				}
			}
			finally {
				sql.execute("DROP TABLE " + table);
			}
		}
	}

	@Test
	void aModelsValidAnswerIsAcceptedByN8nAndRunsNow() {
		GenerateN8nWorkflow.Output out = this.generator
			.generate(new GenerateN8nWorkflow.Input(
					"every night at 1am count yesterday's signups in postgres and post the number to slack #growth",
					null), ScriptedModel.answering(ScriptedModel.NIGHTLY_REPORT))
			.block();
		assertThat(out.source()).isEqualTo("sampling");

		WorkflowsCreate.Output created = workflows
			.create(new WorkflowsCreate.Input(out.name() + " [" + RUN + "]", out.workflow(), null, null))
			.block();

		assertThat(created.active()).isTrue();
		WorkflowsTrigger.Output run = workflows.trigger(new WorkflowsTrigger.Input(created.id(), null)).block();
		WorkflowsStatus.Output status = awaitEnd(run.executionId());
		assertThat(status.status()).isEqualTo("error");
		assertThat(status.failedNode()).isEqualTo("Count signups");
	}

	@Test
	void aModelsInvalidAnswerIsAClearErrorAndNeverReachesN8n() {
		ScriptedModel model = ScriptedModel.answering(ScriptedModel.NIGHTLY_REPORT
			.replace("\"Count signups\", \"type\": \"main\"", "\"Count signups!\", \"type\": \"main\""));

		assertThatThrownBy(
				() -> this.generator.generate(new GenerateN8nWorkflow.Input("nightly signups to slack", null), model)
					.block())
			.isInstanceOf(BackendException.class)
			.hasMessageContaining(
					"'workflow.connections.Every night.main[0][0].node': 'Count signups!' is not the name of any node");
	}

	private static String typeOf(GenerateN8nWorkflow.Output out, String nodeName) {
		for (Object node : (List<?>) out.workflow().get("nodes")) {
			Map<?, ?> n = (Map<?, ?>) node;
			if (n.get("name").equals(nodeName)) {
				return (String) n.get("type");
			}
		}
		return "no node '" + nodeName + "'";
	}

	private static WorkflowsStatus.Output awaitEnd(String executionId) {
		return Eventually.poll(Duration.ofSeconds(60), Duration.ofMillis(250),
				() -> workflows.status(new WorkflowsStatus.Input(executionId)).block(),
				(status) -> Set.of("success", "error", "crashed", "canceled").contains(status.status()));
	}

	/**
	 * n8n's public API: {@code POST /api/v1/credentials} with the local PostgreSQL (trust
	 * auth).
	 */
	private static String createPostgresCredential() throws Exception {
		Map<String, Object> data = new HashMap<>();
		data.put("host", "127.0.0.1");
		data.put("port", 5432);
		data.put("database", "test");
		data.put("user", "postgres");
		data.put("password", "");
		data.put("ssl", "disable");
		data.put("allowUnauthorizedCerts", false);
		data.put("sshTunnel", false);
		String body = N8nNodes.JSON
			.writeValueAsString(Map.of("name", "IT Postgres " + RUN, "type", "postgres", "data", data));
		// HTTP/1.1: the JDK client's cleartext HTTP/2 upgrade on a POST leaves n8n's
		// server waiting
		HttpResponse<String> response = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build()
			.send(HttpRequest.newBuilder(URI.create(n8n.url().toString().replaceAll("/$", "") + "/api/v1/credentials"))
				.timeout(Duration.ofSeconds(30))
				.header("X-N8N-API-KEY", n8n.apiKey())
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode created = N8nNodes.JSON.readTree(response.body());
		return created.path("id").asString();
	}

}
