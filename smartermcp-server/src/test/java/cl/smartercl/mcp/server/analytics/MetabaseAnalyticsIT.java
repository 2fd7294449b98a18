package cl.smartercl.mcp.server.analytics;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cl.smartercl.mcp.client.SmarterMCP;
import cl.smartercl.mcp.client.error.InvalidArgumentsException;
import cl.smartercl.mcp.client.model.AnalyticsKpisOutput;
import cl.smartercl.mcp.client.model.AnalyticsReportsFormat;
import cl.smartercl.mcp.client.model.AnalyticsReportsOutput;
import cl.smartercl.mcp.core.schema.ToolJson;
import cl.smartercl.mcp.server.support.ServerTestSupport;
import cl.smartercl.mcp.testsupport.metabase.MetabaseDouble;
import cl.smartercl.mcp.testsupport.metabase.MetabaseSeed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The three analytics tools over REST and MCP, on the Metabase test double: tenant
 * {@code default} is Acme (collection 10, database 1, three KPIs), tenant {@code globex}
 * sees only its own collection.
 */
class MetabaseAnalyticsIT extends ServerTestSupport {

	private static MetabaseDouble metabase;

	private final List<McpSchema.CreateMessageRequest> asked = new CopyOnWriteArrayList<>();

	@DynamicPropertySource
	static void tenantsFile(DynamicPropertyRegistry registry) throws IOException {
		metabase = MetabaseDouble.start();
		Path file = Files.createTempDirectory("metabase-it").resolve("tenants.yaml");
		Files.writeString(file,
				"""
						tenants:
						  default:
						    backends:
						      metabase: { url: "%1$s", api-key: "%2$s", collection-id: %3$d, database-id: %4$d }
						    kpis:
						      revenue_mtd: { question: %5$d, format: currency, unit: USD }
						      conversion_rate: { question: %6$d, format: percent }
						      broken: %7$d
						  globex:
						    backends:
						      metabase: { url: "%1$s", api-key: "%2$s", collection-id: %8$d, database-id: %9$d }
						""".formatted(metabase.url(), MetabaseDouble.API_KEY, MetabaseSeed.ACME_COLLECTION,
						MetabaseSeed.ACME_DATABASE, MetabaseSeed.REVENUE_MTD, MetabaseSeed.CONVERSION_RATE,
						MetabaseSeed.BROKEN_METRIC, MetabaseSeed.GLOBEX_COLLECTION, MetabaseSeed.GLOBEX_DATABASE));
		registry.add("smartermcp.tenants-file", file::toString);
	}

	@AfterAll
	static void stopMetabase() {
		if (metabase != null) {
			metabase.close();
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> structured(McpSchema.CallToolResult result) {
		return (Map<String, Object>) result.structuredContent();
	}

	@Test
	void kpisOverRestEachWithItsOwnStatus() {
		Response response = post("/tools/analytics_kpis", ADMIN_TOKEN, "{}");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode kpis = response.json().path("kpis");
		assertThat(kpis.size()).isEqualTo(3);
		assertThat(kpis.get(0).path("name").asString()).isEqualTo("revenue_mtd");
		assertThat(kpis.get(0).path("value").isNumber()).isTrue();
		assertThat(kpis.get(0).path("display").asString()).isEqualTo("$45,780");
		assertThat(kpis.get(0).path("question").path("name").asString()).isEqualTo("Revenue MTD");
		assertThat(kpis.get(1).path("display").asString()).isEqualTo("3.2%");
		assertThat(kpis.get(2).path("status").asString()).isEqualTo("error");
		assertThat(kpis.get(2).path("error").asString()).contains("the query failed");
		assertThat(response.json().path("failed").asInt()).isEqualTo(1);
		Response unknown = post("/tools/analytics_kpis", ADMIN_TOKEN, "{\"kpis\":[\"churn\"]}");
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.json().path("detail").asString()).contains("revenue_mtd, conversion_rate, broken");
	}

	@Test
	void kpisOverMcp() {
		try (McpSyncClient client = mcpClient(ADMIN_TOKEN)) {
			McpSchema.CallToolResult result = client
				.callTool(new McpSchema.CallToolRequest("analytics_kpis", Map.of("kpis", List.of("conversion_rate"))));
			assertThat(result.isError()).as(String.valueOf(result.content())).isFalse();
			@SuppressWarnings("unchecked")
			List<Map<String, Object>> kpis = (List<Map<String, Object>>) structured(result).get("kpis");
			assertThat(kpis).singleElement().satisfies((kpi) -> {
				assertThat(kpi).containsEntry("display", "3.2%")
					.containsEntry("format", "percent")
					.containsEntry("status", "ok");
			});
		}
	}

	@Test
	void dashboardsOfTwoTenantsAreKeptApart() {
		String globex = issueToken(ADMIN_TOKEN, "globex", "globex-director", List.of("read:analytics"));
		Response acme = post("/tools/analytics_dashboards", ADMIN_TOKEN, "{}");
		Response other = post("/tools/analytics_dashboards", globex, "{}");
		assertThat(acme.status()).as(acme.body()).isEqualTo(200);
		assertThat(acme.json().path("count").asInt()).isEqualTo(2);
		assertThat(acme.body()).contains("Sales overview").doesNotContain("Globex board");
		assertThat(other.json().path("dashboards").get(0).path("name").asString()).isEqualTo("Globex board");
		assertThat(other.body()).doesNotContain("Sales overview");
		JsonNode sales = acme.json().path("dashboards").get(0);
		assertThat(sales.path("url").asString()).isEqualTo(metabase.url() + "/dashboard/100");
		assertThat(sales.path("filters").get(0).path("slug").asString()).isEqualTo("date");
		assertThat(sales.path("cards").get(0).path("question_id").asLong()).isEqualTo(1);
		Response notTheirs = post("/tools/analytics_reports", globex, "{\"query\":\"6\"}");
		assertThat(notTheirs.status()).isEqualTo(404);
	}

	@Test
	void reportsOverRestAsJsonMarkdownAndACsvFile() {
		Response json = post("/tools/analytics_reports", ADMIN_TOKEN, "{\"query\":\"All events\"}");
		assertThat(json.status()).as(json.body()).isEqualTo(200);
		assertThat(json.json().path("rows").size()).isEqualTo(2000);
		assertThat(json.json().path("truncated").asBoolean()).isTrue();
		Response markdown = post("/tools/analytics_reports", ADMIN_TOKEN, "{\"query\":\"10\",\"format\":\"markdown\"}");
		assertThat(markdown.json().path("text").asString()).contains("| 2 | a \\| b |  | 2026-11-04 |  |");
		Response csv = send(request("/tools/analytics_reports", ADMIN_TOKEN).header("Content-Type", "application/json")
			.header("Accept", "text/csv")
			.POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"9\",\"format\":\"csv\"}"))
			.build());
		assertThat(csv.status()).as(csv.body()).isEqualTo(200);
		assertThat(csv.header("Content-Type")).startsWith("text/csv");
		assertThat(csv.header("Content-Disposition")).contains("all_events.csv");
		assertThat(csv.body().split("\r\n")).hasSize(3001);
		Response ambiguous = post("/tools/analytics_reports", ADMIN_TOKEN, "{\"query\":\"Weekly revenue\"}");
		assertThat(ambiguous.status()).isEqualTo(400);
		assertThat(ambiguous.json().path("detail").asString()).contains("names 2 saved questions");
		Response failed = post("/tools/analytics_reports", ADMIN_TOKEN, "{\"query\":\"5\"}");
		assertThat(failed.status()).isEqualTo(502);
		assertThat(failed.json().path("detail").asString()).contains("the query failed");
	}

	@Test
	void aRequestInWordsOverRestSuggestsQuestionsAndRunsNothing() {
		Response response = post("/tools/analytics_reports", ADMIN_TOKEN,
				"{\"query\":\"top 10 customers by revenue this month\",\"format\":\"markdown\"}");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json().path("source").asString()).isEqualTo("suggestions");
		assertThat(response.json().path("suggestions").get(0).path("id").asLong())
			.isEqualTo(MetabaseSeed.TOP_CUSTOMERS);
	}

	@Test
	void aRequestInWordsOverMcpIsAnsweredWithSqlTheClientsModelWrote() {
		McpClient.SyncSpec spec = McpClient.sync(streamableTransport(ADMIN_TOKEN))
			.capabilities(McpSchema.ClientCapabilities.builder().sampling().build())
			.sampling((request) -> {
				this.asked.add(request);
				return McpSchema.CreateMessageResult.builder()
					.role(McpSchema.Role.ASSISTANT)
					.content(new McpSchema.TextContent("SELECT c.name, SUM(o.total) AS revenue FROM orders o "
							+ "JOIN customers c ON c.id = o.customer_id GROUP BY c.name ORDER BY revenue DESC LIMIT 2"))
					.model("canned-test-model")
					.build();
			});
		try (McpSyncClient client = mcpClient(ADMIN_TOKEN, spec)) {
			McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("analytics_reports",
					Map.of("query", "top 2 customers by revenue", "format", "json")));
			assertThat(result.isError()).as(String.valueOf(result.content())).isFalse();
			assertThat(structured(result)).containsEntry("source", "sql").containsEntry("row_count", 2);
			assertThat((String) structured(result).get("sql")).endsWith("LIMIT 2");
			assertThat(this.asked).hasSize(1);
			assertThat(((McpSchema.TextContent) this.asked.get(0).messages().get(0).content()).text())
				.contains("Request: top 2 customers by revenue")
				.contains("customers(");
		}
	}

	@Test
	void aRequestInWordsOnThe2026EraAsksTheClientsModelInARoundOfItsOwnThenRunsItsSql() {
		String token = issueToken("modern-analyst", "read:analytics");
		ObjectNode capabilities = ToolJson.mapper().createObjectNode();
		capabilities.putObject("sampling");
		Map<String, Object> arguments = Map.of("query", "top 2 customers by revenue", "format", "json");
		Response first = modern(token, "tools/call", reportCall(arguments), capabilities);
		assertThat(first.status()).as(first.body()).isEqualTo(200);
		JsonNode asked = first.json().path("result");
		assertThat(asked.path("resultType").asString()).as(asked.toString()).isEqualTo("input_required");
		JsonNode request = asked.path("inputRequests").path("sampling-1");
		assertThat(request.path("method").asString()).isEqualTo("sampling/createMessage");
		// the prompt names the request and the tenant's tables, as on the 2025 era
		assertThat(request.path("params").path("messages").get(0).path("content").path("text").asString())
			.contains("Request: top 2 customers by revenue")
			.contains("customers(");

		metabase.clearRequests();
		ObjectNode retry = reportCall(arguments);
		ObjectNode answer = retry.putObject("inputResponses").putObject("sampling-1");
		answer.put("role", "assistant").put("model", "canned-test-model");
		answer.putObject("content")
			.put("type", "text")
			.put("text", "SELECT c.name, SUM(o.total) AS revenue FROM orders o "
					+ "JOIN customers c ON c.id = o.customer_id GROUP BY c.name ORDER BY revenue DESC LIMIT 2");
		retry.put("requestState", asked.path("requestState").asString());
		Response second = modern(token, "tools/call", retry, capabilities);
		assertThat(second.status()).as(second.body()).isEqualTo(200);
		JsonNode done = second.json().path("result");
		assertThat(done.path("resultType").asString()).isEqualTo("complete");
		assertThat(done.path("isError").asBoolean(true)).as(done.toString()).isFalse();
		JsonNode report = done.path("structuredContent");
		assertThat(report.path("source").asString()).isEqualTo("sql");
		assertThat(report.path("row_count").asInt()).isEqualTo(2);
		assertThat(report.path("sql").asString()).endsWith("LIMIT 2");
		// the model's SQL ran on the tenant's database in Metabase
		assertThat(metabase.requests()).anySatisfy((r) -> {
			assertThat(r.method() + " " + r.path()).isEqualTo("POST /api/dataset");
			assertThat(r.body()).contains("SUM(o.total)").contains("\"database\":" + MetabaseSeed.ACME_DATABASE);
		});

		// each round on record: the one that asked, the one that ran the report
		Response audit = get("/audit?tool=analytics_reports&limit=50", ADMIN_TOKEN);
		List<String> outcomes = new java.util.ArrayList<>();
		audit.json().path("records").forEach((r) -> {
			if ("modern-analyst".equals(r.path("token_name").asString())) {
				outcomes.add(r.path("outcome").asString() + ":" + r.path("transport").asString());
			}
		});
		assertThat(outcomes).containsExactly("ok:mcp", "input_required:mcp");
	}

	private static ObjectNode reportCall(Map<String, Object> arguments) {
		ObjectNode params = ToolJson.mapper().createObjectNode().put("name", "analytics_reports");
		params.set("arguments", ToolJson.mapper().valueToTree(arguments));
		return params;
	}

	@Test
	void aCsvOverMcpIsAnEmbeddedResource() {
		try (McpSyncClient client = mcpClient(ADMIN_TOKEN)) {
			McpSchema.CallToolResult result = client
				.callTool(new McpSchema.CallToolRequest("analytics_reports", Map.of("query", "9", "format", "csv")));
			assertThat(result.isError()).as(String.valueOf(result.content())).isFalse();
			assertThat(result.content()).anySatisfy((content) -> {
				assertThat(content).isInstanceOf(McpSchema.EmbeddedResource.class);
				McpSchema.TextResourceContents file = (McpSchema.TextResourceContents) ((McpSchema.EmbeddedResource) content)
					.resource();
				assertThat(file.mimeType()).isEqualTo("text/csv");
				assertThat(file.text().split("\r\n")).hasSize(3001);
			});
			assertThat(structured(result)).containsEntry("row_count", 3000);
		}
	}

	@Test
	void theSdkAnalyticsClientReadsKpisDashboardsAndReports() {
		SmarterMCP client = SmarterMCP.builder().apiToken(ADMIN_TOKEN).baseUrl(baseUrl()).build();
		AnalyticsKpisOutput kpis = client.analytics().kpis(List.of("revenue_mtd"));
		assertThat(kpis.getKpis().get(0).getDisplay()).isEqualTo("$45,780");
		assertThat(kpis.getKpis().get(0).getValue()).isEqualByComparingTo(new BigDecimal("45780"));
		assertThat(client.analytics().dashboards().getDashboards()).extracting((d) -> d.getName())
			.containsExactly("Sales overview", "Operations");
		AnalyticsReportsOutput report = client.analytics()
			.reports("Top customers by revenue", AnalyticsReportsFormat.MARKDOWN, 2);
		assertThat(report.getText()).contains("| Andes Foods | 15000.00 |");
		assertThat(report.getRowCount()).isEqualTo(2);
		assertThat(report.getTruncated()).isTrue();
		assertThat(report.getTotal()).isEqualTo(5L);
		assertThatThrownBy(() -> client.analytics().reports("Weekly revenue"))
			.isInstanceOf(InvalidArgumentsException.class)
			.hasMessageContaining("names 2 saved questions");
	}

	@Test
	void healthProbesMetabaseWithTheKey() {
		metabase.clearRequests();
		Response health = get("/health", null);
		assertThat(health.json().path("services").path("metabase").asString()).isEqualTo("healthy");
		assertThat(metabase.requests()).anySatisfy((r) -> {
			assertThat(r.path()).isEqualTo("/api/user/current");
			assertThat(r.apiKey()).isEqualTo(MetabaseDouble.API_KEY);
		});
	}

}
