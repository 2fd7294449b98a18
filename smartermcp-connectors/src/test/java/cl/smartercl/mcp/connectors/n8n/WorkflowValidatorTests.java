package cl.smartercl.mcp.connectors.n8n;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import cl.smartercl.mcp.core.error.InvalidArgumentsException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkflowValidatorTests {

	private static JsonNode json(String text) {
		return N8nApi.JSON.readTree(text.replace('\'', '"'));
	}

	private static ValidatedWorkflow validate(String text) {
		return WorkflowValidator.validate("workflow_json", json(text), () -> "fixed-webhook-id");
	}

	private static final String TWO_NODES = "'nodes':[{'name':'Hook','type':'n8n-nodes-base.webhook','typeVersion':2,"
			+ "'position':[0,0],'parameters':{'path':'orders','httpMethod':'POST'}},"
			+ "{'name':'Slack','type':'n8n-nodes-base.slack','typeVersion':2.2,'position':[220,0],'parameters':{}}]";

	@Test
	void anExportIsReducedToWhatN8nAcceptsAndSaysWhatWasRemoved() {
		ValidatedWorkflow valid = WorkflowValidator.validate("workflow_json",
				N8nApi.JSON.readTree(N8nStub.fixture("workflow-get-webhook")));

		assertThat(valid.workflow().propertyNames()).containsExactlyInAnyOrder("name", "nodes", "connections",
				"settings", "staticData");
		assertThat(valid.adjustments()).singleElement()
			.asString()
			.startsWith("removed read-only or editor-only fields: ")
			.contains("id", "active", "tags", "activeVersion", "versionId");
		assertThat(valid.asMap().get("nodes")).asList().hasSize(3);
	}

	@Test
	void missingSettingsPositionAndWebhookIdAreAddedAndSaid() {
		ValidatedWorkflow valid = validate("{'nodes':[{'name':'Hook','type':'n8n-nodes-base.webhook','typeVersion':2,"
				+ "'parameters':{'path':'orders'}}],'connections':{}}");

		JsonNode node = valid.workflow().path("nodes").get(0);
		assertThat(node.path("webhookId").stringValue()).isEqualTo("fixed-webhook-id");
		assertThat(node.path("position").toString()).isEqualTo("[0,0]");
		assertThat(valid.workflow().path("settings").isObject()).isTrue();
		assertThat(valid.adjustments()).hasSize(3);
	}

	@Test
	void aConnectionToANodeThatDoesNotExistIsNamedByItsPath() {
		assertThatThrownBy(() -> validate(
				"{" + TWO_NODES + ",'connections':{'Hook':{'main':[[{'node':'Slak','type':'main','index':0}]]}}}"))
			.isInstanceOf(InvalidArgumentsException.class)
			.hasMessage("Invalid argument 'workflow_json.connections.Hook.main[0][0].node': 'Slak' is not the name of "
					+ "any node; the nodes are 'Hook', 'Slack'");
	}

	@Test
	void aConnectionFromANodeThatDoesNotExistIsNamed() {
		assertThatThrownBy(() -> validate("{" + TWO_NODES + ",'connections':{'Webhook':{'main':[[]]}}}"))
			.isInstanceOf(InvalidArgumentsException.class)
			.hasMessageStartingWith("Invalid argument 'workflow_json.connections.Webhook': 'Webhook' is not the name");
	}

	@Test
	void nodeNamesMustBeUnique() {
		assertThatThrownBy(() -> validate("{'nodes':[{'name':'A','type':'n8n-nodes-base.noOp','typeVersion':1},"
				+ "{'name':'A','type':'n8n-nodes-base.noOp','typeVersion':1}],'connections':{}}"))
			.isInstanceOf(InvalidArgumentsException.class)
			.hasMessage(
					"Invalid argument 'workflow_json.nodes[1].name': 'A' is also the name of nodes[0]; node names must be unique");
	}

	@Test
	void everyNodeNeedsAProperTypeAndVersion() {
		assertThatThrownBy(() -> validate("{'nodes':[{'name':'A','typeVersion':1}],'connections':{}}"))
			.hasMessageContaining("'workflow_json.nodes[0].type': is required");
		assertThatThrownBy(() -> validate("{'nodes':[{'name':'A','type':'slack','typeVersion':1}],'connections':{}}"))
			.hasMessageContaining("'slack' is not an n8n node type");
		assertThatThrownBy(() -> validate("{'nodes':[{'name':'A','type':'n8n-nodes-base.slack'}],'connections':{}}"))
			.hasMessageContaining("'workflow_json.nodes[0].typeVersion': is required");
	}

	@Test
	void unknownFieldsAreRejectedWhereTheyAre() {
		assertThatThrownBy(() -> validate("{" + TWO_NODES + ",'conections':{}}"))
			.hasMessageStartingWith("Invalid argument 'workflow_json.conections': is not part of an n8n workflow");
		assertThatThrownBy(
				() -> validate("{'nodes':[{'name':'A','type':'n8n-nodes-base.noOp','typeVersion':1,'colour':'red'}],"
						+ "'connections':{}}"))
			.hasMessageStartingWith(
					"Invalid argument 'workflow_json.nodes[0].colour': is not a node field n8n accepts");
	}

	@Test
	void structureErrorsSayWhatIsExpected() {
		assertThatThrownBy(() -> validate("{'nodes':[],'connections':{}}")).hasMessageContaining("at least one node");
		assertThatThrownBy(() -> validate("{" + TWO_NODES + "}"))
			.hasMessageContaining("'workflow_json.connections': is required");
		assertThatThrownBy(
				() -> validate("{" + TWO_NODES + ",'connections':{'Hook':{'main':[[{'node':'Slack','index':0}]]}}}"))
			.hasMessageContaining("main[0][0].type");
		assertThatThrownBy(() -> validate("{" + TWO_NODES + ",'connections':{},'settings':{'executionOrder':'v2'}}"))
			.hasMessageContaining("settings.executionOrder");
		assertThatThrownBy(() -> WorkflowValidator.validate("workflow_json", (Map<String, Object>) null))
			.hasMessageContaining("is required");
	}

	@Test
	void aWebhookMethodMustBeAnHttpMethod() {
		assertThatThrownBy(() -> validate("{'nodes':[{'name':'Hook','type':'n8n-nodes-base.webhook','typeVersion':2,"
				+ "'parameters':{'httpMethod':'FETCH'}}],'connections':{}}"))
			.hasMessageContaining(
					"'workflow_json.nodes[0].parameters.httpMethod': must be one of DELETE, GET, HEAD, PATCH, POST, PUT");
	}

	@Test
	void aValidGraphPassesUnchanged() {
		ValidatedWorkflow valid = validate("{" + TWO_NODES
				+ ",'connections':{'Hook':{'main':[[{'node':'Slack','type':'main','index':0}]]}},'settings':{'executionOrder':'v1'}}");

		assertThat(valid.adjustments()).containsExactly("gave Webhook node 'Hook' a webhookId");
		assertThat(valid.workflow().path("connections").toString())
			.isEqualTo("{\"Hook\":{\"main\":[[{\"node\":\"Slack\",\"type\":\"main\",\"index\":0}]]}}");
		assertThat(List.of(valid.workflow().path("settings").path("executionOrder").stringValue()))
			.containsExactly("v1");
	}

}
