package cl.smartercl.mcp.connectors.codegen;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import cl.smartercl.mcp.core.tools.codegen.GenerateN8nWorkflow;

import static org.assertj.core.api.Assertions.assertThat;

class WorkflowPlannerTests {

	/** Counting ids: the same description gives the same workflow. */
	static Supplier<UUID> ids() {
		AtomicLong next = new AtomicLong();
		return () -> new UUID(0xABCDEFL, next.incrementAndGet());
	}

	private static GenerateN8nWorkflow.Output plan(String description, String... services) {
		return new WorkflowPlanner(ids()).plan(new GenerateN8nWorkflow.Input(description, List.of(services)));
	}

	private static JsonNode workflow(GenerateN8nWorkflow.Output out) {
		return N8nNodes.JSON.valueToTree(out.workflow());
	}

	private static JsonNode node(JsonNode workflow, String name) {
		for (JsonNode node : workflow.path("nodes")) {
			if (node.path("name").asString().equals(name)) {
				return node;
			}
		}
		throw new AssertionError("no node '" + name + "' in " + names(workflow));
	}

	private static List<String> names(JsonNode workflow) {
		List<String> names = new ArrayList<>();
		workflow.path("nodes").forEach((n) -> names.add(n.path("name").asString()));
		return names;
	}

	private static List<String> next(JsonNode workflow, String from) {
		List<String> targets = new ArrayList<>();
		workflow.path("connections")
			.path(from)
			.path("main")
			.path(0)
			.forEach((t) -> targets.add(t.path("node").asString()));
		return targets;
	}

	@Test
	void aNightlyBackupReadsTheTableWritesACsvToS3PostsToSlackAndCanRunNow() {
		GenerateN8nWorkflow.Output out = plan(
				"Every day at 2am back up the orders table to S3 bucket acme-backups and post to Slack #ops");
		JsonNode wf = workflow(out);

		assertThat(out.source()).isEqualTo("planner");
		assertThat(out.name()).isEqualTo("Daily at 02:00: Read orders (Postgres) → Upload to S3 → Notify Slack #ops");
		assertThat(out.unmapped()).isEmpty();
		JsonNode schedule = node(wf, "Schedule: Daily at 02:00");
		assertThat(schedule.path("type").asString()).isEqualTo("n8n-nodes-base.scheduleTrigger");
		assertThat(schedule.path("parameters").path("rule").path("interval").get(0).toString())
			.isEqualTo("{\"field\":\"cronExpression\",\"expression\":\"0 2 * * *\"}");
		assertThat(next(wf, "Schedule: Daily at 02:00")).containsExactly("Read orders (Postgres)");
		JsonNode read = node(wf, "Read orders (Postgres)");
		assertThat(read.path("parameters").path("operation").asString()).isEqualTo("select");
		assertThat(read.path("parameters").path("table").path("value").asString()).isEqualTo("orders");
		assertThat(read.path("parameters").path("returnAll").asBoolean()).isTrue();
		assertThat(next(wf, "Read orders (Postgres)")).containsExactly("Rows as CSV file");
		assertThat(node(wf, "Rows as CSV file").path("parameters").path("operation").asString()).isEqualTo("csv");
		JsonNode s3 = node(wf, "Upload to S3");
		assertThat(s3.path("type").asString()).isEqualTo("n8n-nodes-base.awsS3");
		assertThat(s3.path("parameters").path("bucketName").asString()).isEqualTo("acme-backups");
		assertThat(s3.path("parameters").path("fileName").asString())
			.isEqualTo("=orders-{{ $now.toFormat('yyyyMMdd-HHmmss') }}.csv");
		JsonNode slack = node(wf, "Notify Slack #ops");
		assertThat(slack.path("parameters").path("channelId").path("value").asString()).isEqualTo("#ops");
		assertThat(slack.path("executeOnce").asBoolean()).isTrue();
		assertThat(slack.has("credentials")).isFalse();
		// the on-demand entry runs the same steps and answers with the execution id
		JsonNode runNow = node(wf, "Run now");
		assertThat(runNow.path("parameters").path("httpMethod").asString()).isEqualTo("POST");
		assertThat(runNow.path("parameters").path("responseMode").asString()).isEqualTo("responseNode");
		assertThat(runNow.path("webhookId").asString()).isNotBlank();
		assertThat(next(wf, "Run now")).containsExactly("Answer with execution id");
		assertThat(node(wf, "Answer with execution id").path("parameters").path("responseBody").asString())
			.isEqualTo("={{ { \"executionId\": $execution.id } }}");
		assertThat(next(wf, "Answer with execution id")).containsExactly("Read orders (Postgres)");
		assertThat(out.notes()).anyMatch((n) -> n.startsWith("Added a 'Run now' webhook (POST /webhook/run-"))
			.contains("Pick credentials in n8n for: Postgres, AWS (S3), Slack.");
	}

	@Test
	void theSameDescriptionGivesTheSameWorkflow() {
		assertThat(plan("weekdays at 9 email ops@example.com").workflow())
			.isEqualTo(plan("weekdays at 9 email ops@example.com").workflow());
	}

	@Test
	void aWebhookWorkflowAnswersWithItsExecutionIdAndHandsTheBodyOn() {
		GenerateN8nWorkflow.Output out = plan("When a webhook receives a new lead, post it to Slack #sales");
		JsonNode wf = workflow(out);

		assertThat(names(wf)).containsExactly("Webhook", "Answer with execution id", "Use request body",
				"Notify Slack #sales");
		assertThat(next(wf, "Webhook")).containsExactly("Answer with execution id");
		assertThat(next(wf, "Answer with execution id")).containsExactly("Use request body");
		assertThat(next(wf, "Use request body")).containsExactly("Notify Slack #sales");
		assertThat(node(wf, "Webhook").path("parameters").path("path").asString())
			.startsWith("smartermcp-notify-slack-sales-");
		assertThat(node(wf, "Use request body").path("parameters").path("jsCode").asString())
			.contains("item.json.body");
	}

	@Test
	void aShopifyOrderGoesToSupabaseAndCanBeReplayedThroughRunNow() {
		GenerateN8nWorkflow.Output out = plan(
				"When an order is created in Shopify, save it to the Supabase orders table");
		JsonNode wf = workflow(out);

		JsonNode trigger = node(wf, "Shopify: orders/create");
		assertThat(trigger.path("type").asString()).isEqualTo("n8n-nodes-base.shopifyTrigger");
		assertThat(trigger.path("parameters").path("topic").asString()).isEqualTo("orders/create");
		assertThat(trigger.path("disabled").asBoolean()).isTrue();
		JsonNode save = node(wf, "Save to orders (Supabase)");
		assertThat(save.path("parameters").path("operation").asString()).isEqualTo("create");
		assertThat(save.path("parameters").path("tableId").asString()).isEqualTo("orders");
		assertThat(save.path("parameters").path("dataToSend").asString()).isEqualTo("autoMapInputData");
		assertThat(next(wf, "Shopify: orders/create")).containsExactly("Save to orders (Supabase)");
		assertThat(next(wf, "Answer with execution id")).containsExactly("Use request body as the event");
		assertThat(next(wf, "Use request body as the event")).containsExactly("Save to orders (Supabase)");
		assertThat(out.notes()).anyMatch((n) -> n.startsWith("The Shopify trigger is disabled"));
	}

	@Test
	void anIntervalFetchWritesToPostgres() {
		JsonNode wf = workflow(plan(
				"Every 15 minutes fetch https://api.example.com/rates and insert them into the rates table in Postgres"));

		JsonNode schedule = node(wf, "Schedule: Every 15 minutes");
		assertThat(schedule.path("parameters").path("rule").path("interval").get(0).toString())
			.isEqualTo("{\"field\":\"minutes\",\"minutesInterval\":15}");
		JsonNode call = node(wf, "GET api.example.com");
		assertThat(call.path("parameters").path("url").asString()).isEqualTo("https://api.example.com/rates");
		assertThat(call.path("parameters").path("method").asString()).isEqualTo("GET");
		JsonNode insert = node(wf, "Save to rates (Postgres)");
		assertThat(insert.path("parameters").path("operation").asString()).isEqualTo("insert");
		assertThat(insert.path("parameters").path("columns").path("mappingMode").asString())
			.isEqualTo("autoMapInputData");
		assertThat(next(wf, "GET api.example.com")).containsExactly("Save to rates (Postgres)");
	}

	@Test
	void aPostToAUrlSendsTheItemAsJson() {
		JsonNode wf = workflow(
				plan("Receive form submissions via webhook and POST them to https://crm.example.com/api/leads"));

		JsonNode call = node(wf, "POST crm.example.com");
		assertThat(call.path("parameters").path("method").asString()).isEqualTo("POST");
		assertThat(call.path("parameters").path("sendBody").asBoolean()).isTrue();
		assertThat(call.path("parameters").path("jsonBody").asString()).isEqualTo("={{ JSON.stringify($json) }}");
	}

	@Test
	void anEmailTakesItsAddressesAndQuotedText() {
		JsonNode wf = workflow(
				plan("Weekdays at 9 send an email to team@example.com from bot@example.com with 'Good morning'"));

		JsonNode email = node(wf, "Send email");
		assertThat(email.path("type").asString()).isEqualTo("n8n-nodes-base.emailSend");
		assertThat(email.path("parameters").path("toEmail").asString()).isEqualTo("team@example.com");
		assertThat(email.path("parameters").path("fromEmail").asString()).isEqualTo("bot@example.com");
		assertThat(email.path("parameters").path("text").asString()).isEqualTo("Good morning");
		assertThat(node(wf, "Schedule: Weekdays at 09:00").path("parameters")
			.path("rule")
			.path("interval")
			.get(0)
			.path("expression")
			.asString()).isEqualTo("0 9 * * 1-5");
	}

	@Test
	void whatItCannotMapIsReturnedAndNotGuessed() {
		GenerateN8nWorkflow.Output out = plan(
				"Receive form submissions via webhook, notify #growth on slack, then translate it to french");

		assertThat(out.unmapped()).containsExactly("translate it to french");
	}

	@Test
	void missingDetailsStayEmptyAndAreNamedInTheNotes() {
		GenerateN8nWorkflow.Output out = plan("every night back up the invoices table to s3 and notify slack");
		JsonNode wf = workflow(out);

		assertThat(node(wf, "Upload to S3").path("parameters").path("bucketName").asString()).isEmpty();
		assertThat(node(wf, "Notify Slack").path("parameters").path("channelId").path("value").asString()).isEmpty();
		assertThat(out.notes()).contains("Set the bucket on node 'Upload to S3' (the description names none).",
				"Set the Slack channel on node 'Notify Slack' (the description names none).",
				"Daily without a time: runs at midnight.");
	}

	@Test
	void aServiceOutsideTheAllowedOnesIsNotUsed() {
		GenerateN8nWorkflow.Output out = plan("every hour read the orders table and post a summary to slack #ops",
				"postgres", "email");

		assertThat(names(workflow(out))).doesNotContain("Notify Slack #ops");
		assertThat(out.unmapped()).singleElement()
			.asString()
			.contains("needs slack, which is not among the allowed services");
	}

	@Test
	void aShopifyEventOutsideTheAllowedServicesIsNotTheTrigger() {
		GenerateN8nWorkflow.Output out = plan(
				"When an order is created in Shopify, save it to the Supabase orders table", "supabase");

		assertThat(names(workflow(out))).doesNotContain("Shopify: orders/create")
			.contains("Webhook", "Save to orders (Supabase)");
		assertThat(out.unmapped()).containsExactly("When an order is created in Shopify");
		assertThat(out.notes())
			.contains("Shopify is not among the allowed services, so the workflow starts from its webhook instead.");
	}

	@Test
	void supabaseIsTheDatabaseWhenItIsTheAllowedOne() {
		JsonNode wf = workflow(plan("every day at 6am read the signups table from the database", "supabase"));

		assertThat(node(wf, "Read signups (Supabase)").path("parameters").path("operation").asString())
			.isEqualTo("getAll");
	}

	@Test
	void withoutATriggerTheWorkflowRunsFromItsWebhook() {
		GenerateN8nWorkflow.Output out = plan("post to https://hooks.example.com/deploy");

		assertThat(names(workflow(out))).startsWith("Webhook", "Answer with execution id");
		assertThat(out.notes()).anyMatch((n) -> n.startsWith("The description names no trigger"));
	}

	@Test
	void aTimezoneInTheDescriptionIsTheWorkflowsTimezone() {
		JsonNode wf = workflow(plan("every monday at 8:30 America/Santiago email ops@example.com"));

		assertThat(wf.path("settings").path("timezone").asString()).isEqualTo("America/Santiago");
		assertThat(wf.path("settings").path("executionOrder").asString()).isEqualTo("v1");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			daily at 2am                      | Daily at 02:00            | 0 2 * * *
			every day at 2:30 pm              | Daily at 14:30            | 30 14 * * *
			weekdays at 9                     | Weekdays at 09:00         | 0 9 * * 1-5
			monday to friday at 17:45         | Weekdays at 17:45         | 45 17 * * 1-5
			every monday and thursday at 7am  | Monday and thursday at 07:00 | 0 7 * * 1,4
			on weekends at noon               | Weekends at 12:00         | 0 12 * * 0,6
			monthly on the 15th at 6am        | Monthly on day 15 at 06:00 | 0 6 15 * *
			at 11pm                           | Daily at 23:00            | 0 23 * * *
			nightly                           | Daily at 00:00            | 0 0 * * *
			""")
	void calendarSchedulesBecomeCron(String words, String label, String cron) {
		SchedulePhrase schedule = SchedulePhrase.find(words).orElseThrow();

		assertThat(schedule.label()).isEqualTo(label);
		assertThat(schedule.spec().parameters().path("rule").path("interval").get(0).path("expression").asString())
			.isEqualTo(cron);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			every 15 minutes | Every 15 minutes | minutes | 15
			every 5 mins     | Every 5 minutes  | minutes | 5
			hourly           | Every hour       | hours   | 1
			every 120 minutes | Every 2 hours   | hours   | 2
			every half hour  | Every 30 minutes | minutes | 30
			""")
	void intervalsUseTheTriggersIntervalRules(String words, String label, String field, int interval) {
		SchedulePhrase schedule = SchedulePhrase.find(words).orElseThrow();
		JsonNode rule = schedule.spec().parameters().path("rule").path("interval").get(0);

		assertThat(schedule.label()).isEqualTo(label);
		assertThat(rule.path("field").asString()).isEqualTo(field);
		assertThat(rule.path(field + "Interval").asInt()).isEqualTo(interval);
	}

	@Test
	void numbersThatAreNotTimesAreNotSchedules() {
		assertThat(SchedulePhrase.find("post the order at 5 shops")).isEmpty();
		assertThat(SchedulePhrase.find("every 90 minutes")).isEmpty();
	}

}
