package cl.smartercl.mcp.server.clients;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cl.smartercl.mcp.client.SmarterMCP;
import cl.smartercl.mcp.client.error.NotFoundException;
import cl.smartercl.mcp.client.model.BotsConversationsInput;
import cl.smartercl.mcp.client.model.BotsConversationsOutput;
import cl.smartercl.mcp.client.model.BotsDeployOutput;
import cl.smartercl.mcp.client.model.BotsListBot;
import cl.smartercl.mcp.client.model.BotsPeriod;
import cl.smartercl.mcp.server.support.ServerTestSupport;
import cl.smartercl.mcp.testsupport.botpress.BotpressDouble;
import cl.smartercl.mcp.testsupport.botpress.BotpressSeed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The four bot tools over REST and MCP on both Botpress flavours, against the Botpress
 * test double: the default tenant runs Botpress Cloud, the tenant {@code selfhosted} runs
 * v12 with an archives folder. Each tenant sees its own workspace only.
 */
class BotpressIT extends ServerTestSupport {

	private static BotpressDouble botpress;

	@DynamicPropertySource
	static void tenantsFile(DynamicPropertyRegistry registry) throws IOException {
		botpress = new BotpressDouble();
		Path dir = Files.createTempDirectory("botpress-it");
		Path archives = dir.resolve("archives");
		BotpressDouble.writeArchive(archives, BotpressSeed.V12_WELCOME_BOT, "1.0.0");
		BotpressDouble.writeArchive(archives, BotpressSeed.V12_WELCOME_BOT, "1.1.0");
		Path file = dir.resolve("tenants.yaml");
		Files.writeString(file, """
				tenants:
				  default:
				    backends:
				      botpress: { flavour: cloud, url: "%1$s", workspace-id: %2$s, token: "%3$s" }
				  selfhosted:
				    backends:
				      botpress:
				        flavour: v12
				        url: "%1$s"
				        workspace-id: %4$s
				        email: %5$s
				        password: "%6$s"
				        archives: "%7$s"
				""".formatted(botpress.url(), BotpressSeed.CLOUD_WORKSPACE, BotpressSeed.CLOUD_TOKEN,
				BotpressSeed.V12_WORKSPACE, BotpressSeed.V12_EMAIL, BotpressSeed.V12_PASSWORD, archives));
		registry.add("smartermcp.tenants-file", file::toString);
	}

	@AfterAll
	static void stopBotpress() {
		if (botpress != null) {
			botpress.close();
		}
	}

	private String selfHosted() {
		return issueToken(ADMIN_TOKEN, "selfhosted", "v12-agent-" + System.nanoTime(),
				List.of("admin:tenants", "read:bots", "write:bots", "read:services"));
	}

	@Test
	void cloudToolsOverRest() {
		Response list = post("/tools/bots_list", ADMIN_TOKEN, "{}");
		assertThat(list.status()).as(list.body()).isEqualTo(200);
		assertThat(list.json().path("bots").findValuesAsString("id")).containsExactly("bot_support", "bot_sales",
				"bot_draft");
		assertThat(list.json().path("bots").get(0).path("status").asString()).isEqualTo("enabled");

		Response conversations = post("/tools/bots_conversations", ADMIN_TOKEN,
				"{\"bot_id\":\"bot_support\",\"limit\":20,\"last_messages\":1}");
		assertThat(conversations.status()).as(conversations.body()).isEqualTo(200);
		JsonNode page = conversations.json();
		assertThat(page.path("source").asString()).isEqualTo("cloud_conversations");
		assertThat(page.path("count").asInt()).isEqualTo(20);
		assertThat(page.path("truncated").asBoolean()).isTrue();
		assertThat(page.path("conversations").get(0).path("last_messages")).hasSize(1);
		Response rest = post("/tools/bots_conversations", ADMIN_TOKEN,
				"{\"bot_id\":\"bot_support\",\"cursor\":\"" + page.path("next_cursor").asString() + "\"}");
		assertThat(rest.json().path("count").asInt()).isEqualTo(5);
		assertThat(rest.json().has("next_cursor")).isFalse();

		Response analytics = post("/tools/bots_analytics", ADMIN_TOKEN,
				"{\"bot_id\":\"bot_support\",\"period\":\"30d\"}");
		assertThat(analytics.status()).as(analytics.body()).isEqualTo(200);
		assertThat(analytics.json().path("metrics").findValuesAsString("source_metric")).contains("sessions",
				"userMessages");

		Response deploy = post("/tools/bots_deploy", ADMIN_TOKEN, "{\"bot_id\":\"bot_sales\",\"version\":\"v2\"}");
		assertThat(deploy.status()).as(deploy.body()).isEqualTo(200);
		assertThat(deploy.json().path("status").asString()).isEqualTo("deployed");
		assertThat(botpress.deployedVersion("bot_sales")).isEqualTo("bot_sales_ver_2");
		Response again = post("/tools/bots_deploy", ADMIN_TOKEN, "{\"bot_id\":\"bot_sales\",\"version\":\"v2\"}");
		assertThat(again.json().path("status").asString()).isEqualTo("unchanged");
	}

	@Test
	void cloudToolsOverMcp() {
		try (McpSyncClient client = mcpClient(ADMIN_TOKEN)) {
			Map<String, Object> list = call(client, "bots_list", Map.of());
			assertThat(list.get("count")).isEqualTo(3);
			Map<String, Object> conversations = call(client, "bots_conversations",
					Map.of("bot_id", "bot_support", "limit", 3));
			assertThat(conversations.get("count")).isEqualTo(3);
			Map<String, Object> analytics = call(client, "bots_analytics",
					Map.of("bot_id", "bot_support", "from", "2026-01-01T00:00:00Z", "to", "2026-01-02T00:00:00Z"));
			assertThat(analytics.get("period")).isEqualTo("custom");
			Map<String, Object> deploy = call(client, "bots_deploy", Map.of("bot_id", "bot_draft"));
			assertThat(deploy.get("version")).isEqualTo("bot_draft_ver_3");

			McpSchema.CallToolResult foreign = client.callTool(new McpSchema.CallToolRequest("bots_conversations",
					Map.of("bot_id", BotpressSeed.CLOUD_FOREIGN_BOT)));
			assertThat(foreign.isError()).isTrue();
			assertThat(((McpSchema.TextContent) foreign.content().get(0)).text())
				.contains("Bot 'bot_foreign' not found");
		}
		assertThat(botpress.requests())
			.allSatisfy((r) -> assertThat(r.target()).doesNotContain(BotpressSeed.CLOUD_FOREIGN_BOT));
	}

	@Test
	void selfHostedToolsOverRest() {
		String token = selfHosted();
		Response list = post("/tools/bots_list", token, "{}");
		assertThat(list.status()).as(list.body()).isEqualTo(200);
		assertThat(list.json().path("bots").findValuesAsString("id")).containsExactly("welcome-bot", "faq-bot",
				"legacy-bot");
		assertThat(list.json().path("bots").get(0).path("pipeline_stage").asString()).isEqualTo("prod");

		Response conversations = post("/tools/bots_conversations", token, "{\"bot_id\":\"welcome-bot\",\"limit\":5}");
		assertThat(conversations.status()).as(conversations.body()).isEqualTo(200);
		assertThat(conversations.json().path("source").asString()).isEqualTo("v12_hitl_handoffs");
		assertThat(conversations.json().path("limitations").asString()).contains("handed off to a human");

		Response analytics = post("/tools/bots_analytics", token, "{\"bot_id\":\"welcome-bot\",\"period\":\"today\"}");
		assertThat(analytics.status()).as(analytics.body()).isEqualTo(200);
		assertThat(analytics.json().path("metrics").findValuesAsString("name")).contains("completion_rate");

		Response deploy = post("/tools/bots_deploy", token, "{\"bot_id\":\"welcome-bot\"}");
		assertThat(deploy.status()).as(deploy.body()).isEqualTo(200);
		assertThat(deploy.json().path("version").asString()).isEqualTo("1.1.0");
		assertThat(botpress.imported(BotpressSeed.V12_WELCOME_BOT)).isNotEmpty();

		Response foreign = post("/tools/bots_analytics", token, "{\"bot_id\":\"bot_support\"}");
		assertThat(foreign.status()).isEqualTo(404);
	}

	@Test
	void selfHostedToolsOverMcp() {
		try (McpSyncClient client = mcpClient(selfHosted())) {
			Map<String, Object> list = call(client, "bots_list", Map.of());
			assertThat(list.get("total")).isEqualTo(3);
			Map<String, Object> conversations = call(client, "bots_conversations",
					Map.of("bot_id", "welcome-bot", "limit", 2, "last_messages", 1));
			assertThat(conversations.get("source")).isEqualTo("v12_hitl_handoffs");
			Map<String, Object> analytics = call(client, "bots_analytics", Map.of("bot_id", "faq-bot", "period", "7d"));
			assertThat((List<?>) analytics.get("unavailable")).hasSize(1);
			Map<String, Object> deploy = call(client, "bots_deploy",
					Map.of("bot_id", "welcome-bot", "version", "1.0.0", "force", true));
			assertThat(deploy.get("status")).isEqualTo("deployed");
		}
	}

	@Test
	void theJavaSdksBotsClientRunsOnBothFlavours() {
		SmarterMCP cloud = SmarterMCP.builder().apiToken(ADMIN_TOKEN).baseUrl(baseUrl()).build();
		assertThat(cloud.bots().list().getBots()).extracting(BotsListBot::getId).contains("bot_support");
		BotsConversationsOutput page = cloud.bots()
			.conversations(new BotsConversationsInput().botId("bot_support").limit(5).lastMessages(1));
		assertThat(page.getConversations()).hasSize(5);
		assertThat(page.getNextCursor()).isNotNull();
		assertThat(cloud.bots().analytics("bot_support", BotsPeriod._7D).getSource()).isEqualTo("cloud_bot_analytics");
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> cloud.bots().conversations(BotpressSeed.CLOUD_FOREIGN_BOT));

		SmarterMCP v12 = SmarterMCP.builder().apiToken(selfHosted()).baseUrl(baseUrl()).build();
		assertThat(v12.bots().list().getTotal()).isEqualTo(3);
		BotsDeployOutput deployed = v12.bots().deploy("welcome-bot", "1.0.0", true);
		assertThat(deployed.getStatus()).isEqualTo("deployed");
		assertThat(deployed.getMessage()).contains("enabled");
	}

	@Test
	void healthProbesBotpressWithAnAuthenticatedCall() {
		Response health = get("/health", ADMIN_TOKEN);
		assertThat(health.status()).as(health.body()).isEqualTo(200);
		assertThat(health.json().path("services").path("botpress").asString()).as(health.body()).isEqualTo("healthy");
		assertThat(botpress.requests()).anySatisfy((r) -> {
			assertThat(r.target()).isEqualTo("/v1/admin/bots?pageSize=1");
			assertThat(r.header("Authorization")).isEqualTo("Bearer " + BotpressSeed.CLOUD_TOKEN);
		});
	}

	@Test
	void docsApisSummarisesTheEndpointsOfTheTenantsFlavour() {
		Response cloud = post("/tools/docs_apis", ADMIN_TOKEN, "{\"service_id\":\"botpress\"}");
		assertThat(cloud.status()).as(cloud.body()).isEqualTo(200);
		assertThat(cloud.json().path("title").asString()).contains("this tenant runs Botpress cloud");
		assertThat(cloud.json().path("operations").findValuesAsString("path")).contains("/v1/admin/bots",
				"/api/v1/auth/login/basic/default");
		Response v12 = post("/tools/docs_apis", selfHosted(), "{\"service_id\":\"botpress\"}");
		assertThat(v12.json().path("title").asString()).contains("this tenant runs Botpress v12");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> call(McpSyncClient client, String tool, Map<String, Object> arguments) {
		McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, arguments));
		assertThat(result.isError()).as(tool + ": " + result.content()).isFalse();
		return (Map<String, Object>) result.structuredContent();
	}

}
