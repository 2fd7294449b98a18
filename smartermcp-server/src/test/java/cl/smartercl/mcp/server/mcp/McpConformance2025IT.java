package cl.smartercl.mcp.server.mcp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import cl.smartercl.mcp.core.schema.ToolJson;
import cl.smartercl.mcp.server.support.NodeClients;
import cl.smartercl.mcp.server.support.ServerTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official MCP conformance suite (npm {@code @modelcontextprotocol/conformance}, 0.1
 * line: the 2025 revisions) against {@code /mcp}, through a proxy that adds the bearer
 * token. Every scenario that applies to this server passes; every other one is listed in
 * {@code docs/mcp.md} with why it does not apply, and must fail only for that reason (it
 * names a fixture of the suite's reference server — a tool, resource or prompt this
 * server does not have — or a capability it does not declare), so a real regression in
 * one of them is still noticed.
 */
class McpConformance2025IT extends ServerTestSupport {

	/** The scenarios that apply, with the number of checks each passes. */
	static final Map<String, Integer> APPLICABLE = applicable();

	/** The scenarios that do not apply, each with the failure that shows why. */
	static final Map<String, String> NOT_APPLICABLE = notApplicable();

	private static Map<String, Integer> applicable() {
		Map<String, Integer> scenarios = new LinkedHashMap<>();
		scenarios.put("server-initialize", 1);
		scenarios.put("ping", 1);
		scenarios.put("logging-set-level", 1);
		scenarios.put("tools-list", 1);
		scenarios.put("resources-list", 1);
		scenarios.put("prompts-list", 1);
		// three concurrent POSTs accepted; the check that their SSE streams work is
		// informational here, since a tools/list is answered as one JSON object
		scenarios.put("server-sse-multiple-streams", 1);
		scenarios.put("dns-rebinding-protection", 2);
		// informational checks only: the suite's test_reconnection call is answered as
		// one
		// JSON object, so its priming-event and retry checks do not apply
		scenarios.put("server-sse-polling", 0);
		return scenarios;
	}

	private static Map<String, String> notApplicable() {
		Map<String, String> scenarios = new LinkedHashMap<>();
		for (String tool : List.of("tools-call-simple-text", "tools-call-image", "tools-call-audio",
				"tools-call-embedded-resource", "tools-call-mixed-content", "tools-call-with-logging",
				"tools-call-error", "tools-call-with-progress", "tools-call-sampling", "tools-call-elicitation",
				"elicitation-sep1034-defaults", "elicitation-sep1330-enums")) {
			scenarios.put(tool, "Unknown tool");
		}
		scenarios.put("json-schema-2020-12", "Tool 'json_schema_2020_12_tool' not found");
		for (String resource : List.of("resources-read-text", "resources-read-binary", "resources-templates-read")) {
			scenarios.put(resource, "-32002: Resource not found");
		}
		for (String prompt : List.of("prompts-get-simple", "prompts-get-with-args", "prompts-get-embedded-resource",
				"prompts-get-with-image")) {
			scenarios.put(prompt, "-32602: Invalid prompt name");
		}
		scenarios.put("completion-complete", "-32601: Method not found: completion/complete");
		scenarios.put("resources-subscribe", "-32601: Method not found: resources/subscribe");
		scenarios.put("resources-unsubscribe", "-32601: Method not found: resources/subscribe");
		return scenarios;
	}

	@Test
	void everyScenarioThatAppliesPassesAndTheOthersFailOnlyForTheirDocumentedReason() throws Exception {
		Path node = NodeClients.node();
		Path suite = NodeClients.conformance2025Dir();
		Path out = Files.createTempDirectory("mcp-conformance-2025");
		String printed = NodeClients.run(suite,
				List.of(node.toString(), "run-conformance.mjs", baseUrl(), ADMIN_TOKEN, out.toString()), Map.of(), 900);
		String[] lines = printed.strip().split("\n");
		JsonNode results = ToolJson.mapper().readTree(lines[lines.length - 1]);

		assertThat(results.propertyNames()).as("every scenario the suite ran is classified")
			.allSatisfy((name) -> assertThat(APPLICABLE.containsKey(name) || NOT_APPLICABLE.containsKey(name)).as(name)
				.isTrue());
		APPLICABLE.forEach((name, passed) -> {
			JsonNode scenario = results.path(name);
			assertThat(scenario.isMissingNode()).as(name + " ran").isFalse();
			assertThat(scenario.path("failed").asInt()).as(name + ": " + scenario.path("failures")).isZero();
			assertThat(scenario.path("passed").asInt()).as(name).isEqualTo(passed);
		});
		NOT_APPLICABLE.forEach((name, reason) -> {
			JsonNode scenario = results.path(name);
			assertThat(scenario.isMissingNode()).as(name + " ran").isFalse();
			assertThat(scenario.path("failures").toString()).as(name).contains(reason);
		});
	}

}
