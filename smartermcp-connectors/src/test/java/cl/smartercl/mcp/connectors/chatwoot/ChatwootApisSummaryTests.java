package cl.smartercl.mcp.connectors.chatwoot;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import cl.smartercl.mcp.testsupport.chatwoot.ChatwootExchange;
import cl.smartercl.mcp.testsupport.chatwoot.ChatwootOracle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundled summary {@code docs_apis chatwoot} answers with
 * ({@code apis/chatwoot.yaml}) names only routes Chatwoot has: each path and verb, filled
 * in, is a route of Chatwoot's own swagger (with its documented errata), and the summary
 * covers every route the connector calls.
 */
class ChatwootApisSummaryTests {

	@Test
	void everyRouteOfTheSummaryIsOneOfChatwoots() throws IOException {
		JsonNode summary;
		try (InputStream in = getClass().getResourceAsStream("/apis/chatwoot.yaml")) {
			summary = new YAMLMapper().readTree(in);
		}
		ChatwootOracle oracle = new ChatwootOracle();
		List<String> routes = new ArrayList<>();
		summary.path("paths")
			.fields()
			.forEachRemaining((path) -> path.getValue().fieldNames().forEachRemaining((verb) -> {
				String concrete = path.getKey().replace("{account_id}", "1").replace("{conversation_id}", "17");
				routes.add(verb.toUpperCase() + " " + path.getKey());
				ChatwootExchange exchange = new ChatwootExchange(verb.toUpperCase(), concrete, null,
						Map.of("api_access_token", "t", "content-type", "application/json"),
						verb.equals("post") ? "{\"payload\":[]}" : "", 404, "application/json",
						"{\"error\":\"Resource could not be found\"}");
				assertThat(oracle.problems(exchange)).as(verb + " " + path.getKey())
					.noneMatch((problem) -> problem.contains("validation.request.path.missing")
							|| problem.contains("validation.request.operation.notAllowed"));
			}));
		// and the check can fail: a route Chatwoot does not have is named as such
		assertThat(oracle.problems(new ChatwootExchange("GET", "/api/v1/accounts/1/agents/availability/now", null,
				Map.of("api_access_token", "t"), "", 404, "application/json", "{}")))
			.anyMatch((problem) -> problem.contains("validation.request.path.missing"));
		assertThat(routes).contains("GET /api/v1/accounts/{account_id}/conversations",
				"POST /api/v1/accounts/{account_id}/conversations/filter",
				"GET /api/v1/accounts/{account_id}/conversations/{conversation_id}",
				"GET /api/v1/accounts/{account_id}/conversations/{conversation_id}/messages",
				"GET /api/v1/accounts/{account_id}/search/conversations",
				"GET /api/v1/accounts/{account_id}/conversations/search", "GET /api/v1/accounts/{account_id}/agents",
				"GET /api/v1/accounts/{account_id}/inboxes", "GET /api/v2/accounts/{account_id}/reports/summary",
				"GET /api/v1/accounts/{account_id}/csat_survey_responses/metrics", "GET /api/v1/profile");
	}

}
