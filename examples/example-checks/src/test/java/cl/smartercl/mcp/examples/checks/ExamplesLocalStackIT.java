package cl.smartercl.mcp.examples.checks;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import cl.smartercl.mcp.client.SmarterMCP;
import cl.smartercl.mcp.client.model.WorkflowsCreateInput;
import cl.smartercl.mcp.client.model.WorkflowsCreateOutput;
import cl.smartercl.mcp.examples.agents.BackupWorkflow;
import cl.smartercl.mcp.examples.agents.BusinessOverview;
import cl.smartercl.mcp.examples.agents.HealthCheckAndRestart;
import cl.smartercl.mcp.examples.sdk.SdkWalkthrough;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every example, as its README says to run it, against the local stack of
 * {@code examples/local-stack}: {@code start.sh} starts a real n8n (with its PostgreSQL
 * credential), podman's Docker Engine API, the read-only PostgreSQL role and demo
 * database, the Odoo, Chatwoot, Botpress and Metabase test doubles and the server, once,
 * on free ports in a temporary state folder. Then, with the environment it prints: the
 * SDK walk-through and the three agent walk-throughs through their {@code main}, each in
 * a JVM of its own, and every curl script. {@code stop.sh} stops everything, which the
 * test checks by the PIDs the stack recorded.
 * <p>
 * Every backend of every example is on the stack, so no step may say it was skipped and
 * every program and script must exit 0 with the answers it exists to show.
 */
class ExamplesLocalStackIT {

	private static final Path REPOSITORY = RestContract.EXAMPLES.getParent();

	private static final Path STACK = RestContract.EXAMPLES.resolve("local-stack");

	private static final Path CURL = RestContract.EXAMPLES.resolve("curl");

	private static final Random RANDOM = new Random();

	/** The first run on a machine may build the server jar and install n8n. */
	private static final int START_TIMEOUT_SECONDS = 20 * 60;

	/**
	 * Each curl script as the curl README shows it (its read commands), and what its
	 * answer must show. A script missing here fails the test: every script runs.
	 */
	private static final List<CurlRun> CURL_RUNS = List.of(
			new CurlRun("admin.sh", List.of(), false, "\"status\"", "services_list", "workflows_trigger"),
			new CurlRun("analytics.sh", List.of("Revenue MTD"), false, "revenue_mtd", "Revenue MTD"),
			new CurlRun("bots.sh", List.of("bot_support"), false, "bot_support"),
			// Botpress v12 answers tenant selfhosted (local-stack README)
			new CurlRun("bots.sh", List.of("welcome-bot"), true, "welcome-bot"),
			new CurlRun("codegen.sh", List.of(), false, "n8n-nodes-base.postgres", "n8n-nodes-base.slack"),
			new CurlRun("crm.sh", List.of("andes"), false, "camila.rojas@losandes.example.cl",
					"Minera Cobre Norte Ltda", "Qualified"),
			new CurlRun("documentation.sh", List.of("n8n", "public"), false, "orders", "customer"),
			// the two demo containers run; the metrics name them (the sampler's first
			// sample is
			// taken two seconds after the server starts)
			new CurlRun("infrastructure.sh", List.of(), false, "\"running\": 2", "smartermcp-demo-web",
					"\"containers\""),
			new CurlRun("services.sh", List.of(), false, "orders-api", "order processed"),
			new CurlRun("support.sh", List.of("refund request"), false, "refund"),
			new CurlRun("workflows.sh", List.of(), false, "Order received", "Read orders (Postgres)"));

	@Test
	void everyExampleRunsAsWrittenAgainstTheLocalStack() throws Exception {
		// short: the Docker API's unix socket lives in it
		Path state = Files.createTempDirectory(Path.of("/tmp"), "smcp-stack-");
		List<Long> pids = List.of();
		try {
			Result started = run(List.of("bash", STACK.resolve("start.sh").toString(), state.toString()),
					Map.of("SMARTERMCP_PORT", port(), "N8N_PORT", port(), "METABASE_PORT", port(), "BOTPRESS_PORT",
							port(), "CHATWOOT_PORT", port(), "ODOO_PORT", port()),
					START_TIMEOUT_SECONDS);
			pids = recordedPids(state);
			assertThat(started.exitCode()).as(started.output()).isZero();
			assertThat(pids)
				.as("server, n8n, the Docker API and the Odoo, Chatwoot, Botpress and Metabase test doubles")
				.hasSize(7);
			Map<String, String> env = exports(started.output());
			assertThat(env).containsOnlyKeys("SMARTERMCP_URL", "SMARTERMCP_API_TOKEN", "N8N_POSTGRES_CREDENTIAL_ID",
					"N8N_POSTGRES_CREDENTIAL_NAME");
			assertThat(started.output()).contains("SmarterMCP is running at " + env.get("SMARTERMCP_URL"));
			// the env file says the same as the output
			assertThat(Files.readString(state.resolve("env")))
				.contains("export SMARTERMCP_API_TOKEN=" + env.get("SMARTERMCP_API_TOKEN"));

			SoftAssertions softly = new SoftAssertions();
			sdkWalkthrough(softly, env);
			agentWalkthroughs(softly, env);
			curlScripts(softly, env, Files.readString(state.resolve("selfhosted-token")).strip());
			softly.assertAll();
		}
		catch (Throwable failure) {
			// the state folder goes with the test: show what the server said first
			showLog(state.resolve("server.log"));
			throw failure;
		}
		finally {
			Result stopped = run(List.of("bash", STACK.resolve("stop.sh").toString(), state.toString()), Map.of(), 180);
			for (long pid : pids) {
				assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
					.as("pid %d after stop.sh: %s", pid, stopped.output())
					.isNotEqualTo(Optional.of(true));
			}
			assertThat(stopped.exitCode()).as(stopped.output()).isZero();
			delete(state);
		}
	}

	/**
	 * The SDK walk-through (examples/sdk-walkthrough): the test creates the workflow it
	 * triggers, a webhook answered with its own execution id.
	 */
	private void sdkWalkthrough(SoftAssertions softly, Map<String, String> env) {
		String token = env.get("SMARTERMCP_API_TOKEN");
		SmarterMCP client = SmarterMCP.builder().apiToken(token).baseUrl(env.get("SMARTERMCP_URL")).build();
		WorkflowsCreateOutput workflow = client.workflows()
			.create(new WorkflowsCreateInput().name("Order received").workflowJson(orderWorkflow()));

		Result walk = runMain(SdkWalkthrough.class, env, workflow.getId(), "acme");
		System.out.println(walk.output());
		softly.assertThat(walk.exitCode()).as("SdkWalkthrough: " + walk.output()).isZero();
		softly.assertThat(walk.output())
			.as("SdkWalkthrough")
			.doesNotContain(token)
			.doesNotContain("skipped")
			.containsSubsequence("1. Backend services", "n8n", "orders-api", "running", "4 backend service(s)",
					"2. Trigger a workflow", "3. KPIs", "revenue_mtd", "$45,780", "4. Contacts matching 'acme'",
					"contact(s)")
			.contains("All steps done.");
		Matcher execution = Pattern.compile("workflow " + workflow.getId() + " started execution (\\d+) \\((\\w+)\\)")
			.matcher(walk.output());
		softly.assertThat(execution.find()).as("SdkWalkthrough reports the execution: " + walk.output()).isTrue();
		if (execution.find(0)) {
			softly.assertThat(client.workflows().status(execution.group(1)).getWorkflowId())
				.isEqualTo(workflow.getId());
		}
	}

	/**
	 * The three programs of examples/agent-walkthroughs, with the arguments of its
	 * README.
	 */
	private void agentWalkthroughs(SoftAssertions softly, Map<String, String> env) {
		String token = env.get("SMARTERMCP_API_TOKEN");

		Result health = runMain(HealthCheckAndRestart.class, env, "--dry-run");
		System.out.println(health.output());
		softly.assertThat(health.exitCode()).as("HealthCheckAndRestart: " + health.output()).isZero();
		softly.assertThat(health.output())
			.as("HealthCheckAndRestart")
			.doesNotContain(token)
			.contains("Overall: healthy", "orders-api", "web", "n8n", "Nothing to restart.");

		Result overview = runMain(BusinessOverview.class, env);
		System.out.println(overview.output());
		softly.assertThat(overview.exitCode()).as("BusinessOverview: " + overview.output()).isZero();
		softly.assertThat(overview.output())
			.as("BusinessOverview")
			.doesNotContain(token)
			.doesNotContain("not available")
			.containsSubsequence("== KPIs", "revenue_mtd", "== Sales pipeline", "total", "== Support, this week",
					"== Support agents", "Carla Online", "== Bots", "Support Assistant");

		Result backup = runMain(BackupWorkflow.class, env);
		System.out.println(backup.output());
		softly.assertThat(backup.exitCode()).as("BackupWorkflow: " + backup.output()).isZero();
		softly.assertThat(backup.output())
			.as("BackupWorkflow")
			.doesNotContain(token)
			.containsSubsequence("Generated '",
					"Set n8n's PostgreSQL credential '" + env.get("N8N_POSTGRES_CREDENTIAL_NAME") + "' (id "
							+ env.get("N8N_POSTGRES_CREDENTIAL_ID") + ") on 1 Postgres node(s)",
					"Created workflow ", "active=true", "Triggered execution ", "Execution ", ": success");
	}

	/** Every script of examples/curl, each as its README line shows it. */
	private void curlScripts(SoftAssertions softly, Map<String, String> env, String selfhostedToken)
			throws IOException {
		try (Stream<Path> files = Files.list(CURL)) {
			TreeSet<String> scripts = files.map((f) -> f.getFileName().toString())
				.filter((name) -> name.endsWith(".sh") && !name.equals("common.sh"))
				.collect(Collectors.toCollection(TreeSet::new));
			TreeSet<String> covered = CURL_RUNS.stream()
				.map(CurlRun::script)
				.collect(Collectors.toCollection(TreeSet::new));
			softly.assertThat(List.copyOf(covered)).as("every curl script runs here").isEqualTo(List.copyOf(scripts));
		}
		for (CurlRun curl : CURL_RUNS) {
			Map<String, String> scriptEnv = new HashMap<>(env);
			if (curl.selfhosted()) {
				scriptEnv.put("SMARTERMCP_API_TOKEN", selfhostedToken);
			}
			List<String> command = new ArrayList<>(List.of("bash", CURL.resolve(curl.script()).toString()));
			command.addAll(curl.args());
			Result result = run(command, scriptEnv, 300);
			String what = curl.script() + " " + String.join(" ", curl.args());
			System.out.println("=== " + what + "\n" + result.output());
			softly.assertThat(result.exitCode()).as(what + ": " + result.output()).isZero();
			softly.assertThat(result.output())
				.as(what)
				.doesNotContain(env.get("SMARTERMCP_API_TOKEN"))
				.doesNotContain(selfhostedToken)
				// every backend is on the stack: nothing skipped, nothing failed
				.doesNotContain("-- skipped")
				.doesNotContain("!! ")
				.contains(curl.expected());
		}
	}

	/**
	 * A script of examples/curl with its arguments.
	 *
	 * @param selfhosted run with the token of tenant selfhosted (Botpress v12)
	 * @param expected what its output must contain
	 */
	private record CurlRun(String script, List<String> args, boolean selfhosted, String... expected) {
	}

	/**
	 * A Webhook answered by "Respond to Webhook" with the run's own execution id
	 * (backend-notes n8n §4).
	 */
	private static Map<String, Object> orderWorkflow() {
		return Map.of(
				"nodes", List.of(
						Map.of("name", "Order in", "type", "n8n-nodes-base.webhook", "typeVersion", 2, "position",
								List.of(0, 0), "parameters",
								Map.of("httpMethod", "POST", "path", "local-stack-orders", "responseMode",
										"responseNode")),
						Map.of("name", "Answer", "type", "n8n-nodes-base.respondToWebhook", "typeVersion", 1.1,
								"position", List.of(220, 0), "parameters",
								Map.of("respondWith", "json", "responseBody",
										"={{ { \"executionId\": $execution.id } }}"))),
				"connections",
				Map.of("Order in",
						Map.of("main", List.of(List.of(Map.of("node", "Answer", "type", "main", "index", 0))))),
				"settings", Map.of("executionOrder", "v1"));
	}

	/**
	 * The example's main in a JVM of its own, with this test's class path and the stack's
	 * environment.
	 */
	private static Result runMain(Class<?> main, Map<String, String> env, String... args) {
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
				System.getProperty("java.class.path"), main.getName()));
		command.addAll(List.of(args));
		return run(command, env, 300);
	}

	/** The {@code export NAME=value} lines start.sh prints. */
	private static Map<String, String> exports(String output) {
		Map<String, String> env = new LinkedHashMap<>();
		Matcher line = Pattern.compile("(?m)^export (\\w+)=(\\S+)$").matcher(output);
		while (line.find()) {
			env.put(line.group(1), line.group(2));
		}
		return env;
	}

	private static void showLog(Path log) {
		try {
			List<String> lines = Files.readAllLines(log);
			System.out.println("--- last lines of " + log + " ---");
			lines.subList(Math.max(0, lines.size() - 80), lines.size()).forEach(System.out::println);
		}
		catch (IOException ex) {
			System.out.println("(no " + log + ": " + ex.getMessage() + ")");
		}
	}

	private static List<Long> recordedPids(Path state) throws IOException {
		Path file = state.resolve("pids");
		if (!Files.exists(file)) {
			return List.of();
		}
		return Files.readAllLines(file)
			.stream()
			.filter((l) -> l.matches("\\d+ .*"))
			.map((l) -> Long.valueOf(l.split(" ")[0]))
			.toList();
	}

	private static Result run(List<String> command, Map<String, String> env, int timeoutSeconds) {
		try {
			Path output = Files.createTempFile("local-stack", ".out");
			ProcessBuilder builder = new ProcessBuilder(command).directory(REPOSITORY.toFile())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile());
			// the examples get what the stack printed, not the developer's own token or
			// tenant
			List.of("SMARTERMCP_URL", "SMARTERMCP_API_TOKEN", "SMARTERMCP_TENANT_ID", "N8N_POSTGRES_CREDENTIAL_ID",
					"N8N_POSTGRES_CREDENTIAL_NAME")
				.forEach(builder.environment()::remove);
			builder.environment().putAll(env);
			Process process = builder.start();
			process.getOutputStream().close();
			boolean done = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
			if (!done) {
				process.destroyForcibly();
			}
			String text = Files.readString(output, StandardCharsets.UTF_8);
			Files.deleteIfExists(output);
			return new Result(done ? process.exitValue() : -1,
					done ? text : text + "\n(did not finish in " + timeoutSeconds + " s)");
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot run " + command, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A free port below Linux's ephemeral range (32768 and up): a port the kernel hands
	 * out for "any port" could be taken by another test's server in the minute before the
	 * stack binds it.
	 */
	private static String port() throws IOException {
		for (int attempt = 0; attempt < 200; attempt++) {
			int port = 20_000 + RANDOM.nextInt(12_000);
			try (ServerSocket socket = new ServerSocket(port)) {
				return Integer.toString(socket.getLocalPort());
			}
			catch (IOException taken) {
				// try another
			}
		}
		throw new IOException("no free port between 20000 and 32000");
	}

	private static void delete(Path dir) throws IOException {
		try (Stream<Path> files = Files.walk(dir)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
	}

	private record Result(int exitCode, String output) {
	}

}
