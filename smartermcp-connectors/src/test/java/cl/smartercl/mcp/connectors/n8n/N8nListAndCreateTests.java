package cl.smartercl.mcp.connectors.n8n;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

import cl.smartercl.mcp.connectors.config.Secret;
import cl.smartercl.mcp.core.error.ConflictException;
import cl.smartercl.mcp.core.error.InvalidArgumentsException;
import cl.smartercl.mcp.core.tools.workflows.WorkflowsCreate;
import cl.smartercl.mcp.core.tools.workflows.WorkflowsList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class N8nListAndCreateTests {

	static final String KEY = "n8n_api_test-key-0123456789";

	private final N8nStub n8n = new N8nStub();

	@AfterEach
	void stop() {
		this.n8n.close();
	}

	static N8nOptions fast(int maxListed) {
		return new N8nOptions(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(2),
				Duration.ofSeconds(1), Duration.ofSeconds(2), maxListed);
	}

	private N8nConnector connector(int maxListed) {
		N8nOptions options = fast(maxListed);
		return new N8nConnector(new N8nApi("t1", this.n8n.url(), Secret.of(KEY), options), options);
	}

	@Test
	void listSendsKeyAndFiltersAndFollowsTheCursor() {
		this.n8n.on("GET", "/api/v1/workflows", 200, "workflows-list-page1")
			.on("GET", "/api/v1/workflows", 200, "workflows-list-page2");

		WorkflowsList.Output out = connector(500).list(new WorkflowsList.Input(null, List.of())).block();

		List<RecordedRequest> calls = this.n8n.requests("GET", "/api/v1/workflows");
		assertThat(calls).hasSize(2);
		assertThat(calls.get(0).getHeaders().get("X-N8N-API-KEY")).isEqualTo(KEY);
		assertThat(calls.get(0).getUrl().queryParameter("excludePinnedData")).isEqualTo("true");
		assertThat(calls.get(0).getUrl().queryParameter("limit")).isEqualTo("100");
		assertThat(calls.get(0).getUrl().queryParameter("cursor")).isNull();
		// the cursor is base64 with '=': it must arrive intact
		assertThat(calls.get(1).getUrl().queryParameter("cursor")).isEqualTo("eyJsaW1pdCI6NCwib2Zmc2V0Ijo0fQ==");
		assertThat(out.count()).isEqualTo(7);
		assertThat(out.truncated()).isFalse();
		WorkflowsList.Workflow webhook = out.workflows()
			.stream()
			.filter((w) -> w.id().equals("wVqnjzBPTxtG65VX"))
			.findFirst()
			.orElseThrow();
		assertThat(webhook.name()).isEqualTo("explore webhook");
		assertThat(webhook.active()).isTrue();
		assertThat(webhook.tags()).containsExactly("billing");
		assertThat(webhook.triggers()).containsExactly("webhook");
		assertThat(webhook.updatedAt()).isEqualTo(Instant.parse("2026-11-25T10:01:37.680Z"));
		assertThat(out.workflows()).extracting(WorkflowsList.Workflow::triggers)
			.contains(List.of("n8n-nodes-base.shopifyTrigger"));
	}

	@Test
	void listPassesActiveAndTagNamesAndAppliesThemAgain() {
		this.n8n.on("GET", "/api/v1/workflows", 200, "workflows-list-page2");

		WorkflowsList.Output out = connector(500).list(new WorkflowsList.Input(true, List.of("billing", " ops ")))
			.block();

		RecordedRequest call = this.n8n.only("GET", "/api/v1/workflows");
		assertThat(call.getUrl().queryParameter("active")).isEqualTo("true");
		assertThat(call.getUrl().queryParameter("tags")).isEqualTo("billing,ops");
		// n8n ignores tag names it does not know; a workflow tagged only 'billing' must
		// not come back
		assertThat(out.workflows()).extracting(WorkflowsList.Workflow::id).containsExactly("e9tWE6NsCdxvzOUM");
	}

	@Test
	void listSaysWhenMoreWorkflowsExistThanItReturns() {
		this.n8n.on("GET", "/api/v1/workflows", 200, "workflows-list-page1");

		WorkflowsList.Output out = connector(2).list(new WorkflowsList.Input(null, List.of())).block();

		assertThat(this.n8n.only("GET", "/api/v1/workflows").getUrl().queryParameter("limit")).isEqualTo("2");
		assertThat(out.count()).isEqualTo(2);
		assertThat(out.truncated()).isTrue();
	}

	@Test
	void listRejectsATagNameWithACommaBeforeCallingN8n() {
		assertThatThrownBy(() -> connector(500).list(new WorkflowsList.Input(null, List.of("a,b"))).block())
			.isInstanceOf(InvalidArgumentsException.class)
			.hasMessageContaining("tags[0]");
		assertThat(this.n8n.requests()).isEmpty();
	}

	@Test
	void createStripsReadOnlyFieldsTagsWithIdsCreatingMissingOnesAndActivatesOn1x() {
		this.n8n.on("POST", "/api/v1/workflows", 200, "workflow-create-webhook")
			.on("GET", "/api/v1/tags", 200, "tags-list")
			.on("POST", "/api/v1/tags", 201, "tag-create")
			.on("PUT", "/api/v1/workflows/e9tWE6NsCdxvzOUM/tags", 200, "workflow-tags-set")
			.on("POST", "/api/v1/workflows/e9tWE6NsCdxvzOUM/publish", 405, "workflow-publish-1x")
			.on("POST", "/api/v1/workflows/e9tWE6NsCdxvzOUM/activate", 200, "workflow-activate");

		WorkflowsCreate.Output out = connector(500)
			.create(new WorkflowsCreate.Input("explore inactive", exported(), List.of("billing", "ops"), null))
			.block();

		JsonNode sent = N8nStub.body(this.n8n.only("POST", "/api/v1/workflows"));
		assertThat(sent.propertyNames()).containsExactlyInAnyOrder("name", "nodes", "connections", "settings",
				"staticData");
		assertThat(sent.path("name").stringValue()).isEqualTo("explore inactive");
		assertThat(sent.path("nodes").get(0).has("createdAt")).isFalse();
		assertThat(N8nStub.body(this.n8n.only("POST", "/api/v1/tags")).path("name").stringValue()).isEqualTo("ops");
		JsonNode tagIds = N8nStub.body(this.n8n.only("PUT", "/api/v1/workflows/e9tWE6NsCdxvzOUM/tags"));
		assertThat(tagIds.toString()).isEqualTo("[{\"id\":\"4ziKn67AET3XQGwZ\"},{\"id\":\"6N9yaNSIWlmrUE57\"}]");
		assertThat(this.n8n.requests("POST", "/api/v1/workflows/e9tWE6NsCdxvzOUM/activate")).hasSize(1);
		assertThat(out.id()).isEqualTo("e9tWE6NsCdxvzOUM");
		assertThat(out.active()).isTrue();
		assertThat(out.tags()).containsExactly("billing", "ops");
		assertThat(out.webhooks()).containsExactly(this.n8n.url().resolve("/webhook/explore-inactive").toString());
	}

	@Test
	void createPublishesOn2xAndRemembersWhich() {
		this.n8n.on("POST", "/api/v1/workflows", 200, "workflow-create-webhook")
			.on("POST", "/api/v1/workflows/e9tWE6NsCdxvzOUM/publish", 200, "workflow-publish-2x");

		WorkflowsCreate.Output out = connector(500)
			.create(new WorkflowsCreate.Input("explore inactive", exported(), null, true))
			.block();

		assertThat(out.active()).isTrue();
		assertThat(this.n8n.requests("POST", "/api/v1/workflows/e9tWE6NsCdxvzOUM/activate")).isEmpty();
		assertThat(this.n8n.requests("GET", "/api/v1/tags")).isEmpty();
	}

	@Test
	void createWithActivateFalseLeavesTheWorkflowInactive() {
		this.n8n.on("POST", "/api/v1/workflows", 200, "workflow-create-webhook");

		WorkflowsCreate.Output out = connector(500)
			.create(new WorkflowsCreate.Input("explore inactive", exported(), null, false))
			.block();

		assertThat(out.active()).isFalse();
		assertThat(this.n8n.requests()).hasSize(1);
	}

	@Test
	void createReportsWhatN8nRefusedAsAnArgumentError() {
		this.n8n.on("POST", "/api/v1/workflows", 400, "workflow-create-invalid");

		assertThatThrownBy(() -> connector(500).create(new WorkflowsCreate.Input("x", exported(), null, true)).block())
			.isInstanceOf(InvalidArgumentsException.class)
			.hasMessage("Invalid argument 'workflow_json': n8n refused the workflow "
					+ "(HTTP 400: request/body must have required property 'settings')");
	}

	@Test
	void createSaysTheWorkflowExistsWhenActivationIsRefused() {
		this.n8n.on("POST", "/api/v1/workflows", 200, "workflow-create-webhook")
			.on("POST", "/api/v1/workflows/e9tWE6NsCdxvzOUM/publish", 405, "workflow-publish-1x")
			.on("POST", "/api/v1/workflows/e9tWE6NsCdxvzOUM/activate", 400, "workflow-activate-no-credentials");

		assertThatThrownBy(() -> connector(500).create(new WorkflowsCreate.Input("x", exported(), null, true)).block())
			.isInstanceOf(ConflictException.class)
			.hasMessageContaining("created with id 'e9tWE6NsCdxvzOUM'")
			.hasMessageContaining("Node does not have any credentials set")
			.hasMessageContaining("activate=false");
	}

	@Test
	void createPointsAtTheBrokenPartOfTheJsonWithoutCallingN8n() {
		Map<String, Object> broken = exported();
		broken.put("connections", Map.of("Webhook",
				Map.of("main", List.of(List.of(Map.of("node", "Respnd", "type", "main", "index", 0))))));

		assertThatThrownBy(() -> connector(500).create(new WorkflowsCreate.Input("x", broken, null, true)).block())
			.isInstanceOf(InvalidArgumentsException.class)
			.hasMessageContaining("workflow_json.connections.Webhook.main[0][0].node")
			.hasMessageContaining("'Respnd' is not the name of any node");
		assertThat(this.n8n.requests()).isEmpty();
	}

	@Test
	void createRejectsTagNamesN8nCannotStore() {
		assertThatThrownBy(() -> connector(500)
			.create(new WorkflowsCreate.Input("x", exported(), List.of("a-tag-name-longer-than-24-chars"), true))
			.block()).isInstanceOf(InvalidArgumentsException.class).hasMessageContaining("tags[0]");
	}

	/** A workflow as n8n exports it, read-only fields and all. */
	@SuppressWarnings("unchecked")
	static Map<String, Object> exported() {
		Map<String, Object> workflow = N8nApi.JSON.readValue(N8nStub.fixture("workflow-get-inactive"),
				new TypeReference<Map<String, Object>>() {
				});
		((List<Map<String, Object>>) workflow.get("nodes")).get(0).put("createdAt", "2026-11-25T10:11:49.808Z");
		return workflow;
	}

}
