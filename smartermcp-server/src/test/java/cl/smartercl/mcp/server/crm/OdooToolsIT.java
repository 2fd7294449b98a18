package cl.smartercl.mcp.server.crm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cl.smartercl.mcp.server.support.ServerTestSupport;
import cl.smartercl.mcp.testsupport.Eventually;
import cl.smartercl.mcp.testsupport.odoo.OdooDemo;
import cl.smartercl.mcp.testsupport.odoo.OdooDouble;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The five CRM tools end to end over MCP and REST, against the Odoo double: tenant
 * {@code default} speaks JSON-2, tenant {@code legacy} JSON-RPC; both are company 2 "Acme
 * Chile" with its own Odoo user.
 */
class OdooToolsIT extends ServerTestSupport {

	private static OdooDouble odoo;

	@DynamicPropertySource
	static void tenantsFile(DynamicPropertyRegistry registry) throws IOException {
		odoo = OdooDouble.start();
		String carla = OdooDemo.chile(odoo);
		Path dir = Files.createTempDirectory("odoo-it");
		Path key = dir.resolve("odoo-key");
		Files.writeString(key, carla);
		Path file = dir.resolve("tenants.yaml");
		Files.writeString(file,
				"""
						tenants:
						  default:
						    backends:
						      odoo: { url: "%1$s", database: crm_rec, username: carla@acme.cl, api-key: "file:%2$s", protocol: json2, company-ids: [2] }
						    services:
						      - id: crm
						        name: Odoo (test double)
						        type: backend
						        health: backend
						  legacy:
						    backends:
						      odoo: { url: "%1$s", database: crm_rec, username: carla@acme.cl, api-key: "file:%2$s", protocol: jsonrpc, company-ids: [2], shared-records: exclude }
						"""
					.formatted(odoo.url(), key));
		registry.add("smartermcp.tenants-file", file::toString);
	}

	@AfterAll
	static void stopOdoo() {
		if (odoo != null) {
			odoo.close();
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> structured(McpSchema.CallToolResult result) {
		assertThat(result.isError()).as(String.valueOf(result.content())).isFalse();
		return (Map<String, Object>) result.structuredContent();
	}

	@Test
	@SuppressWarnings("unchecked")
	void theFiveToolsOverMcp() {
		try (McpSyncClient client = mcpClient(ADMIN_TOKEN)) {
			Map<String, Object> companies = structured(client.callTool(new McpSchema.CallToolRequest(
					"crm_contacts_list", Map.of("limit", 1, "filter", Map.of("country", "CL", "type", "company")))));
			assertThat((List<Map<String, Object>>) companies.get("contacts")).extracting((c) -> c.get("name"))
				.containsExactly("Minera Cobre Norte Ltda");
			assertThat(companies.get("truncated")).isEqualTo(true);
			Map<String, Object> next = structured(
					client.callTool(new McpSchema.CallToolRequest("crm_contacts_list", Map.of("limit", 1, "filter",
							Map.of("country", "CL", "type", "company"), "cursor", companies.get("next_cursor")))));
			assertThat((List<Map<String, Object>>) next.get("contacts")).extracting((c) -> c.get("name"))
				.containsExactly("Viña Los Andes SpA");

			Map<String, Object> hits = structured(client.callTool(new McpSchema.CallToolRequest("crm_contacts_search",
					Map.of("query", "contacto@losandes.example.cl"))));
			assertThat((List<Map<String, Object>>) hits.get("contacts")).extracting((c) -> c.get("kind"))
				.containsExactly("contact", "lead");

			Map<String, Object> opportunities = structured(
					client.callTool(new McpSchema.CallToolRequest("crm_opportunities_list", Map.of("stage", "New"))));
			assertThat(opportunities.get("total")).isEqualTo(1);

			Map<String, Object> pipeline = structured(
					client.callTool(new McpSchema.CallToolRequest("crm_pipeline_status", Map.of())));
			assertThat(pipeline.get("currency")).isEqualTo("USD");
			assertThat((List<Map<String, Object>>) pipeline.get("stages")).hasSize(4);

			Map<String, Object> created = structured(client.callTool(new McpSchema.CallToolRequest(
					"crm_contacts_upsert",
					Map.of("contact", Map.of("name", "Rosa Díaz", "email", "rosa@mcp.example.cl", "country", "CL")))));
			assertThat(created.get("action")).isEqualTo("created");
			Map<String, Object> updated = structured(
					client.callTool(new McpSchema.CallToolRequest("crm_contacts_upsert", Map.of("contact",
							Map.of("name", "Rosa Díaz", "email", "ROSA@mcp.example.cl", "phone", "+56 9 5555 0000")))));
			assertThat(updated.get("action")).isEqualTo("updated");
			assertThat(updated.get("id")).isEqualTo(created.get("id"));

			McpSchema.CallToolResult refused = client.callTool(
					new McpSchema.CallToolRequest("crm_contacts_list", Map.of("filter", Map.of("state", "open"))));
			assertThat(refused.isError()).isTrue();
			assertThat(((McpSchema.TextContent) refused.content().get(0)).text())
				.contains("unknown argument 'state' in 'filter'")
				.contains("valid arguments: city, country, salesperson, tag, text, type");
		}
	}

	@Test
	void theFiveToolsOverRestOnJsonRpc() {
		String token = issueToken(ADMIN_TOKEN, "legacy", "legacy-crm", List.of("read:crm", "write:crm"));
		Response list = post("/tools/crm_contacts_list", token, "{\"filter\":{\"type\":\"lead\"}}");
		assertThat(list.status()).as(list.body()).isEqualTo(200);
		assertThat(list.json().path("contacts").get(0).path("kind").asString()).isEqualTo("lead");
		assertThat(list.json().path("total").asLong()).isEqualTo(1);

		Response search = post("/tools/crm_contacts_search", token, "{\"query\":\"cobre\"}");
		assertThat(search.status()).as(search.body()).isEqualTo(200);
		assertThat(search.json().path("contacts").get(0).path("name").asString()).isEqualTo("Minera Cobre Norte Ltda");

		Response opportunities = post("/tools/crm_opportunities_list", token, "{\"stage\":\"Negotiation\"}");
		assertThat(opportunities.status()).isEqualTo(400);
		assertThat(opportunities.json().path("detail").asString())
			.contains("no pipeline stage 'Negotiation'; the stages are: New, Qualified, Proposition, Won");

		Response pipeline = post("/tools/crm_pipeline_status", token, "{}");
		assertThat(pipeline.status()).as(pipeline.body()).isEqualTo(200);
		JsonNode stages = pipeline.json().path("stages");
		assertThat(stages.get(0).path("name").asString()).isEqualTo("New");
		assertThat(stages.get(0).path("expected_revenue").asDouble()).isEqualTo(18_000_000.0);
		assertThat(pipeline.json().path("won").path("count").asLong()).isZero();

		Response upsert = post("/tools/crm_contacts_upsert", token,
				"{\"contact\":{\"name\":\"Luis Rest\",\"email\":\"luis@rest.example.cl\"}}");
		assertThat(upsert.status()).as(upsert.body()).isEqualTo(200);
		assertThat(upsert.json().path("action").asString()).isEqualTo("created");
		assertThat(upsert.json().path("contact").path("email").asString()).isEqualTo("luis@rest.example.cl");
	}

	@Test
	void aReadOnlyTokenCannotUpsert() {
		String token = issueToken(ADMIN_TOKEN, "legacy", "legacy-reader", List.of("read:crm"));
		Response upsert = post("/tools/crm_contacts_upsert", token, "{\"contact\":{\"name\":\"X\"}}");
		assertThat(upsert.status()).isEqualTo(403);
		assertThat(upsert.json().path("detail").asString()).contains("write:crm");
	}

	@Test
	void healthProbesOdooWithAnAuthenticatedCall() throws InterruptedException {
		Response health = Eventually.poll(Duration.ofSeconds(5), () -> get("/health?detail=true", ADMIN_TOKEN),
				(answer) -> "healthy".equals(answer.json().path("services").path("odoo").asString()));
		assertThat(health.json().path("services").path("odoo").asString()).as(health.body()).isEqualTo("healthy");
		assertThat(health.body()).contains("crm_rec");
		assertThat(odoo.requests()).anySatisfy((r) -> assertThat(r.path()).isEqualTo("/json/2/res.users/context_get"));
	}

}
