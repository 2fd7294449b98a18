package cl.smartercl.mcp.server.ops;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cl.smartercl.mcp.connectors.ports.ConnectorProvider;
import cl.smartercl.mcp.core.schema.ToolJson;
import cl.smartercl.mcp.server.auth.IssuedToken;
import cl.smartercl.mcp.server.support.NodeClients;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official TypeScript SDK client against both eras: 1.x on the 2025 era and 2.x
 * pinned to 2026-07-28. Each lists tools, reads a documentation resource, gets a prompt,
 * and answers the confirmation of a CRM write with accept (the write reaches the stub
 * Odoo) and then decline (it does not); on 2026-07-28 the confirmation is an
 * {@code input_required} round the 2.x client fulfils with its elicitation handler and
 * retries.
 */
@Import(TypeScriptClientGuideIT.Backends.class)
class TypeScriptClientGuideIT extends OpsTestSupport {

	private static final StubConnectors.Backends GUIDE = StubConnectors.Backends.start();

	private static final StubConnectors.Backends GUIDE_2026 = StubConnectors.Backends.start();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("smartermcp.tenants-file", () -> tenantsFile("guide", "guide-2026"));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Backends {

		@Bean
		ConnectorProvider stubConnectors() {
			return new StubConnectors(Map.of("guide", GUIDE, "guide-2026", GUIDE_2026));
		}

	}

	@AfterAll
	static void stopStubs() {
		GUIDE.close();
		GUIDE_2026.close();
	}

	@Test
	void listsCallsReadsGetsAPromptAndAnswersTheConfirmationBothWays() {
		IssuedToken token = issue("guide", "typescript-agent");
		int before = GUIDE.odoo().toolRequests();
		String out = NodeClients.run(NodeClients.clientsDir(),
				List.of(NodeClients.node().toString(), "sdk-guide-client.mjs", baseUrl(), token.apiToken()), Map.of(),
				180);
		String[] lines = out.strip().split("\n");
		JsonNode result = ToolJson.mapper().readTree(lines[lines.length - 1]);

		assertThat(result.path("tools").toString()).contains("crm_contacts_upsert", "workflows_list");
		assertThat(result.path("call").path("isError").asBoolean()).isFalse();
		assertThat(result.path("templates")).hasSize(3);
		assertThat(result.path("resource").path("mimeType").asString()).isEqualTo("application/json");
		assertThat(result.path("resource").path("json").path("service_id").asString()).isEqualTo("n8n");
		assertThat(result.path("prompt").asString()).contains("services_health with service_id \"n8n\"");

		assertThat(result.path("asked")).hasSize(2);
		assertThat(result.path("asked").get(0).asString()).startsWith("Run crm_contacts_upsert on CRM contact 42?");
		// accepted: it ran (the stub Odoo got the write and answers it with an error of
		// its own)
		assertThat(result.path("accepted").path("error").path("code").asString()).isEqualTo("backend_error");
		// declined: it did not
		assertThat(result.path("declined").path("error").path("code").asString()).isEqualTo("not_confirmed");
		assertThat(result.path("declined").path("text").asString()).contains("the user declined it");
		assertThat(GUIDE.odoo().toolRequests()).isEqualTo(before + 1);
	}

	@Test
	void theTwoXClientOnTheModernEraReadsGetsAPromptAndAnswersTheConfirmationBothWays() {
		IssuedToken token = issue("guide-2026", "typescript-2026-agent");
		int before = GUIDE_2026.odoo().toolRequests();
		String out = NodeClients.run(NodeClients.clientsDir(),
				List.of(NodeClients.node().toString(), "sdk2-guide-client.mjs", baseUrl(), token.apiToken()), Map.of(),
				180);
		String[] lines = out.strip().split("\n");
		JsonNode result = ToolJson.mapper().readTree(lines[lines.length - 1]);

		assertThat(result.path("protocol").asString()).isEqualTo("2026-07-28");
		assertThat(result.path("tools").toString()).contains("crm_contacts_upsert", "workflows_list");
		assertThat(result.path("resources").toString()).contains("smartermcp://docs/index");
		assertThat(result.path("templates")).hasSize(3);
		assertThat(result.path("resource").path("mimeType").asString()).isEqualTo("application/json");
		assertThat(result.path("resource").path("json").path("service_id").asString()).isEqualTo("n8n");
		assertThat(result.path("prompts")).hasSize(3);
		assertThat(result.path("prompt").asString()).contains("services_health with service_id \"n8n\"");

		assertThat(result.path("asked")).hasSize(2);
		assertThat(result.path("asked").get(0).asString()).startsWith("Run crm_contacts_upsert on CRM contact 42?");
		assertThat(result.path("accepted").path("error").path("code").asString()).isEqualTo("backend_error");
		assertThat(result.path("declined").path("error").path("code").asString()).isEqualTo("not_confirmed");
		assertThat(result.path("declined").path("text").asString()).contains("the user declined it");
		assertThat(GUIDE_2026.odoo().toolRequests()).isEqualTo(before + 1);
	}

}
