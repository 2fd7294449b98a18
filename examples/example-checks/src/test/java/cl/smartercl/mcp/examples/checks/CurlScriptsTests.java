package cl.smartercl.mcp.examples.checks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The curl scripts cover every tool, send arguments the tools' schemas accept, and — run
 * for real against a stand-in server — send the bearer token and the requests they
 * promise.
 */
class CurlScriptsTests {

	private static final Path CURL = RestContract.EXAMPLES.resolve("curl");

	private static final String TOKEN = "smcp_curl_test_token_42";

	/** {@code tool NAME 'JSON'}: a call with literal arguments. */
	private static final Pattern LITERAL_CALL = Pattern.compile("tool (\\w+) '([^']*)'");

	private static final Pattern ANY_CALL = Pattern.compile("tool (\\w+)");

	private final RestContract contract = new RestContract();

	private final ObjectMapper json = new ObjectMapper();

	private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

	private MockWebServer server;

	private volatile MockResponse answer;

	/**
	 * How many requests, from the next one, get {@link #rateLimited} instead of the
	 * answer.
	 */
	private final AtomicInteger limitedRequests = new AtomicInteger();

	private volatile MockResponse rateLimited;

	@BeforeEach
	void startServer() throws IOException {
		this.answer = new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "application/json")
			.body("{}")
			.build();
		this.server = new MockWebServer();
		this.server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				CurlScriptsTests.this.requests.add(request);
				if (CurlScriptsTests.this.limitedRequests.getAndDecrement() > 0) {
					return CurlScriptsTests.this.rateLimited;
				}
				return CurlScriptsTests.this.answer;
			}
		});
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void everyCategoryHasAScriptThatNamesAllItsTools() throws IOException {
		for (String category : this.contract.categories()) {
			Path script = CURL.resolve(category + ".sh");
			assertThat(script).as("a script for category %s", category).exists();
			Set<String> named = new TreeSet<>();
			Matcher calls = ANY_CALL.matcher(Files.readString(script));
			while (calls.find()) {
				named.add(calls.group(1));
			}
			Set<String> expected = new TreeSet<>();
			this.contract.toolCategories().forEach((tool, owner) -> {
				if (owner.equals(category)) {
					expected.add(tool);
				}
			});
			assertThat(named).as("tools called by %s", script.getFileName()).isEqualTo(expected);
		}
	}

	@Test
	void literalArgumentsAreJsonTheToolAccepts() throws IOException {
		int checked = 0;
		try (var scripts = Files.list(CURL)) {
			for (Path script : scripts.filter((p) -> p.toString().endsWith(".sh")).toList()) {
				Matcher calls = LITERAL_CALL.matcher(Files.readString(script));
				while (calls.find()) {
					String tool = calls.group(1);
					JsonNode arguments = this.json.readTree(calls.group(2));
					Set<String> names = new TreeSet<>();
					arguments.fieldNames().forEachRemaining(names::add);
					assertThat(this.contract.inputProperties(tool)).as("%s in %s", tool, script.getFileName())
						.containsAll(names);
					checked++;
				}
			}
		}
		assertThat(checked).isGreaterThanOrEqualTo(10);
	}

	@ParameterizedTest
	@CsvSource({ "services.sh, services", "workflows.sh; workflows.sh status 1874, workflows",
			"analytics.sh Revenue, analytics", "crm.sh, crm", "support.sh, support", "bots.sh BOT_1, bots",
			"infrastructure.sh, infrastructure", "documentation.sh, documentation",
			"codegen.sh; codegen.sh skill orders, codegen" })
	void aScriptCallsItsReadToolsWithTheBearerToken(String commands, String category) throws Exception {
		for (String command : commands.split(";")) {
			Result result = run(command.trim().split(" "));
			assertThat(result.exitCode()).as(result.output()).isZero();
			assertThat(result.output()).doesNotContain(TOKEN);
		}
		Set<String> reached = new TreeSet<>();
		for (RecordedRequest request : this.requests) {
			assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
			assertThat(request.getMethod()).isEqualTo("POST");
			this.json.readTree(request.getBody().string(StandardCharsets.UTF_8));
			reached.add(request.getTarget().substring("/tools/".length()));
		}
		Set<String> reads = new TreeSet<>();
		this.contract.toolCategories().forEach((tool, owner) -> {
			if (owner.equals(category) && this.contract.isReadOnly(tool)) {
				reads.add(tool);
			}
		});
		assertThat(reached).isEqualTo(reads);
	}

	@Test
	void aWriteIsASubCommand() throws Exception {
		Result result = run("services.sh", "restart", "n8n");
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(this.requests).hasSize(1);
		RecordedRequest request = this.requests.get(0);
		assertThat(request.getTarget()).isEqualTo("/tools/services_restart");
		assertThat(this.json.readTree(request.getBody().string(StandardCharsets.UTF_8)))
			.isEqualTo(this.json.readTree("{\"service_id\": \"n8n\"}"));
	}

	@Test
	void aProblemIsShownTheScriptGoesOnAndExitsNonZero() throws Exception {
		this.answer = new MockResponse.Builder().code(403)
			.addHeader("Content-Type", "application/problem+json")
			.body("{\"type\":\"https://smartermcp.dev/problems/forbidden\",\"title\":\"Forbidden\",\"status\":403,"
					+ "\"detail\":\"Missing required scope 'read:crm' for crm_contacts_list\",\"code\":\"forbidden\"}")
			.build();
		Result result = run("crm.sh");
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(this.requests).hasSizeGreaterThan(1);
		assertThat(result.output()).contains("Missing required scope 'read:crm'").contains("call(s) failed");
	}

	@Test
	void aBackendTheTenantHasNotConfiguredIsSkippedNotFailed() throws Exception {
		this.answer = new MockResponse.Builder().code(503)
			.addHeader("Content-Type", "application/problem+json")
			.body("{\"type\":\"https://smartermcp.dev/problems/backend_not_configured\",\"title\":\"Service Unavailable\","
					+ "\"status\":503,\"detail\":\"The odoo backend is not configured for this tenant: add backends.odoo to "
					+ "the tenants file (see docs/configuration.md)\",\"code\":\"backend_not_configured\"}")
			.build();
		Result result = run("crm.sh");
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(this.requests).hasSizeGreaterThan(1);
		assertThat(result.output()).contains("skipped").contains("add backends.odoo");
	}

	@Test
	void aBackendThatIsDownIsARealFailure() throws Exception {
		this.answer = new MockResponse.Builder().code(503)
			.addHeader("Content-Type", "application/problem+json")
			.body("{\"type\":\"https://smartermcp.dev/problems/service_unavailable\",\"title\":\"Service Unavailable\","
					+ "\"status\":503,\"detail\":\"Service 'odoo' is currently unavailable\",\"code\":\"service_unavailable\"}")
			.build();
		Result result = run("crm.sh");
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.output()).contains("Service 'odoo' is currently unavailable");
	}

	@Test
	void aRateLimitedCallWaitsAsTheServerSaysAndIsSentAgain() throws Exception {
		this.rateLimited = tooManyRequests(1);
		this.limitedRequests.set(2);
		Result result = run("documentation.sh");
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("rate limited (HTTP 429): waiting 1 s").doesNotContain("!! ");
		// the first call, sent three times: twice limited, then answered
		assertThat(this.requests.subList(0, 3)).extracting(RecordedRequest::getTarget)
			.containsOnly(this.requests.get(0).getTarget());
	}

	@Test
	void aRateLimitLongerThanAMinuteIsAFailureNotAWait() throws Exception {
		this.rateLimited = tooManyRequests(120);
		this.limitedRequests.set(Integer.MAX_VALUE);
		Result result = run("documentation.sh");
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.output()).contains("failed with HTTP 429").doesNotContain("waiting");
	}

	private static MockResponse tooManyRequests(int seconds) {
		return new MockResponse.Builder().code(429)
			.addHeader("Content-Type", "application/problem+json")
			.addHeader("Retry-After", String.valueOf(seconds))
			.body("{\"type\":\"https://smartermcp.dev/problems/rate_limited\",\"title\":\"Too Many Requests\",\"status\":429,"
					+ "\"detail\":\"Rate limit exceeded for category 'general'\",\"code\":\"rate_limited\","
					+ "\"retry_after_seconds\":" + seconds + "}")
			.build();
	}

	@Test
	void withoutATokenNothingIsSent() throws Exception {
		Result result = run(Map.of(), "services.sh");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.output()).contains("SMARTERMCP_API_TOKEN");
		assertThat(this.requests).isEmpty();
	}

	private Result run(String... command) throws Exception {
		return run(Map.of("SMARTERMCP_API_TOKEN", TOKEN), command);
	}

	private Result run(Map<String, String> env, String... command) throws Exception {
		List<String> argv = new ArrayList<>(List.of("bash", CURL.resolve(command[0]).toString()));
		argv.addAll(List.of(command).subList(1, command.length));
		ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
		builder.environment().remove("SMARTERMCP_API_TOKEN");
		builder.environment().remove("SMARTERMCP_TENANT_ID");
		builder.environment().put("SMARTERMCP_URL", this.server.url("/").toString().replaceAll("/$", ""));
		builder.environment().putAll(env);
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("script did not finish: " + output);
		}
		return new Result(process.exitValue(), output);
	}

	private record Result(int exitCode, String output) {
	}

}
