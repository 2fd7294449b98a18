package cl.smartercl.mcp.server.clients;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cl.smartercl.mcp.client.SmarterMCP;
import cl.smartercl.mcp.client.SupportClient;
import cl.smartercl.mcp.client.model.ConversationsPage;
import cl.smartercl.mcp.client.model.Period;
import cl.smartercl.mcp.client.model.SupportConversationsListInput;
import cl.smartercl.mcp.client.model.SupportConversationsListStatus;
import cl.smartercl.mcp.server.support.ServerTestSupport;
import cl.smartercl.mcp.testsupport.chatwoot.ChatwootDouble;
import cl.smartercl.mcp.testsupport.chatwoot.ChatwootOracle;
import cl.smartercl.mcp.testsupport.chatwoot.ChatwootSeed;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The four support tools over MCP and REST against the Chatwoot (test double), each
 * tenant on its own Chatwoot account: every exchange the server had with the double is
 * checked against Chatwoot's swagger.
 */
class ChatwootIT extends ServerTestSupport {

	private static ChatwootDouble chatwoot;

	private static final ChatwootOracle oracle = new ChatwootOracle();

	@DynamicPropertySource
	static void tenantsFile(DynamicPropertyRegistry registry) throws IOException {
		chatwoot = ChatwootDouble.start(Instant.now());
		Path file = Files.createTempDirectory("chatwoot-it").resolve("tenants.yaml");
		Files.writeString(file, """
				tenants:
				  default:
				    backends:
				      chatwoot: { url: "%1$s", account-id: 1, api-token: "%2$s", timezone: America/Santiago }
				  agents:
				    backends:
				      chatwoot: { url: "%1$s", account-id: 1, api-token: "%3$s" }
				  other:
				    backends:
				      chatwoot: { url: "%1$s", account-id: 2, api-token: "%4$s" }
				""".formatted(chatwoot.url(), ChatwootSeed.ADMIN_TOKEN, ChatwootSeed.AGENT_TOKEN,
				ChatwootSeed.OTHER_ACCOUNT_TOKEN));
		registry.add("smartermcp.tenants-file", file::toString);
	}

	@AfterAll
	static void stopChatwoot() {
		chatwoot.close();
	}

	@BeforeEach
	void reset() {
		chatwoot.clearHooks();
		chatwoot.clearExchanges();
	}

	@Test
	void theFourToolsAnswerOverMcp() {
		try (McpSyncClient client = mcpClient(ADMIN_TOKEN)) {
			McpSchema.CallToolResult list = client.callTool(
					new McpSchema.CallToolRequest("support_conversations_list", Map.of("status", "open", "limit", 30)));
			assertThat(list.isError()).as(String.valueOf(list.content())).isFalse();
			Map<?, ?> page = (Map<?, ?>) list.structuredContent();
			assertThat((List<?>) page.get("conversations")).hasSize(30);
			assertThat(page.get("truncated")).isEqualTo(true);
			assertThat(page.get("next_cursor")).isNotNull();

			McpSchema.CallToolResult search = client.callTool(
					new McpSchema.CallToolRequest("support_conversations_search", Map.of("query", "refund request")));
			assertThat(search.isError()).as(String.valueOf(search.content())).isFalse();
			assertThat(((Map<?, ?>) search.structuredContent()).get("count")).isEqualTo(2);

			McpSchema.CallToolResult agents = client
				.callTool(new McpSchema.CallToolRequest("support_agents_status", Map.of()));
			assertThat(agents.isError()).as(String.valueOf(agents.content())).isFalse();
			assertThat(((Map<?, ?>) agents.structuredContent()).get("online")).isEqualTo(2);

			McpSchema.CallToolResult metrics = client
				.callTool(new McpSchema.CallToolRequest("support_metrics", Map.of("period", "month")));
			assertThat(metrics.isError()).as(String.valueOf(metrics.content())).isFalse();
			assertThat(((Map<?, ?>) metrics.structuredContent()).get("timezone")).isEqualTo("America/Santiago");
		}
		oracle.assertValid(chatwoot.exchanges());
	}

	@Test
	void theFourToolsAnswerOverRest() {
		Response list = post("/tools/support_conversations_list", ADMIN_TOKEN,
				"{\"status\":\"all\",\"assignee\":\"Carla Online\"}");
		assertThat(list.status()).as(list.body()).isEqualTo(200);
		assertThat(list.json().path("conversations")).isNotEmpty()
			.allSatisfy((c) -> assertThat(c.path("assignee").path("name").asString()).isEqualTo("Carla Online"));
		JsonNode first = list.json().path("conversations").get(0);
		assertThat(first.path("link").asString()).startsWith(chatwoot.url() + "/app/accounts/1/conversations/");
		assertThat(first.has("unread_count")).isTrue();

		Response byId = post("/tools/support_conversations_search", ADMIN_TOKEN, "{\"query\":\"#17\"}");
		assertThat(byId.status()).as(byId.body()).isEqualTo(200);
		assertThat(byId.json().path("matches").get(0).path("matched_by").asString()).isEqualTo("id");

		Response agents = post("/tools/support_agents_status", ADMIN_TOKEN, "{}");
		assertThat(agents.status()).as(agents.body()).isEqualTo(200);
		assertThat(agents.json().path("total").asInt()).isEqualTo(6);

		Response metrics = post("/tools/support_metrics", ADMIN_TOKEN, "{\"period\":\"week\"}");
		assertThat(metrics.status()).as(metrics.body()).isEqualTo(200);
		assertThat(metrics.json().path("csat").has("score_percent")).isTrue();
		assertThat(metrics.json().path("avg_first_response").has("human")).isTrue();
		oracle.assertValid(chatwoot.exchanges());
	}

	@Test
	void theSdksSupportClientReadsTheDouble() {
		SupportClient support = SmarterMCP.builder().apiToken(ADMIN_TOKEN).baseUrl(baseUrl()).build().support();
		SupportConversationsListInput input = new SupportConversationsListInput()
			.status(SupportConversationsListStatus.OPEN)
			.limit(50);
		ConversationsPage first = support.conversations(input);
		assertThat(first.getConversations()).hasSize(50);
		ConversationsPage rest = support.nextConversations(input, first);
		assertThat(rest.getConversations()).hasSize(12);
		assertThat(rest.getNextCursor()).isNull();
		assertThat(support.searchConversations("john@example.com").getMatches()).isNotEmpty()
			.allSatisfy((m) -> assertThat(m.getMatchedBy()).isEqualTo("contact_email"));
		assertThat(support.agents().getBusy()).isEqualTo(2);
		assertThat(support.metrics(Period.TODAY).getTimezone()).isEqualTo("America/Santiago");
		oracle.assertValid(chatwoot.exchanges());
	}

	@Test
	void anUnknownAgentIsAnInvalidArgumentNamingTheAgents() {
		Response response = post("/tools/support_conversations_list", ADMIN_TOKEN, "{\"assignee\":\"Nobody Here\"}");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().path("detail").asString()).contains("assignee").contains("Carla Online");
	}

	@Test
	void metricsWithAnAgentTokenSayAnAdministratorIsNeeded() {
		String agentsAdmin = issueToken(ADMIN_TOKEN, "agents", "agents-reader", List.of("read:support"));
		Response response = post("/tools/support_metrics", agentsAdmin, "{}");
		assertThat(response.status()).isEqualTo(502);
		assertThat(response.json().path("detail").asString()).contains("administrator");
		oracle.assertValid(chatwoot.exchanges());
	}

	@Test
	void chatwootsRateLimitIsRelayedAsChatwootsWithItsRetryTime() {
		chatwoot.rateLimit("/agents", 42);
		Response response = post("/tools/support_agents_status", ADMIN_TOKEN, "{}");
		assertThat(response.status()).isEqualTo(429);
		assertThat(response.headers().get("Retry-After")).containsExactly("42");
		assertThat(response.json().path("code").asString()).isEqualTo("backend_rate_limited");
		assertThat(response.json().path("detail").asString()).contains("Chatwoot's own rate limit")
			.doesNotContain("Rate limit exceeded for category");
	}

	@Test
	void eachTenantReadsOnlyItsOwnAccount() {
		String otherReader = issueToken(ADMIN_TOKEN, "other", "other-reader", List.of("read:support"));
		Response response = post("/tools/support_conversations_list", otherReader, "{\"status\":\"all\"}");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json().path("total").asInt()).isEqualTo(5);
		assertThat(response.body()).doesNotContain("María González");
		assertThat(chatwoot.exchanges()).allSatisfy((e) -> assertThat(e.path()).startsWith("/api/v1/accounts/2/"));
		oracle.assertValid(chatwoot.exchanges());
	}

	@Test
	void healthProbesChatwootWithAnAuthenticatedCall() {
		Response health = get("/health", ADMIN_TOKEN);
		assertThat(health.json().path("services").path("chatwoot").asString()).as(health.body()).isEqualTo("healthy");
		assertThat(chatwoot.exchanges()).anySatisfy((e) -> {
			assertThat(e.path()).isEqualTo("/api/v1/accounts/1/inboxes");
			assertThat(e.requestHeaders()).containsEntry("api_access_token", ChatwootSeed.ADMIN_TOKEN);
		});
	}

}
