package cl.smartercl.mcp.client;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cl.smartercl.mcp.client.ServicesClient.Filter;
import cl.smartercl.mcp.client.generated.ApiClient;
import cl.smartercl.mcp.client.generated.api.ServicesApi;
import cl.smartercl.mcp.client.model.AnalyticsKpisOutput;
import cl.smartercl.mcp.client.model.AnalyticsReportsFormat;
import cl.smartercl.mcp.client.model.AnalyticsReportsOutput;
import cl.smartercl.mcp.client.model.BotsAnalyticsOutput;
import cl.smartercl.mcp.client.model.BotsDeployOutput;
import cl.smartercl.mcp.client.model.BotsListOutput;
import cl.smartercl.mcp.client.model.BotsListStatus;
import cl.smartercl.mcp.client.model.BotsPeriod;
import cl.smartercl.mcp.client.model.ContactFilterType;
import cl.smartercl.mcp.client.model.ContactKind;
import cl.smartercl.mcp.client.model.CrmContactsUpsertAction;
import cl.smartercl.mcp.client.model.ContactFilter;
import cl.smartercl.mcp.client.model.ContactsPage;
import cl.smartercl.mcp.client.model.CrmContactsUpsertFields;
import cl.smartercl.mcp.client.model.CrmContactsUpsertOutput;
import cl.smartercl.mcp.client.model.ContainersListFilter;
import cl.smartercl.mcp.client.model.ContainersListOutput;
import cl.smartercl.mcp.client.model.DocsServicesOutput;
import cl.smartercl.mcp.client.model.GenerateN8nWorkflowOutput;
import cl.smartercl.mcp.client.model.Health;
import cl.smartercl.mcp.client.model.IssueTokenRequest;
import cl.smartercl.mcp.client.model.IssuedToken;
import cl.smartercl.mcp.client.model.LogLevel;
import cl.smartercl.mcp.client.model.Period;
import cl.smartercl.mcp.client.model.ServiceType;
import cl.smartercl.mcp.client.model.ServicesListInput;
import cl.smartercl.mcp.client.model.ServicesListOutput;
import cl.smartercl.mcp.client.model.ConversationsPage;
import cl.smartercl.mcp.client.model.SupportConversationsListInput;
import cl.smartercl.mcp.client.model.SupportConversationsListStatus;
import cl.smartercl.mcp.client.model.SupportMetricsOutput;
import cl.smartercl.mcp.client.model.WorkflowsTriggerOutput;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One call per category through the facade: the request it sends, and how the answer
 * maps.
 */
class ToolRequestsTests {

	private final MockServer server = new MockServer();

	private final SmarterMCP client = this.server.client();

	@AfterEach
	void close() {
		this.server.close();
	}

	@Test
	void servicesListSendsTheFilter() {
		this.server.okFixture("services_list-backend");
		ServicesListOutput out = this.client.services().list(Filter.BACKEND);
		RecordedRequest request = assertPost("/tools/services_list");
		assertThat(MockServer.body(request).toString()).isEqualTo("{\"filter\":\"backend\"}");
		assertThat(out.getCount()).isEqualTo(2);
		assertThat(out.getServices()).extracting((s) -> s.getId()).containsExactly("n8n", "odoo");
		assertThat(out.getServices().get(0).getType()).isEqualTo(ServiceType.BACKEND);
		assertThat(out.getServices().get(1).getHealth()).isNull();
	}

	@Test
	void workflowsTriggerSendsIdAndFreeFormInput() {
		this.server.okFixture("workflows_trigger-ok");
		WorkflowsTriggerOutput out = this.client.workflows()
			.trigger("Xq3YbQk1sVh2dR9a", Map.of("order_id", 4211, "items", List.of("a", "b")));
		JsonNode body = MockServer.body(assertPost("/tools/workflows_trigger"));
		assertThat(body.path("workflow_id").asText()).isEqualTo("Xq3YbQk1sVh2dR9a");
		assertThat(body.path("input_data").path("order_id").asInt()).isEqualTo(4211);
		assertThat(body.path("input_data").path("items").toString()).isEqualTo("[\"a\",\"b\"]");
		assertThat(out.getExecutionId()).isEqualTo("1874");
		assertThat(out.getStartedAt()).isEqualTo(OffsetDateTime.parse("2026-11-25T10:14:03.512Z"));
		assertThat(out.getResponse()).isEqualTo(Map.of("received", true, "order_id", 4211));
	}

	@Test
	void analyticsKpisSendsTheNames() {
		this.server.okFixture("analytics_kpis-revenue");
		AnalyticsKpisOutput out = this.client.analytics().kpis(List.of("revenue_mtd", "conversion_rate"));
		assertThat(MockServer.body(assertPost("/tools/analytics_kpis")).toString())
			.isEqualTo("{\"kpis\":[\"revenue_mtd\",\"conversion_rate\"]}");
		assertThat(out.getKpis().get(0).getValue()).isEqualByComparingTo(new BigDecimal("48213.5"));
		assertThat(out.getKpis().get(0).getDisplay()).isEqualTo("$48,213.50");
		assertThat(out.getKpis().get(0).getQuestion().getId()).isEqualTo(12L);
		assertThat(out.getKpis().get(1).getValue()).isNull();
		assertThat(out.getKpis().get(1).getError()).contains("answered no rows");
		assertThat(out.getFailed()).isEqualTo(1);
	}

	@Test
	void crmContactsSearchSendsTheQuery() {
		this.server.okFixture("crm_contacts_search-acme");
		ContactsPage page = this.client.crm().contacts().search("acme");
		assertThat(MockServer.body(assertPost("/tools/crm_contacts_search")).toString())
			.isEqualTo("{\"query\":\"acme\"}");
		assertThat(page.getCount()).isEqualTo(3);
		assertThat(page.getContacts().get(0).getKind()).isEqualTo(ContactKind.CONTACT);
		assertThat(page.getContacts().get(2).getKind()).isEqualTo(ContactKind.LEAD);
		assertThat(page.getContacts().get(0).getIsCompany()).isTrue();
		assertThat(page.getContacts().get(1).getCompany()).isEqualTo("Acme Corporation");
		assertThat(page.getContacts().get(1).getId()).isEqualTo(27L);
	}

	@Test
	void crmContactsListSendsTheFilterAndFollowsTheCursor() {
		this.server.okFixture("crm_contacts_list-chile");
		this.server.okFixture("crm_contacts_list-chile");
		ContactFilter filter = new ContactFilter().country("CL").type(ContactFilterType.COMPANY);
		ContactsPage page = this.client.crm().contacts().list(filter, 1);
		assertThat(MockServer.body(assertPost("/tools/crm_contacts_list")).toString())
			.isEqualTo("{\"filter\":{\"country\":\"CL\",\"type\":\"company\"},\"limit\":1}");
		assertThat(page.getTruncated()).isTrue();
		assertThat(page.getTotal()).isEqualTo(3L);
		this.client.crm().contacts().next(filter, 1, page);
		assertThat(MockServer.body(assertPost("/tools/crm_contacts_list")).path("cursor").asText())
			.isEqualTo(page.getNextCursor());
	}

	@Test
	void crmContactsUpdateSendsTheIdAndReadsTheAction() {
		this.server.okFixture("crm_contacts_upsert-updated");
		CrmContactsUpsertOutput out = this.client.crm()
			.contacts()
			.update(53, new CrmContactsUpsertFields().name("Camila Rojas").email("camila.rojas@losandes.example.cl"));
		JsonNode body = MockServer.body(assertPost("/tools/crm_contacts_upsert"));
		assertThat(body.path("id").asLong()).isEqualTo(53L);
		assertThat(body.path("contact").path("name").asText()).isEqualTo("Camila Rojas");
		assertThat(out.getAction()).isEqualTo(CrmContactsUpsertAction.UPDATED);
		assertThat(out.getId()).isEqualTo(53L);
	}

	@Test
	void supportMetricsSendsThePeriod() {
		this.server.okFixture("support_metrics-week");
		SupportMetricsOutput out = this.client.support().metrics(Period.WEEK);
		assertThat(MockServer.body(assertPost("/tools/support_metrics")).toString()).isEqualTo("{\"period\":\"week\"}");
		assertThat(out.getConversations().getCurrent()).isEqualTo(142L);
		assertThat(out.getConversations().getPrevious()).isEqualTo(120L);
		assertThat(out.getCsat().getScorePercent()).isEqualTo(91.3);
		assertThat(out.getAvgFirstResponse().getSeconds()).isEqualTo(312.4);
		assertThat(out.getAvgFirstResponse().getHuman()).isEqualTo("5 min 12 s");
		assertThat(out.getTimezone()).isEqualTo("America/Santiago");
	}

	@Test
	void supportConversationsSendStatusAssigneeLimitThenTheCursor() {
		this.server.okFixture("support_conversations_list-carla");
		ConversationsPage page = this.client.support()
			.conversations(SupportConversationsListStatus.OPEN, "Carla Online", 1);
		assertThat(MockServer.body(assertPost("/tools/support_conversations_list")).toString())
			.isEqualTo("{\"assignee\":\"Carla Online\",\"limit\":1,\"status\":\"open\"}");
		assertThat(page.getConversations().get(0).getAssignee().getName()).isEqualTo("Carla Online");
		assertThat(page.getConversations().get(0).getInbox().getName()).isEqualTo("Website");
		assertThat(page.getTotal()).isEqualTo(9L);
		this.server.okFixture("support_conversations_list-carla");
		this.client.support()
			.nextConversations(new SupportConversationsListInput().status(SupportConversationsListStatus.OPEN)
				.assignee("Carla Online")
				.limit(1), page);
		assertThat(MockServer.body(assertPost("/tools/support_conversations_list")).path("cursor").asText())
			.isEqualTo("Y2hhdHdvb3QtY29udmVyc2F0aW9ucy1vcGVuOjE");
	}

	@Test
	void botsAnalyticsSendsBotAndPeriod() {
		this.server.okFixture("bots_analytics-month");
		BotsAnalyticsOutput out = this.client.bots()
			.analytics("b7c1e2d4-5a3f-4c9e-9b0a-2f6d8e1c3a57", BotsPeriod.MONTH);
		JsonNode body = MockServer.body(assertPost("/tools/bots_analytics"));
		assertThat(body.path("bot_id").asText()).isEqualTo("b7c1e2d4-5a3f-4c9e-9b0a-2f6d8e1c3a57");
		assertThat(body.path("period").asText()).isEqualTo("month");
		assertThat(out.getMetrics().get(0).getName()).isEqualTo("sessions");
		assertThat(out.getMetrics().get(0).getValue()).isEqualTo(3120.0);
		assertThat(out.getMetrics().get(1).getSourceMetric()).isEqualTo("userMessages");
		assertThat(out.getUnavailable()).singleElement().asString().startsWith("completion_rate");
	}

	@Test
	void botsAnalyticsSendsACustomPeriod() {
		this.server.okFixture("bots_analytics-month");
		this.client.bots()
			.analytics("bot_1", OffsetDateTime.parse("2026-11-01T00:00:00Z"),
					OffsetDateTime.parse("2026-11-08T00:00:00Z"));
		JsonNode body = MockServer.body(assertPost("/tools/bots_analytics"));
		assertThat(body.has("period")).isFalse();
		assertThat(OffsetDateTime.parse(body.path("from").asText()))
			.isEqualTo(OffsetDateTime.parse("2026-11-01T00:00:00Z"));
		assertThat(OffsetDateTime.parse(body.path("to").asText()))
			.isEqualTo(OffsetDateTime.parse("2026-11-08T00:00:00Z"));
	}

	@Test
	void botsListSendsTheCursorAndReadsTheNextOne() {
		this.server.respond(200, "application/json",
				"""
						{"bots":[{"id":"bot_1","name":"Orders","status":"not_deployed"}],"count":1,"truncated":true,"next_cursor":"c2"}""");
		BotsListOutput out = this.client.bots().list("c1");
		assertThat(MockServer.body(assertPost("/tools/bots_list")).toString()).isEqualTo("{\"cursor\":\"c1\"}");
		assertThat(out.getNextCursor()).isEqualTo("c2");
		assertThat(out.getBots().get(0).getStatus()).isEqualTo(BotsListStatus.NOT_DEPLOYED);
	}

	@Test
	void botsDeploySendsVersionAndForce() {
		this.server.respond(200, "application/json", """
				{"bot_id":"welcome-bot","version":"1.1.0","status":"unchanged","previous_version":"1.1.0",
				 "message":"Nothing to do"}""");
		BotsDeployOutput out = this.client.bots().deploy("welcome-bot", "1.1.0", true);
		JsonNode body = MockServer.body(assertPost("/tools/bots_deploy"));
		assertThat(body.path("bot_id").asText()).isEqualTo("welcome-bot");
		assertThat(body.path("version").asText()).isEqualTo("1.1.0");
		assertThat(body.path("force").asBoolean()).isTrue();
		assertThat(out.getStatus()).isEqualTo("unchanged");
	}

	@Test
	void containersListSendsTheFilter() {
		this.server.okFixture("containers_list-error");
		ContainersListOutput out = this.client.infrastructure().containers(ContainersListFilter.ERROR);
		assertThat(MockServer.body(assertPost("/tools/containers_list")).toString())
			.isEqualTo("{\"filter\":\"error\"}");
		assertThat(out.getContainers().get(0).getExitCode()).isEqualTo(137);
		assertThat(out.getContainers().get(0).getState()).isEqualTo("exited");
	}

	@Test
	void docsServicesSendsTheServiceId() {
		this.server.okFixture("docs_services-n8n");
		DocsServicesOutput out = this.client.documentation().service("n8n");
		assertThat(MockServer.body(assertPost("/tools/docs_services")).toString())
			.isEqualTo("{\"service_id\":\"n8n\"}");
		assertThat(out.getTools()).contains("workflows_trigger");
		assertThat(out.getConfiguration()).containsEntry("api-key", "****");
	}

	@Test
	void generateN8nWorkflowSendsDescriptionAndServices() {
		this.server.okFixture("generate_n8n_workflow-backup");
		GenerateN8nWorkflowOutput out = this.client.codegen()
			.n8nWorkflow("every day at 2am back up the orders table", List.of("postgres"));
		JsonNode body = MockServer.body(assertPost("/tools/generate_n8n_workflow"));
		assertThat(body.path("description").asText()).isEqualTo("every day at 2am back up the orders table");
		assertThat(body.path("services").toString()).isEqualTo("[\"postgres\"]");
		assertThat(out.getSource()).isEqualTo("planner");
		assertThat(out.getWorkflow()).isInstanceOf(Map.class);
		assertThat(List.copyOf(((Map<?, ?>) out.getWorkflow()).keySet())).asString()
			.isEqualTo("[nodes, connections, settings]");
	}

	@Test
	void analyticsReportsSendsQueryFormatAndLimit() {
		this.server.okFixture("analytics_reports-markdown");
		AnalyticsReportsOutput out = this.client.analytics()
			.reports("Top customers by revenue", AnalyticsReportsFormat.MARKDOWN, 2);
		assertThat(MockServer.body(assertPost("/tools/analytics_reports")).toString())
			.isEqualTo("{\"format\":\"markdown\",\"limit\":2,\"query\":\"Top customers by revenue\"}");
		assertThat(out.getText()).contains("| Andes Foods | 15000.00 |");
		assertThat(out.getTruncated()).isTrue();
		assertThat(out.getTotal()).isEqualTo(5L);
		assertThat(out.getQuestion().getName()).isEqualTo("Top customers by revenue");
	}

	@Test
	void toolsWithoutArgumentsSendAnEmptyObject() {
		this.server.respond(200, "application/json", "{\"dashboards\":[]}");
		this.client.analytics().dashboards();
		assertThat(MockServer.body(assertPost("/tools/analytics_dashboards")).toString()).isEqualTo("{}");
	}

	@Test
	void issueTokenPostsTheRequestAndReadsTheToken() {
		this.server.respond(201, "application/json", MockServer.fixture("issue_token-executor"));
		IssuedToken token = this.client.admin()
			.issueToken(new IssueTokenRequest().name("ops-agent").profile(IssueTokenRequest.ProfileEnum.EXECUTOR));
		JsonNode body = MockServer.body(assertPost("/auth/token"));
		assertThat(body.toString()).isEqualTo("{\"name\":\"ops-agent\",\"profile\":\"executor\"}");
		assertThat(token.getApiToken()).startsWith("smcp_");
		assertThat(token.getScopes()).contains("write:workflows");
	}

	@Test
	void healthIsAGet() {
		this.server.okFixture("health-degraded");
		Health health = this.client.health();
		RecordedRequest request = this.server.take();
		assertThat(request.getMethod()).isEqualTo("GET");
		assertThat(request.getTarget()).isEqualTo("/health");
		assertThat(health.getStatus()).isEqualTo(Health.StatusEnum.DEGRADED);
		assertThat(health.getServices()).containsEntry("odoo", "unhealthy");
		assertThat(health.getDatabase()).isEqualTo(Health.DatabaseEnum.CONNECTED);
	}

	@Test
	void asyncVariantCompletesWithTheTypedResult() {
		this.server.okFixture("crm_contacts_search-acme");
		ContactsPage page = this.client.crm().contacts().searchAsync("acme").join();
		assertPost("/tools/crm_contacts_search");
		assertThat(page.getCount()).isEqualTo(3);
	}

	/**
	 * The document declares {@code log_level} on every tool call: the generated API sends
	 * it as the server spells it; the facade, which reads JSON answers only, sends none.
	 */
	@Test
	void theGeneratedApiCarriesALogLevelAndTheFacadeSendsNone() throws Exception {
		this.server.okFixture("services_list-backend");
		this.client.services().list(Filter.BACKEND);
		assertPost("/tools/services_list");
		this.server.okFixture("services_list-backend");
		ApiClient generated = new ApiClient();
		generated.updateBaseUri(this.server.baseUrl());
		new ServicesApi(generated).servicesList(new ServicesListInput(), LogLevel.NOTICE).get(5, TimeUnit.SECONDS);
		assertPost("/tools/services_list?log_level=notice");
	}

	private RecordedRequest assertPost(String path) {
		RecordedRequest request = this.server.take();
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getTarget()).isEqualTo(path);
		assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
		return request;
	}

}
