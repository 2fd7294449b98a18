package cl.smartercl.mcp.connectors.n8n;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.core.type.TypeReference;

import cl.smartercl.mcp.connectors.config.PeerTenants;
import cl.smartercl.mcp.connectors.ports.Connectors;
import cl.smartercl.mcp.connectors.ports.TenantPorts;
import cl.smartercl.mcp.core.error.ConflictException;
import cl.smartercl.mcp.core.error.InvalidArgumentsException;
import cl.smartercl.mcp.core.error.NotFoundException;
import cl.smartercl.mcp.core.health.ProbeResult;
import cl.smartercl.mcp.core.tools.services.HealthStatus;
import cl.smartercl.mcp.core.tools.workflows.WorkflowsCreate;
import cl.smartercl.mcp.core.tools.workflows.WorkflowsList;
import cl.smartercl.mcp.core.tools.workflows.WorkflowsPort;
import cl.smartercl.mcp.core.tools.workflows.WorkflowsStatus;
import cl.smartercl.mcp.core.tools.workflows.WorkflowsTrigger;
import cl.smartercl.mcp.testsupport.Eventually;
import cl.smartercl.mcp.testsupport.N8nPeer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The workflow tools against a real n8n, wired the way the server wires them. */
@ExtendWith(N8nPeer.Extension.class)
class N8nConnectorIT {

	private static final Set<String> TERMINAL = Set.of("success", "error", "crashed", "canceled");

	/** Webhook paths and tags are unique per n8n, and one n8n serves the whole run. */
	private static final String RUN = UUID.randomUUID().toString().substring(0, 6);

	private static TenantPorts ports;

	private static WorkflowsPort workflows;

	@BeforeAll
	static void connect(N8nPeer n8n) {
		ports = TenantPorts.build(PeerTenants.n8n(n8n, "it"), Connectors.providers());
		workflows = ports.find(WorkflowsPort.class).orElseThrow();
	}

	@AfterAll
	static void disconnect() {
		ports.close();
	}

	@Test
	void createWithTagsListByTagAndActiveTriggerWithInputAndFollowToSuccess() {
		String tag = "it-orders-" + RUN;
		WorkflowsCreate.Output created = workflows
			.create(new WorkflowsCreate.Input("IT orders " + RUN, echoWorkflow("it-orders-" + RUN),
					List.of(tag, "it-shared"), null))
			.block();
		WorkflowsCreate.Output parked = workflows
			.create(new WorkflowsCreate.Input("IT parked " + RUN, echoWorkflow("it-parked-" + RUN), List.of(tag),
					false))
			.block();

		assertThat(created.active()).isTrue();
		assertThat(created.tags()).containsExactlyInAnyOrder(tag, "it-shared");
		assertThat(created.webhooks()).singleElement().asString().endsWith("/webhook/it-orders-" + RUN);
		assertThat(parked.active()).isFalse();

		WorkflowsList.Output tagged = workflows.list(new WorkflowsList.Input(null, List.of(tag))).block();
		assertThat(tagged.workflows()).extracting(WorkflowsList.Workflow::id)
			.containsExactlyInAnyOrder(created.id(), parked.id());
		WorkflowsList.Workflow summary = tagged.workflows()
			.stream()
			.filter((w) -> w.id().equals(created.id()))
			.findFirst()
			.orElseThrow();
		assertThat(summary.triggers()).containsExactly("webhook");
		assertThat(summary.updatedAt()).isBefore(Instant.now().plusSeconds(60));
		assertThat(workflows.list(new WorkflowsList.Input(true, List.of(tag))).block().workflows())
			.extracting(WorkflowsList.Workflow::id)
			.containsExactly(created.id());
		assertThat(workflows.list(new WorkflowsList.Input(false, List.of(tag))).block().workflows())
			.extracting(WorkflowsList.Workflow::id)
			.containsExactly(parked.id());
		assertThat(workflows.list(new WorkflowsList.Input(null, List.of(tag, "it-shared"))).block().workflows())
			.extracting(WorkflowsList.Workflow::id)
			.containsExactly(created.id());

		WorkflowsTrigger.Output run = workflows
			.trigger(new WorkflowsTrigger.Input(created.id(), Map.of("qty", 3, "price", 5)))
			.block();

		assertThat(run.executionId()).matches("[0-9]+");
		assertThat(run.workflowId()).isEqualTo(created.id());
		assertThat(run.response())
			.isEqualTo(Map.of("executionId", run.executionId(), "echo", Map.of("qty", 3, "price", 5)));
		WorkflowsStatus.Output status = awaitEnd(run.executionId());
		assertThat(status.status()).isEqualTo("success");
		assertThat(status.mode()).isEqualTo("webhook");
		assertThat(status.workflowId()).isEqualTo(created.id());
		assertThat(status.durationMs()).isNotNull().isNotNegative();
		assertThat(status.failedNode()).isNull();
	}

	@Test
	void aWorkflowThatFailsEndsInErrorWithItsNodeAndMessage() {
		WorkflowsCreate.Output created = workflows
			.create(new WorkflowsCreate.Input("IT failing " + RUN,
					json("""
							{"nodes": [
							  {"name": "Order in", "type": "n8n-nodes-base.webhook", "typeVersion": 2, "position": [0, 0],
							   "parameters": {"httpMethod": "POST", "path": "it-failing-%s"}},
							  {"name": "Reject order", "type": "n8n-nodes-base.stopAndError", "typeVersion": 1, "position": [220, 0],
							   "parameters": {"errorMessage": "Order total is negative"}}],
							 "connections": {"Order in": {"main": [[{"node": "Reject order", "type": "main", "index": 0}]]}},
							 "settings": {"executionOrder": "v1"}}"""
						.formatted(RUN)),
					null, null))
			.block();

		// answers "Workflow was started" at once: the execution is found among those that
		// started after the call
		WorkflowsTrigger.Output run = workflows.trigger(new WorkflowsTrigger.Input(created.id(), Map.of("total", -5)))
			.block();

		assertThat(run.executionId()).matches("[0-9]+");
		assertThat(run.response()).isEqualTo(Map.of("message", "Workflow was started"));
		WorkflowsStatus.Output status = awaitEnd(run.executionId());
		assertThat(status.status()).isEqualTo("error");
		assertThat(status.failedNode()).isEqualTo("Reject order");
		assertThat(status.errorMessage()).isEqualTo("Order total is negative");
	}

	@Test
	void triggerRefusesAnInactiveWorkflowOneWithoutWebhookAndAnUnknownId() {
		WorkflowsCreate.Output inactive = workflows
			.create(new WorkflowsCreate.Input("IT inactive " + RUN, echoWorkflow("it-inactive-" + RUN), null, false))
			.block();
		WorkflowsCreate.Output scheduled = workflows.create(new WorkflowsCreate.Input("IT scheduled " + RUN,
				json("""
						{"nodes": [
						  {"name": "Nightly", "type": "n8n-nodes-base.scheduleTrigger", "typeVersion": 1.2, "position": [0, 0],
						   "parameters": {"rule": {"interval": [{"field": "cronExpression", "expression": "0 2 * * *"}]}}},
						  {"name": "Nothing", "type": "n8n-nodes-base.noOp", "typeVersion": 1, "position": [220, 0], "parameters": {}}],
						 "connections": {"Nightly": {"main": [[{"node": "Nothing", "type": "main", "index": 0}]]}}}"""),
				null, null))
			.block();
		assertThat(scheduled.active()).isTrue();

		assertThatThrownBy(() -> workflows.trigger(new WorkflowsTrigger.Input(inactive.id(), null)).block())
			.isInstanceOf(ConflictException.class)
			.hasMessageContaining("(" + inactive.id() + ") is not active");
		assertThatThrownBy(() -> workflows.trigger(new WorkflowsTrigger.Input(scheduled.id(), null)).block())
			.isInstanceOf(ConflictException.class)
			.hasMessageContaining("(" + scheduled.id() + ") has no enabled Webhook trigger");
		assertThatThrownBy(() -> workflows.trigger(new WorkflowsTrigger.Input("doesNotExist" + RUN, null)).block())
			.isInstanceOf(NotFoundException.class)
			.hasMessageStartingWith("Workflow 'doesNotExist" + RUN + "' not found");
	}

	@Test
	void whatN8nRefusesIsReportedClearly() {
		Map<String, Object> badSettings = echoWorkflow("it-bad-settings-" + RUN);
		badSettings.put("settings", Map.of("saveDataSuccessExecution", "sometimes"));
		assertThatThrownBy(
				() -> workflows.create(new WorkflowsCreate.Input("IT bad settings " + RUN, badSettings, null, null))
					.block())
			.isInstanceOf(InvalidArgumentsException.class)
			.hasMessageContaining("n8n refused the workflow (HTTP 400: request/body/settings/saveDataSuccessExecution");

		// a Shopify trigger registers itself at Shopify on activation, which needs
		// credentials
		assertThatThrownBy(() -> workflows
			.create(new WorkflowsCreate.Input("IT shopify " + RUN,
					json("""
							{"nodes": [{"name": "New order", "type": "n8n-nodes-base.shopifyTrigger", "typeVersion": 1, "position": [0, 0],
							 "webhookId": "%s", "parameters": {"authentication": "accessToken", "topic": "orders/create"}}],
							 "connections": {}}"""
						.formatted(UUID.randomUUID())),
					null, null))
			.block()).isInstanceOf(ConflictException.class)
			.hasMessageMatching(
					"Workflow 'IT shopify .*' was created with id '[A-Za-z0-9]+', but activating it failed: "
							+ "n8n refused to activate it \\(HTTP 400: .*credentials.*\\)\\. Fix the workflow in n8n .*");
	}

	@Test
	void theProbeSeesAHealthyN8n() {
		ProbeResult result = ports.probes().get(0).probe().block();

		assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
	}

	private static WorkflowsStatus.Output awaitEnd(String executionId) {
		return Eventually.poll(Duration.ofSeconds(60), Duration.ofMillis(250),
				() -> workflows.status(new WorkflowsStatus.Input(executionId)).block(),
				(status) -> TERMINAL.contains(status.status()));
	}

	/**
	 * Webhook → "Respond to Webhook" with its execution id and the input → a Wait, so it
	 * is still running.
	 */
	private static Map<String, Object> echoWorkflow(String path) {
		return json(
				"""
						{"nodes": [
						  {"name": "Order in", "type": "n8n-nodes-base.webhook", "typeVersion": 2, "position": [0, 0],
						   "parameters": {"httpMethod": "POST", "path": "%s", "responseMode": "responseNode"}},
						  {"name": "Answer", "type": "n8n-nodes-base.respondToWebhook", "typeVersion": 1.1, "position": [220, 0],
						   "parameters": {"respondWith": "json",
						     "responseBody": "={{ { \\"executionId\\": $execution.id, \\"echo\\": $json.body } }}"}},
						  {"name": "Settle", "type": "n8n-nodes-base.wait", "typeVersion": 1.1, "position": [440, 0],
						   "parameters": {"amount": 1}}],
						 "connections": {
						   "Order in": {"main": [[{"node": "Answer", "type": "main", "index": 0}]]},
						   "Answer": {"main": [[{"node": "Settle", "type": "main", "index": 0}]]}},
						 "settings": {"executionOrder": "v1"}}"""
					.formatted(path));
	}

	static Map<String, Object> json(String text) {
		return N8nApi.JSON.readValue(text, new TypeReference<Map<String, Object>>() {
		});
	}

}
