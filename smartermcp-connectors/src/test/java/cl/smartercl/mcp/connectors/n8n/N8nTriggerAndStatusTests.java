package cl.smartercl.mcp.connectors.n8n;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cl.smartercl.mcp.connectors.config.Secret;
import cl.smartercl.mcp.core.error.BackendException;
import cl.smartercl.mcp.core.error.ConflictException;
import cl.smartercl.mcp.core.error.InvalidArgumentsException;
import cl.smartercl.mcp.core.error.NotFoundException;
import cl.smartercl.mcp.core.tools.workflows.WorkflowsStatus;
import cl.smartercl.mcp.core.tools.workflows.WorkflowsTrigger;

import static cl.smartercl.mcp.connectors.n8n.N8nListAndCreateTests.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class N8nTriggerAndStatusTests {

	private static final String WEBHOOK_WORKFLOW = "/api/v1/workflows/wVqnjzBPTxtG65VX";

	private static final String EXECUTIONS = "/api/v1/executions";

	private static final String NONE = "{\"data\":[],\"nextCursor\":null}";

	private final N8nStub n8n = new N8nStub();

	private final N8nConnector connector = new N8nConnector(
			new N8nApi("t1", this.n8n.url(), Secret.of(KEY), N8nListAndCreateTests.fast(500)),
			N8nListAndCreateTests.fast(500));

	@AfterEach
	void stop() {
		this.n8n.close();
	}

	@Test
	void triggerCallsTheProductionWebhookWithTheInputAndReturnsTheExecutionItAnnounces() {
		this.n8n.on("GET", WEBHOOK_WORKFLOW, 200, "workflow-get-webhook")
			.on("GET", EXECUTIONS, 200, NONE)
			.on("POST", "/webhook/explore-1", 200, "{\"executionId\":\"6\"}")
			.on("GET", EXECUTIONS + "/6", 200, runningExecution());

		WorkflowsTrigger.Output out = this.connector
			.trigger(new WorkflowsTrigger.Input("wVqnjzBPTxtG65VX",
					Map.of("order_id", 42, "customer", Map.of("email", "ana@example.com"))))
			.block();

		RecordedRequest webhook = this.n8n.only("POST", "/webhook/explore-1");
		assertThat(N8nStub.body(webhook))
			.isEqualTo(N8nApi.JSON.readTree("{\"order_id\":42,\"customer\":{\"email\":\"ana@example.com\"}}"));
		assertThat(webhook.getHeaders().get("Content-Type")).startsWith("application/json");
		// the API key never goes to a webhook: it would be stored in the execution's data
		assertThat(webhook.getHeaders().get("X-N8N-API-KEY")).isNull();
		assertThat(this.n8n.requests()).noneMatch((r) -> r.getUrl().encodedPath().startsWith("/webhook/")
				&& r.getHeaders().names().stream().anyMatch((h) -> h.equalsIgnoreCase("X-N8N-API-KEY")));
		// the baseline is asked for running and finished executions separately (n8n hides
		// running ones)
		assertThat(this.n8n.requests("GET", EXECUTIONS)).extracting((r) -> r.getUrl().queryParameter("status"))
			.containsExactlyInAnyOrder("running", null);
		assertThat(out.workflowId()).isEqualTo("wVqnjzBPTxtG65VX");
		assertThat(out.executionId()).isEqualTo("6");
		assertThat(out.status()).isEqualTo("running");
		assertThat(out.startedAt()).isEqualTo(Instant.parse("2026-11-25T10:11:52.607Z"));
		assertThat(out.response()).isEqualTo(Map.of("executionId", "6"));
	}

	@Test
	void triggerFindsTheExecutionAfterTheCallWhenTheWorkflowDoesNotSayIt() {
		this.n8n.on("GET", "/api/v1/workflows/HxoSFvfshrDOgm2V", 200, "workflow-get-onreceived")
			.on("POST", "/webhook/explore-fail", 200, "webhook-started")
			// before the call execution 1 is the newest; after it 6 runs, listed only
			// with status=running
			.on("GET", EXECUTIONS, 200, "executions-list-finished")
			.on("GET", EXECUTIONS, "status", "running", 200, NONE)
			.on("GET", EXECUTIONS, "status", "running", 200, "executions-list-running");

		WorkflowsTrigger.Output out = this.connector.trigger(new WorkflowsTrigger.Input("HxoSFvfshrDOgm2V", null))
			.block();

		assertThat(out.executionId()).isEqualTo("6");
		assertThat(out.status()).isEqualTo("running");
		assertThat(out.response()).isEqualTo(Map.of("message", "Workflow was started"));
		assertThat(N8nStub.body(this.n8n.only("POST", "/webhook/explore-fail")).toString()).isEqualTo("{}");
	}

	@Test
	void triggerKeepsLookingForAWhileForAnExecutionN8nHasNotListedYet() {
		this.n8n.on("GET", "/api/v1/workflows/HxoSFvfshrDOgm2V", 200, "workflow-get-onreceived")
			.on("POST", "/webhook/explore-fail", 200, "webhook-started")
			.on("GET", EXECUTIONS, 200, NONE)
			// baseline, then two lookups that find nothing yet, then the execution
			.on("GET", EXECUTIONS, "status", "running", 200, NONE)
			.on("GET", EXECUTIONS, "status", "running", 200, NONE)
			.on("GET", EXECUTIONS, "status", "running", 200, NONE)
			.on("GET", EXECUTIONS, "status", "running", 200, "executions-list-running");

		WorkflowsTrigger.Output out = this.connector.trigger(new WorkflowsTrigger.Input("HxoSFvfshrDOgm2V", null))
			.block();

		assertThat(out.executionId()).isEqualTo("6");
		assertThat(this.n8n.requests("POST", "/webhook/explore-fail")).hasSize(1);
	}

	@Test
	void triggerSaysSoWhenN8nStartedTheWorkflowButRecordedNoExecution() {
		this.n8n.on("GET", "/api/v1/workflows/HxoSFvfshrDOgm2V", 200, "workflow-get-onreceived")
			.on("POST", "/webhook/explore-fail", 200, "webhook-started")
			.on("GET", EXECUTIONS, 200, NONE);

		assertThatThrownBy(() -> this.connector.trigger(new WorkflowsTrigger.Input("HxoSFvfshrDOgm2V", null)).block())
			.isInstanceOf(BackendException.class)
			.hasMessageContaining(
					"n8n accepted the call to Workflow 'explore fail' (HxoSFvfshrDOgm2V) (HTTP 200) but recorded "
							+ "no execution within 1 s")
			.hasMessageContaining("check n8n before triggering it again");
		assertThat(this.n8n.requests("POST", "/webhook/explore-fail")).hasSize(1);
	}

	@Test
	void triggerRefusesAnInactiveWorkflowWithoutCallingAnything() {
		this.n8n.on("GET", "/api/v1/workflows/e9tWE6NsCdxvzOUM", 200, "workflow-get-inactive");

		assertThatThrownBy(() -> this.connector.trigger(new WorkflowsTrigger.Input("e9tWE6NsCdxvzOUM", null)).block())
			.isInstanceOf(ConflictException.class)
			.hasMessage(
					"Workflow 'explore inactive' (e9tWE6NsCdxvzOUM) is not active, so its production webhook does not "
							+ "answer; activate it in n8n (workflows_create activates by default)");
		assertThat(this.n8n.requests()).hasSize(1);
	}

	@Test
	void triggerRefusesAWorkflowWithoutWebhook() {
		this.n8n.on("GET", "/api/v1/workflows/X3w9cD4WLMDjBu2m", 200, "workflow-get-schedule");

		assertThatThrownBy(() -> this.connector.trigger(new WorkflowsTrigger.Input("X3w9cD4WLMDjBu2m", null)).block())
			.isInstanceOf(ConflictException.class)
			.hasMessageContaining("'explore pg' (X3w9cD4WLMDjBu2m) has no enabled Webhook trigger")
			.hasMessageContaining("no run endpoint");
		assertThat(this.n8n.requests()).hasSize(1);
	}

	@Test
	void triggerRefusesAWebhookThatNeedsCredentials() {
		this.n8n.on("GET", WEBHOOK_WORKFLOW, 200, "workflow-get-basic-auth");

		assertThatThrownBy(() -> this.connector.trigger(new WorkflowsTrigger.Input("wVqnjzBPTxtG65VX", null)).block())
			.isInstanceOf(ConflictException.class)
			.hasMessageContaining("requires basicAuth credentials");
		assertThat(this.n8n.requests()).hasSize(1);
	}

	@Test
	void triggerOfAnUnknownWorkflowIsNotFound() {
		this.n8n.on("GET", "/api/v1/workflows/nope123", 404, "execution-get-not-found");

		assertThatThrownBy(() -> this.connector.trigger(new WorkflowsTrigger.Input("nope123", null)).block())
			.isInstanceOf(NotFoundException.class)
			.hasMessage("Workflow 'nope123' not found. List the workflows with workflows_list");
	}

	@Test
	void triggerRejectsAnIdThatIsNotAWorkflowId() {
		assertThatThrownBy(() -> this.connector.trigger(new WorkflowsTrigger.Input("../credentials", null)).block())
			.isInstanceOf(InvalidArgumentsException.class)
			.hasMessageContaining("workflow_id");
		assertThat(this.n8n.requests()).isEmpty();
	}

	@Test
	void triggerWaitsForAWebhookThatIsNotRegisteredYetBecauseNothingRan() {
		this.n8n.on("GET", WEBHOOK_WORKFLOW, 200, "workflow-get-webhook")
			.on("GET", EXECUTIONS, 200, NONE)
			.on("POST", "/webhook/explore-1", 404, "webhook-not-registered")
			.on("POST", "/webhook/explore-1", 200, "{\"executionId\":\"6\"}")
			.on("GET", EXECUTIONS + "/6", 200, runningExecution());

		WorkflowsTrigger.Output out = this.connector.trigger(new WorkflowsTrigger.Input("wVqnjzBPTxtG65VX", null))
			.block();

		assertThat(this.n8n.requests("POST", "/webhook/explore-1")).hasSize(2);
		assertThat(out.executionId()).isEqualTo("6");
	}

	@Test
	void triggerNeverRepeatsACallThatReachedTheWorkflowAndReportsItsFailedExecution() {
		this.n8n.on("GET", "/api/v1/workflows/HxoSFvfshrDOgm2V", 200, "workflow-get-onreceived")
			.on("GET", EXECUTIONS, "status", "running", 200, NONE)
			.on("GET", EXECUTIONS, 200, NONE)
			.on("GET", EXECUTIONS, 200,
					"{\"data\":[" + N8nStub.fixture("execution-get-error") + "],\"nextCursor\":null}")
			.on("POST", "/webhook/explore-fail", 500, "{\"message\":\"Error in workflow\"}");

		WorkflowsTrigger.Output out = this.connector.trigger(new WorkflowsTrigger.Input("HxoSFvfshrDOgm2V", null))
			.block();

		assertThat(this.n8n.requests("POST", "/webhook/explore-fail")).hasSize(1);
		assertThat(out.executionId()).isEqualTo("2");
		assertThat(out.status()).isEqualTo("error");
		assertThat(out.response()).isNull();
	}

	@Test
	void triggerPutsTheInputInTheQueryOfAGetWebhook() {
		String workflow = N8nStub.fixture("workflow-get-webhook")
			.replace("\"httpMethod\": \"POST\"", "\"httpMethod\": \"GET\"");
		this.n8n.on("GET", WEBHOOK_WORKFLOW, 200, workflow)
			.on("GET", EXECUTIONS, 200, NONE)
			.on("GET", "/webhook/explore-1", 200, "{\"executionId\":\"6\"}")
			.on("GET", EXECUTIONS + "/6", 200, runningExecution());

		this.connector
			.trigger(new WorkflowsTrigger.Input("wVqnjzBPTxtG65VX", Map.of("q", "a b+c", "ids", List.of(1, 2))))
			.block();

		RecordedRequest webhook = this.n8n.only("GET", "/webhook/explore-1");
		assertThat(webhook.getUrl().queryParameter("q")).isEqualTo("a b+c");
		assertThat(webhook.getUrl().queryParameter("ids")).isEqualTo("[1,2]");
		assertThat(webhook.getBodySize()).isZero();
	}

	@Test
	void triggerReportsTheRunningExecutionWhenTheWebhookHoldsTheCallTooLong() {
		this.n8n.on("GET", "/api/v1/workflows/HxoSFvfshrDOgm2V", 200, "workflow-get-onreceived")
			.on("GET", EXECUTIONS, 200, NONE)
			.on("GET", EXECUTIONS, "status", "running", 200, NONE)
			.on("GET", EXECUTIONS, "status", "running", 200, "executions-list-running")
			.on("POST", "/webhook/explore-fail",
					new MockResponse.Builder().code(200).body("{}").headersDelay(5, TimeUnit.SECONDS).build());

		WorkflowsTrigger.Output out = this.connector.trigger(new WorkflowsTrigger.Input("HxoSFvfshrDOgm2V", null))
			.block();

		assertThat(out.executionId()).isEqualTo("6");
		assertThat(out.status()).isEqualTo("running");
		assertThat(this.n8n.requests("POST", "/webhook/explore-fail")).hasSize(1);
	}

	@Test
	void statusOfASuccessfulExecutionReadsNoRunData() {
		this.n8n.on("GET", EXECUTIONS + "/1", 200, "execution-get-success");

		WorkflowsStatus.Output out = this.connector.status(new WorkflowsStatus.Input("1")).block();

		RecordedRequest call = this.n8n.only("GET", EXECUTIONS + "/1");
		assertThat(call.getUrl().queryParameter("includeData")).isEqualTo("false");
		assertThat(call.getHeaders().get("X-N8N-API-KEY")).isEqualTo(KEY);
		assertThat(out).isEqualTo(new WorkflowsStatus.Output("1", "wVqnjzBPTxtG65VX", "success", "webhook",
				Instant.parse("2026-11-25T10:01:40.707Z"), Instant.parse("2026-11-25T10:01:42.811Z"), 2104L, null,
				null));
	}

	@Test
	void statusOfAFailedExecutionNamesTheNodeAndTheMessageButNoStackTrace() {
		this.n8n.on("GET", EXECUTIONS + "/2", 200, "execution-get-error")
			.on("GET", EXECUTIONS + "/2", 200, "execution-get-error-data");

		WorkflowsStatus.Output out = this.connector.status(new WorkflowsStatus.Input("2")).block();

		assertThat(this.n8n.requests("GET", EXECUTIONS + "/2"))
			.extracting((r) -> r.getUrl().queryParameter("includeData"))
			.containsExactly("false", "true");
		assertThat(out.status()).isEqualTo("error");
		assertThat(out.failedNode()).isEqualTo("Boom");
		assertThat(out.errorMessage()).isEqualTo("Order total is negative");
		assertThat(out.durationMs()).isEqualTo(33L);
	}

	@Test
	void statusOfAnUnknownExecutionIsNotFound() {
		this.n8n.on("GET", EXECUTIONS + "/99999", 404, "execution-get-not-found");

		assertThatThrownBy(() -> this.connector.status(new WorkflowsStatus.Input("99999")).block())
			.isInstanceOf(NotFoundException.class)
			.hasMessageStartingWith("Execution '99999' not found");
	}

	@Test
	void statusRejectsAnIdThatIsNotNumeric() {
		assertThatThrownBy(() -> this.connector.status(new WorkflowsStatus.Input("abc")).block())
			.isInstanceOf(InvalidArgumentsException.class)
			.hasMessageContaining("execution_id");
		assertThat(this.n8n.requests()).isEmpty();
	}

	@Test
	void aWebhookRefusalIsReportedWithoutItsStackTrace() {
		String workflow = N8nStub.fixture("workflow-get-webhook");
		this.n8n.on("GET", WEBHOOK_WORKFLOW, 200, workflow)
			.on("GET", EXECUTIONS, 200, NONE)
			.on("POST", "/webhook/explore-1", 403,
					"{\"code\":403,\"message\":\"Authorization data is wrong!\",\"stacktrace\":\"Error: at /usr/lib/n8n/x.js:1\"}");

		assertThatThrownBy(() -> this.connector.trigger(new WorkflowsTrigger.Input("wVqnjzBPTxtG65VX", null)).block())
			.isInstanceOf(BackendException.class)
			.hasMessage("Service 'n8n' reported an error: the webhook of Workflow 'explore webhook' (wVqnjzBPTxtG65VX) "
					+ "refused the call (HTTP 403: Authorization data is wrong!)");
	}

	private static String runningExecution() {
		String list = N8nStub.fixture("executions-list-running");
		return N8nApi.JSON.readTree(list).path("data").get(0).toString();
	}

}
