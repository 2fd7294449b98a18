package cl.smartercl.mcp.server.mcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import cl.smartercl.mcp.core.schema.ToolJson;
import cl.smartercl.mcp.server.support.NodeClients;
import cl.smartercl.mcp.server.support.ServerTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official MCP conformance suite, 0.2 line, with {@code --requirements 2026-07-28}:
 * exactly the server scenarios that revision requires, run against {@code /mcp} through
 * {@link BearerProxy} (the suite takes no token). Every scenario that applies to this
 * server passes; those that cannot apply are listed in {@link #NOT_APPLICABLE} with the
 * reason, as in docs/mcp.md. The scenario-by-scenario result is written to
 * {@code target/conformance-2026-07-28.txt}.
 */
class McpConformance2026IT extends ServerTestSupport {

	private static final String FIXTURE = "the scenario calls a fixture of the suite's reference server (a tool, "
			+ "resource or prompt named test_* with canned content); SmarterMCP serves its business catalog, not the fixture";

	/**
	 * Scenarios that cannot apply to this server, and why (kept in step with
	 * docs/mcp.md).
	 */
	static final Map<String, String> NOT_APPLICABLE = new TreeMap<>(Map.ofEntries(
			Map.entry("completion-complete",
					"no completions capability: no prompt or resource template takes completable arguments"),
			Map.entry("tools-call-simple-text", FIXTURE), Map.entry("tools-call-image", FIXTURE),
			Map.entry("tools-call-audio", FIXTURE), Map.entry("tools-call-embedded-resource", FIXTURE),
			Map.entry("tools-call-mixed-content", FIXTURE), Map.entry("tools-call-error", FIXTURE),
			Map.entry("tools-call-with-progress", FIXTURE), Map.entry("resources-read-text", FIXTURE),
			Map.entry("resources-read-binary", FIXTURE), Map.entry("resources-templates-read", FIXTURE),
			Map.entry("prompts-get-simple", FIXTURE), Map.entry("prompts-get-with-args", FIXTURE),
			Map.entry("prompts-get-embedded-resource", FIXTURE), Map.entry("prompts-get-with-image", FIXTURE),
			Map.entry("input-required-result-basic-elicitation", FIXTURE),
			Map.entry("input-required-result-basic-sampling", FIXTURE),
			Map.entry("input-required-result-basic-list-roots", FIXTURE),
			Map.entry("input-required-result-request-state", FIXTURE),
			Map.entry("input-required-result-multiple-input-requests", FIXTURE),
			Map.entry("input-required-result-multi-round", FIXTURE),
			Map.entry("input-required-result-non-tool-request", FIXTURE),
			Map.entry("input-required-result-result-type", FIXTURE),
			Map.entry("input-required-result-tampered-state", FIXTURE),
			Map.entry("input-required-result-capability-check", FIXTURE)));

	/**
	 * Single checks, within scenarios that otherwise apply, that cannot apply to this
	 * server, by check id, with the reason (kept in step with docs/mcp.md).
	 */
	static final Map<String, String> NOT_APPLICABLE_CHECKS = new TreeMap<>(
			Map.of("sep-2575-server-rejects-undeclared-capability", "needs the fixture tool test_missing_capability",
					"sep-2575-missing-capability-http-400", "needs the fixture tool test_missing_capability",
					"sep-2575-http-server-no-independent-requests-on-stream",
					"needs the fixture tool test_streaming_elicitation", "sep-2575-server-no-log-without-loglevel",
					"needs the fixture tool test_logging_tool"));

	@Test
	void everyApplicableScenarioOfThe2026RequirementsPasses() throws Exception {
		Path suite = suiteDir();
		Path out = Files.createTempDirectory("conformance-2026");
		String stdout;
		try (BearerProxy proxy = new BearerProxy(baseUrl(), ADMIN_TOKEN)) {
			stdout = runSuite(suite, proxy.baseUrl() + "/mcp", out);
		}
		Map<String, List<String>> failures = failures(out);
		Map<String, String> notScored = notScored(suite);
		Map<String, String> results = new TreeMap<>();
		failures
			.forEach(
					(scenario,
							failed) -> results
								.put(scenario,
										notScored.containsKey(scenario)
												? "NOT SCORED (" + notScored.get(scenario) + ") "
														+ (failed.isEmpty() ? "passed"
																: failed.size() + " check(s) failed")
												: verdict(scenario, failed)));
		StringBuilder report = new StringBuilder("MCP conformance ").append(version(suite))
			.append(", --requirements 2026-07-28, against /mcp\n");
		results.forEach((scenario, verdict) -> report.append(String.format("%-48s %s%n", scenario, verdict)));
		Path target = NodeClients.repositoryRoot().resolve("smartermcp-server/target/conformance-2026-07-28.txt");
		Files.createDirectories(target.getParent());
		Files.writeString(target, report + "\n--- suite output ---\n" + stdout);

		assertThat(results).as(report.toString()).isNotEmpty();
		assertThat(results.values()).as(report.toString()).allMatch((verdict) -> !verdict.startsWith("FAIL"));
		// the applicable core must have run, not just be absent
		assertThat(results).as(report.toString())
			.hasEntrySatisfying("server-stateless", (v) -> assertThat(v).startsWith("PASS"))
			.hasEntrySatisfying("tools-list", (v) -> assertThat(v).startsWith("PASS"))
			.hasEntrySatisfying("caching", (v) -> assertThat(v).isEqualTo("PASS"))
			.hasEntrySatisfying("resources-list", (v) -> assertThat(v).isEqualTo("PASS"))
			.hasEntrySatisfying("prompts-list", (v) -> assertThat(v).isEqualTo("PASS"))
			.hasEntrySatisfying("sep-2164-resource-not-found", (v) -> assertThat(v).isEqualTo("PASS"))
			.hasEntrySatisfying("dns-rebinding-protection", (v) -> assertThat(v).startsWith("PASS"));
	}

	/**
	 * The server scenarios the requirements file runs but does not score (extensions,
	 * pending), with the file's reason.
	 */
	private static Map<String, String> notScored(Path suite) throws IOException {
		List<String> lines = Files
			.readAllLines(suite.resolve("node_modules/@modelcontextprotocol/conformance/requirements/2026-07-28.yaml"));
		Map<String, String> notScored = new TreeMap<>();
		boolean inSection = false;
		String scenario = null;
		String leg = null;
		for (String line : lines) {
			if (!line.startsWith(" ") && !line.startsWith("#")) {
				inSection = line.startsWith("not_scored:");
				continue;
			}
			String item = line.strip();
			if (!inSection) {
				continue;
			}
			if (item.startsWith("- scenario:")) {
				scenario = item.substring("- scenario:".length()).strip();
				leg = null;
			}
			else if (item.startsWith("leg:")) {
				leg = item.substring("leg:".length()).strip();
			}
			else if (item.startsWith("reason:") && "server".equals(leg) && scenario != null) {
				notScored.put(scenario, item.substring("reason:".length()).strip());
			}
		}
		return notScored;
	}

	/**
	 * PASS, PASS with the not-applicable checks named, N/A (scenario), or FAIL with the
	 * failed checks.
	 */
	private static String verdict(String scenario, List<String> failed) {
		if (NOT_APPLICABLE.containsKey(scenario)) {
			return (failed.isEmpty() ? "PASS (listed not applicable: " : "N/A (") + NOT_APPLICABLE.get(scenario) + ")";
		}
		List<String> real = failed.stream().filter((check) -> !NOT_APPLICABLE_CHECKS.containsKey(id(check))).toList();
		if (!real.isEmpty()) {
			return "FAIL " + String.join("; ", real);
		}
		return failed.isEmpty() ? "PASS" : "PASS (checks not applicable: "
				+ String.join(", ", failed.stream().map(McpConformance2026IT::id).toList()) + ")";
	}

	private static String id(String check) {
		int space = check.indexOf(' ');
		return (space < 0) ? check : check.substring(0, space);
	}

	/**
	 * Per scenario, its failed checks ({@code id (message)}); empty when every check
	 * passed.
	 */
	private static Map<String, List<String>> failures(Path out) throws IOException {
		Map<String, List<String>> failures = new TreeMap<>();
		try (Stream<Path> files = Files.walk(out)) {
			for (Path checks : files.filter((p) -> p.getFileName().toString().equals("checks.json")).toList()) {
				List<String> failed = failures.computeIfAbsent(scenarioOf(out, checks), (k) -> new ArrayList<>());
				for (JsonNode check : ToolJson.mapper().readTree(Files.readString(checks))) {
					if ("FAILURE".equals(check.path("status").asString())) {
						failed.add(check.path("id").asString() + " (" + check.path("errorMessage").asString("") + ")");
					}
				}
			}
		}
		return failures;
	}

	/**
	 * The scenario a checks.json belongs to: its folder, without the timestamp the suite
	 * appends.
	 */
	private static String scenarioOf(Path out, Path checks) {
		String folder = out.relativize(checks.getParent()).toString();
		return folder.replaceFirst("^server-", "").replaceFirst("-\\d{4}-\\d{2}-\\d{2}T.*$", "");
	}

	private static String runSuite(Path suite, String url, Path out) throws IOException, InterruptedException {
		Path node = NodeClients.node();
		ProcessBuilder builder = new ProcessBuilder(node.toString(),
				suite.resolve("node_modules/@modelcontextprotocol/conformance/dist/index.js").toString(), "server",
				"--url", url, "--requirements", "2026-07-28", "-o", out.toString())
			.directory(suite.toFile())
			.redirectErrorStream(true);
		builder.environment().put("PATH", node.getParent() + ":" + System.getenv("PATH"));
		Process process = builder.start();
		process.getOutputStream().close();
		byte[] output = process.getInputStream().readAllBytes();
		if (!process.waitFor(900, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("the conformance suite did not finish in 15 minutes");
		}
		// the exit code is non-zero whenever any scenario failed, the non-applicable ones
		// included: the
		// per-scenario results decide
		return new String(output, StandardCharsets.UTF_8);
	}

	/**
	 * The suite's folder, with the pinned package installed (bin/test installs it; else
	 * on first use).
	 */
	private static Path suiteDir() {
		Path dir = NodeClients.repositoryRoot().resolve("smartermcp-server/src/test/conformance-2026");
		if (!Files.isDirectory(dir.resolve("node_modules/@modelcontextprotocol/conformance"))) {
			NodeClients.node();
			NodeClients.run(dir, List.of("npm", "install", "--no-audit", "--no-fund", "--no-package-lock"), Map.of(),
					600);
		}
		return dir;
	}

	private static String version(Path suite) throws IOException {
		JsonNode pkg = ToolJson.mapper()
			.readTree(Files.readString(suite.resolve("node_modules/@modelcontextprotocol/conformance/package.json")));
		return pkg.path("version").asString();
	}

}
