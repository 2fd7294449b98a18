package cl.smartercl.mcp.connectors.codegen;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import cl.smartercl.mcp.core.error.BackendException;
import cl.smartercl.mcp.core.error.InvalidArgumentsException;
import cl.smartercl.mcp.core.tool.ClientChannel;
import cl.smartercl.mcp.core.tools.codegen.GenerateN8nWorkflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class N8nWorkflowGeneratorTests {

	private final N8nWorkflowGenerator generator = new N8nWorkflowGenerator(WorkflowPlannerTests.ids());

	private static final GenerateN8nWorkflow.Input ASK = new GenerateN8nWorkflow.Input(
			"every night at 1am count yesterday's signups in postgres and post the number to slack #growth",
			List.of("postgres", "slack"));

	@Test
	void withSamplingTheClientsModelWritesItFromAPreciseInstruction() {
		ScriptedModel model = ScriptedModel.answering(ScriptedModel.NIGHTLY_REPORT);

		GenerateN8nWorkflow.Output out = this.generator.generate(ASK, model).block();

		ScriptedModel.Request request = model.requests.get(0);
		assertThat(request.systemPrompt()).contains("Answer with ONE JSON object and nothing else",
				"- n8n-nodes-base.scheduleTrigger (typeVersion 1 | 1.1 | 1.2 | 1.3)",
				"- n8n-nodes-base.slack (typeVersion 2 | 2.1 | 2.2 | 2.3 | 2.4)", "\"executionId\"",
				"Never set \"credentials\"", "Never invent URLs");
		assertThat(request.userMessage()).isEqualTo("Write the n8n workflow for this request:\n" + ASK.description()
				+ "\nIt may use only these services: postgres, slack");
		assertThat(request.maxTokens()).isEqualTo(8000);
		assertThat(out.source()).isEqualTo("sampling");
		assertThat(out.name()).isEqualTo("Nightly signups report");
		assertThat(out.unmapped()).containsExactly("chart of the trend");
		JsonNode wf = N8nNodes.JSON.valueToTree(out.workflow());
		List<String> names = new ArrayList<>();
		wf.path("nodes").forEach((n) -> names.add(n.path("name").asString()));
		// the model's schedule gets the on-demand entry; its made-up credentials are gone
		assertThat(names).containsExactly("Every night", "Count signups", "Post to Slack", "Run now",
				"Answer with execution id");
		assertThat(wf.path("connections")
			.path("Answer with execution id")
			.path("main")
			.get(0)
			.get(0)
			.path("node")
			.asString()).isEqualTo("Count signups");
		assertThat(wf.path("nodes").get(2).has("credentials")).isFalse();
		assertThat(out.notes())
			.contains("Pick Postgres and Slack credentials in n8n.",
					"Removed the credentials the model set on Post to Slack; pick them in n8n.")
			.anyMatch((n) -> n.startsWith("Added a 'Run now' webhook (POST /webhook/run-nightly-signups-report-"));
	}

	@Test
	void prosePlusACodeFenceAroundTheJsonIsRead() {
		ScriptedModel model = ScriptedModel
			.answering("Here is your workflow:\n```json\n" + ScriptedModel.NIGHTLY_REPORT + "\n```\nEnjoy!");

		assertThat(this.generator.generate(ASK, model).block().name()).isEqualTo("Nightly signups report");
	}

	@Test
	void aNodeTypeOutsideTheAllowedOnesIsRejectedNotPassedOn() {
		ScriptedModel model = ScriptedModel
			.answering(ScriptedModel.NIGHTLY_REPORT.replace("n8n-nodes-base.slack", "n8n-nodes-base.slackk"));

		assertThatThrownBy(() -> this.generator.generate(ASK, model).block()).isInstanceOf(BackendException.class)
			.hasMessageStartingWith(
					"Service 'sampling' reported an error: the client's model did not write a usable n8n "
							+ "workflow: the workflow it wrote is invalid: 'workflow.nodes[2]': node 'Post to Slack': type "
							+ "'n8n-nodes-base.slackk' is not one of the allowed node types");
	}

	@Test
	void aConnectionToAMissingNodeIsRejectedWithItsPath() {
		ScriptedModel model = ScriptedModel
			.answering(ScriptedModel.NIGHTLY_REPORT.replace("{\"node\": \"Post to Slack\"", "{\"node\": \"Slack\""));

		assertThatThrownBy(() -> this.generator.generate(ASK, model).block()).isInstanceOf(BackendException.class)
			.hasMessageContaining(
					"'workflow.connections.Count signups.main[0][0].node': 'Slack' is not the name of any node");
	}

	@Test
	void aWrongTypeVersionOrScheduleIsRejected() {
		assertThatThrownBy(
				() -> this.generator
					.generate(ASK,
							ScriptedModel.answering(
									ScriptedModel.NIGHTLY_REPORT.replace("\"typeVersion\": 2.5", "\"typeVersion\": 7")))
					.block())
			.hasMessageContaining("typeVersion 7 of n8n-nodes-base.postgres is not one n8n offers");
		assertThatThrownBy(() -> this.generator
			.generate(ASK, ScriptedModel.answering(ScriptedModel.NIGHTLY_REPORT.replace("0 1 * * *", "at one")))
			.block()).hasMessageContaining("cron expression 'at one' needs 5 or 6 fields");
	}

	@Test
	void anAnswerThatIsNotJsonOrHoldsNoWorkflowIsRejected() {
		assertThatThrownBy(
				() -> this.generator.generate(ASK, ScriptedModel.answering("I cannot help with that.")).block())
			.isInstanceOf(BackendException.class)
			.hasMessageEndingWith("its answer holds no JSON object (it began: \"I cannot help with that.\")");
		assertThatThrownBy(
				() -> this.generator.generate(ASK, ScriptedModel.answering("{\"name\": \"x\", \"nodes\": [}")).block())
			.isInstanceOf(BackendException.class)
			.hasMessageContaining("its answer is not valid JSON");
		assertThatThrownBy(() -> this.generator.generate(ASK, ScriptedModel.answering("{\"name\": \"x\"}")).block())
			.isInstanceOf(BackendException.class)
			.hasMessageEndingWith("its answer has no \"workflow\" object with nodes and connections");
		assertThatThrownBy(() -> this.generator.generate(ASK,
				ScriptedModel.answering(ScriptedModel.NIGHTLY_REPORT.replace("\"unmapped\": [\"chart of the trend\"]",
						"\"unmapped\": \"none\"")))
			.block()).hasMessageEndingWith("\"unmapped\" in its answer is not a list of strings");
	}

	@Test
	void aModelThatUsesAServiceOutsideTheAllowedOnesIsRejected() {
		GenerateN8nWorkflow.Input onlyEmail = new GenerateN8nWorkflow.Input(ASK.description(),
				List.of("postgres", "email"));

		assertThatThrownBy(
				() -> this.generator.generate(onlyEmail, ScriptedModel.answering(ScriptedModel.NIGHTLY_REPORT)).block())
			.isInstanceOf(BackendException.class)
			.hasMessageEndingWith(
					"node 'Post to Slack' uses slack, which is not among the allowed services (postgres, email)");
	}

	@Test
	void theInstructionListsEveryAllowedTypeWithAnExample() {
		for (String type : N8nNodes.KINDS.keySet()) {
			assertThat(SampledWorkflow.SYSTEM_PROMPT).contains("- " + type + " (typeVersion ");
		}
		assertThat(SampledWorkflow.SYSTEM_PROMPT)
			.contains("\"type\":\"n8n-nodes-base.respondToWebhook\",\"typeVersion\":1.1,"
					+ "\"parameters\":{\"respondWith\":\"json\",\"responseBody\":\"={{ { \\\"executionId\\\": $execution.id } }}\"");
	}

	@Test
	void aWorkflowWithoutTriggerIsRejected() {
		String noTrigger = """
				{"name": "x", "workflow": {"nodes": [{"name": "A", "type": "n8n-nodes-base.noOp", "typeVersion": 1,
				 "position": [0, 0], "parameters": {}}], "connections": {}}}""";

		assertThatThrownBy(() -> this.generator.generate(ASK, ScriptedModel.answering(noTrigger)).block())
			.hasMessageContaining("'workflow.nodes': has no enabled trigger node");
	}

	@Test
	void whenTheClientCannotAnswerThePlannerStepsInAndSaysSo() {
		GenerateN8nWorkflow.Output out = this.generator
			.generate(ASK, ScriptedModel.failing(new IllegalStateException("user declined")))
			.block();

		assertThat(out.source()).isEqualTo("planner");
		assertThat(out.notes().get(0))
			.isEqualTo("The client's model gave no answer, so SmarterMCP's planner wrote this workflow.");
	}

	@Test
	void withoutSamplingThePlannerWritesIt() {
		GenerateN8nWorkflow.Output out = this.generator.generate(ASK, ClientChannel.NONE).block();

		assertThat(out.source()).isEqualTo("planner");
		assertThat(out.name()).startsWith("Daily at 01:00");
	}

	@Test
	void aMissingDescriptionIsAnArgumentError() {
		assertThatThrownBy(
				() -> this.generator.generate(new GenerateN8nWorkflow.Input(null, null), ClientChannel.NONE).block())
			.isInstanceOf(InvalidArgumentsException.class)
			.hasMessageContaining("description");
	}

}
