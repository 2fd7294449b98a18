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
 * The official TypeScript SDK client (1.x) against the 2025 era: it lists tools, calls
 * one, reads a documentation resource, gets a prompt, and answers the confirmation of a
 * CRM write with accept (the write reaches the stub Odoo) and then decline (it does not).
 */
@Import(TypeScriptClientGuideIT.Backends.class)
class TypeScriptClientGuideIT extends OpsTestSupport {

	private static final StubConnectors.Backends GUIDE = StubConnectors.Backends.start();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("smartermcp.tenants-file", () -> tenantsFile("guide"));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Backends {

		@Bean
		ConnectorProvider stubConnectors() {
			return new StubConnectors(Map.of("guide", GUIDE));
		}

	}

	@AfterAll
	static void stopStubs() {
		GUIDE.close();
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

}
