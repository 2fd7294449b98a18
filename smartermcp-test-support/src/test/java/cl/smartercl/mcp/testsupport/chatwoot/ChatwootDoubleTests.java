package cl.smartercl.mcp.testsupport.chatwoot;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Chatwoot double proven against the oracle: each endpoint it serves, asked directly
 * (not through the connector), answers what Chatwoot's swagger (with its documented
 * errata) allows, and says what the backend notes say Chatwoot says.
 */
class ChatwootDoubleTests {

	private static final Instant NOW = Instant.parse("2026-03-02T02:30:00Z");

	private static ChatwootDouble chatwoot;

	private static ChatwootOracle oracle;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void start() {
		chatwoot = ChatwootDouble.start(NOW);
		oracle = new ChatwootOracle();
	}

	@AfterAll
	static void stop() {
		chatwoot.close();
	}

	@BeforeEach
	void reset() {
		chatwoot.clearHooks();
		chatwoot.clearExchanges();
	}

	@Test
	void everyEndpointAnswersWhatTheSwaggerAllows() throws Exception {
		JsonNode list = get("/api/v1/accounts/1/conversations?status=all&assignee_type=all&page=3",
				ChatwootSeed.ADMIN_TOKEN);
		assertThat(list.path("data").path("meta").path("all_count").asInt()).isEqualTo(70);
		assertThat(list.path("data").path("payload")).hasSize(20);
		JsonNode open = get("/api/v1/accounts/1/conversations?status=open&assignee_type=unassigned&page=1",
				ChatwootSeed.ADMIN_TOKEN);
		assertThat(open.path("data").path("meta").path("all_count").asInt()).isEqualTo(62);
		open.path("data").path("payload").forEach((c) -> assertThat(c.path("meta").has("assignee")).isFalse());
		JsonNode one = get("/api/v1/accounts/1/conversations/17", ChatwootSeed.ADMIN_TOKEN);
		assertThat(one.path("id").asInt()).isEqualTo(17);
		get("/api/v1/accounts/1/conversations/17/messages", ChatwootSeed.ADMIN_TOKEN);
		JsonNode agents = get("/api/v1/accounts/1/agents", ChatwootSeed.AGENT_TOKEN);
		assertThat(agents).hasSize(6);
		assertThat(agents.findValuesAsText("availability_status")).contains("online", "busy", "offline");
		get("/api/v1/accounts/1/inboxes", ChatwootSeed.ADMIN_TOKEN);
		JsonNode byEmail = get("/api/v1/accounts/1/search/conversations?q=john%40example.com&page=1",
				ChatwootSeed.ADMIN_TOKEN);
		assertThat(byEmail.path("payload").path("conversations")).isNotEmpty();
		JsonNode byText = get("/api/v1/accounts/1/conversations/search?q=refund&page=1", ChatwootSeed.ADMIN_TOKEN);
		assertThat(byText.path("payload")).hasSize(2);
		JsonNode summary = get("/api/v2/accounts/1/reports/summary?type=account&since="
				+ NOW.minusSeconds(7 * 86400).getEpochSecond() + "&until=" + NOW.getEpochSecond(),
				ChatwootSeed.ADMIN_TOKEN);
		assertThat(summary.path("conversations_count").asInt()).isPositive();
		assertThat(summary.has("previous")).isTrue();
		get("/api/v1/accounts/1/csat_survey_responses/metrics?since=" + NOW.minusSeconds(30 * 86400).getEpochSecond()
				+ "&until=" + NOW.getEpochSecond(), ChatwootSeed.ADMIN_TOKEN);
		post("/api/v1/accounts/1/conversations/filter?page=1",
				"{\"payload\":[{\"attribute_key\":\"assignee_id\",\"filter_operator\":\"equal_to\",\"values\":[\"3\"],\"query_operator\":\"AND\"},"
						+ "{\"attribute_key\":\"status\",\"filter_operator\":\"equal_to\",\"values\":[\"open\"],\"query_operator\":null}]}");
		oracle.assertValid(chatwoot.exchanges());
	}

	@Test
	void errorsAreChatwootsAndTheSwaggerWithItsErrataAllowsThem() throws Exception {
		assertThat(call("/api/v1/accounts/1/agents", "wrong-token").body()).contains("Invalid Access Token");
		HttpResponse<String> agent = call("/api/v2/accounts/1/reports/summary?type=account&since=1&until=2",
				ChatwootSeed.AGENT_TOKEN);
		assertThat(agent.statusCode()).isEqualTo(401);
		assertThat(agent.body()).contains("You are not authorized to do this action");
		assertThat(call("/api/v1/accounts/2/conversations", ChatwootSeed.ADMIN_TOKEN).statusCode()).isEqualTo(401);
		assertThat(call("/api/v1/accounts/99/agents", ChatwootSeed.ADMIN_TOKEN).statusCode()).isEqualTo(404);
		assertThat(call("/api/v1/accounts/1/conversations/9999", ChatwootSeed.ADMIN_TOKEN).statusCode()).isEqualTo(404);
		chatwoot.rateLimit("/agents", 17);
		HttpResponse<String> limited = call("/api/v1/accounts/1/agents", ChatwootSeed.ADMIN_TOKEN);
		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.headers().firstValue("Retry-After")).hasValue("17");
		chatwoot.clearHooks();
		assertThat(post("/api/v1/accounts/1/conversations/filter?page=1",
				"{\"payload\":[{\"attribute_key\":\"nonsense\",\"filter_operator\":\"equal_to\",\"values\":[\"x\"],\"query_operator\":null}]}")
			.path("error")
			.asText()).startsWith("Invalid attribute key");
		oracle.assertValid(chatwoot.exchanges());
	}

	@Test
	void theOracleHasTeeth() throws Exception {
		// no token header: the swagger's security requirement fails
		List<String> missingToken = oracle.problems(new ChatwootExchange("GET", "/api/v1/accounts/1/agents", null,
				java.util.Map.of(), "", 200, "application/json", "[]"));
		assertThat(missingToken).isNotEmpty();
		// an availability Chatwoot never sends
		List<String> badValue = oracle.problems(new ChatwootExchange("GET", "/api/v1/accounts/1/agents", null,
				java.util.Map.of("api_access_token", "t"), "", 200, "application/json",
				"[{\"id\":1,\"availability_status\":\"away\"}]"));
		assertThat(badValue).isNotEmpty();
		// a route Chatwoot does not have
		List<String> noRoute = oracle.problems(new ChatwootExchange("GET", "/api/v1/accounts/1/agents/status", null,
				java.util.Map.of("api_access_token", "t"), "", 200, "application/json", "{}"));
		assertThat(noRoute).isNotEmpty();
		// a request alone: a status the list does not offer, and a page that is no number
		assertThat(oracle.requestProblems(new ChatwootExchange("GET", "/api/v1/accounts/1/conversations",
				"status=closed&page=two", java.util.Map.of("api_access_token", "t"), "", 0, null, "")))
			.hasSize(2);
		assertThat(oracle.requestProblems(new ChatwootExchange("GET", "/api/v1/accounts/1/conversations",
				"status=snoozed&assignee_type=me&page=2", java.util.Map.of("api_access_token", "t"), "", 0, null, "")))
			.isEmpty();
		assertThat(ChatwootSwaggerErrata.reasons()).containsKeys("availability values", "401 for 403", "search routes");
	}

	private JsonNode get(String path, String token) throws IOException, InterruptedException {
		HttpResponse<String> response = call(path, token);
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return ChatwootDouble.JSON.readTree(response.body());
	}

	private HttpResponse<String> call(String path, String token) throws IOException, InterruptedException {
		return this.http.send(
				HttpRequest.newBuilder(URI.create(chatwoot.url() + path)).header("api_access_token", token).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private JsonNode post(String path, String body) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(chatwoot.url() + path))
			.header("api_access_token", ChatwootSeed.ADMIN_TOKEN)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		return ChatwootDouble.JSON.readTree(response.body());
	}

}
