package cl.smartercl.mcp.examples.sdk;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import cl.smartercl.mcp.client.SmarterMCP;
import cl.smartercl.mcp.client.model.WorkflowsCreateInput;
import cl.smartercl.mcp.client.model.WorkflowsCreateOutput;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The walk-through's {@code main}, as a user runs it, against the local stack of
 * {@code examples/local-stack}: {@code start.sh} starts the real n8n, Docker Engine API (podman) and
 * the server (PostgreSQL is already running), the test creates a workflow through the SDK so there is
 * one to trigger, runs {@link SdkWalkthrough#main} in its own JVM with the printed environment, and
 * {@code stop.sh} stops everything, which the test checks by the PIDs it recorded.
 * <p>
 * Metabase is the stack's "Metabase (test double)": the KPI step shows its revenue. Odoo is not part of
 * the stack (no connector in this build): the contact step gets the server's typed 503 "not configured"
 * and must say it was skipped.
 */
class SdkWalkthroughLocalStackIT {

	private static final Path REPOSITORY = repositoryRoot();

	private static final Random RANDOM = new Random();

	private static final Path STACK = REPOSITORY.resolve("examples/local-stack");

	/** The first run on a machine may build the server jar and install n8n. */
	private static final int START_TIMEOUT_SECONDS = 20 * 60;

	@Test
	void theWalkthroughRunsAgainstTheLocalStack() throws Exception {
		// short: the Docker API's unix socket lives in it
		Path state = Files.createTempDirectory(Path.of("/tmp"), "smcp-stack-");
		List<Long> pids = List.of();
		try {
			Result started = run(List.of("bash", STACK.resolve("start.sh").toString(), state.toString()),
					Map.of("SMARTERMCP_PORT", Integer.toString(freePort()), "N8N_PORT", Integer.toString(freePort()),
							"METABASE_PORT", Integer.toString(freePort()), "BOTPRESS_PORT", Integer.toString(freePort()),
							"CHATWOOT_PORT", Integer.toString(freePort()), "ODOO_PORT", Integer.toString(freePort())),
					START_TIMEOUT_SECONDS);
			pids = recordedPids(state);
			assertThat(started.exitCode()).as(started.output()).isZero();
			assertThat(pids).as("server, n8n, the Docker API and the Odoo, Chatwoot, Botpress and Metabase test doubles").hasSize(7);
			String url = exported(started.output(), "SMARTERMCP_URL");
			String token = exported(started.output(), "SMARTERMCP_API_TOKEN");
			assertThat(started.output()).contains("SmarterMCP is running at " + url);

			SmarterMCP client = SmarterMCP.builder().apiToken(token).baseUrl(url).build();
			WorkflowsCreateOutput workflow = client.workflows()
				.create(new WorkflowsCreateInput().name("Order received").workflowJson(orderWorkflow()));

			Result walk = runWalkthrough(Map.of("SMARTERMCP_URL", url, "SMARTERMCP_API_TOKEN", token), workflow.getId(),
					"acme");

			System.out.println(walk.output());
			assertThat(walk.exitCode()).as(walk.output()).isZero();
			assertThat(walk.output()).doesNotContain(token)
				.containsSubsequence("1. Backend services", "n8n", "orders-api", "running", "4 backend service(s)",
						"2. Trigger a workflow", "3. KPIs", "revenue_mtd", "$45,780", "4. Contacts matching 'acme'",
						"contact(s)")
				// every backend of the walk-through is on the local stack now (Metabase and Odoo as test doubles)
				.contains("All steps done.");
			Matcher run = Pattern.compile("workflow " + workflow.getId() + " started execution (\\d+) \\((\\w+)\\)")
				.matcher(walk.output());
			assertThat(run.find()).as(walk.output()).isTrue();
			assertThat(client.workflows().status(run.group(1)).getWorkflowId()).isEqualTo(workflow.getId());
			assertThat(walk.output()).containsSubsequence("3. KPIs", "revenue_mtd", "$45,780")
				.doesNotContain("skipped");
		}
		catch (Throwable failure) {
			// the state folder goes with the test: show what the server said first
			showLog(state.resolve("server.log"));
			throw failure;
		}
		finally {
			Result stopped = run(List.of("bash", STACK.resolve("stop.sh").toString(), state.toString()), Map.of(), 180);
			for (long pid : pids) {
				assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).as("pid %d after stop.sh: %s", pid,
						stopped.output()).isNotEqualTo(Optional.of(true));
			}
			assertThat(stopped.exitCode()).as(stopped.output()).isZero();
			delete(state);
		}
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

	/** The example's main in a JVM of its own, with this test's class path. */
	private static Result runWalkthrough(Map<String, String> env, String... args) {
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
				System.getProperty("java.class.path"), SdkWalkthrough.class.getName()));
		command.addAll(List.of(args));
		return run(command, env, 300);
	}

	/** A Webhook answered by "Respond to Webhook" with the run's own execution id (backend-notes n8n §4). */
	private static Map<String, Object> orderWorkflow() {
		return Map.of("nodes", List.of(
				Map.of("name", "Order in", "type", "n8n-nodes-base.webhook", "typeVersion", 2, "position", List.of(0, 0),
						"parameters", Map.of("httpMethod", "POST", "path", "local-stack-orders", "responseMode", "responseNode")),
				Map.of("name", "Answer", "type", "n8n-nodes-base.respondToWebhook", "typeVersion", 1.1, "position",
						List.of(220, 0), "parameters",
						Map.of("respondWith", "json", "responseBody", "={{ { \"executionId\": $execution.id } }}"))),
				"connections",
				Map.of("Order in", Map.of("main", List.of(List.of(Map.of("node", "Answer", "type", "main", "index", 0))))),
				"settings", Map.of("executionOrder", "v1"));
	}

	private static String exported(String output, String name) {
		Matcher line = Pattern.compile("(?m)^export " + name + "=(\\S+)$").matcher(output);
		assertThat(line.find()).as("start.sh prints export %s=...: %s", name, output).isTrue();
		return line.group(1);
	}

	private static List<Long> recordedPids(Path state) throws IOException {
		Path file = state.resolve("pids");
		if (!Files.exists(file)) {
			return List.of();
		}
		return Files.readAllLines(file).stream().filter((l) -> l.matches("\\d+ .*")).map((l) -> Long.valueOf(l.split(" ")[0])).toList();
	}

	private static Result run(List<String> command, Map<String, String> env, int timeoutSeconds) {
		try {
			Path output = Files.createTempFile("local-stack", ".out");
			ProcessBuilder builder = new ProcessBuilder(command).directory(REPOSITORY.toFile())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile());
			builder.environment().remove("SMARTERMCP_API_TOKEN");
			builder.environment().remove("SMARTERMCP_TENANT_ID");
			builder.environment().putAll(env);
			Process process = builder.start();
			process.getOutputStream().close();
			boolean done = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
			if (!done) {
				process.destroyForcibly();
			}
			String text = Files.readString(output, StandardCharsets.UTF_8);
			Files.deleteIfExists(output);
			return new Result(done ? process.exitValue() : -1, done ? text : text + "\n(did not finish in " + timeoutSeconds + " s)");
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot run " + command, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The folder whose pom.xml lists the modules. */
	private static Path repositoryRoot() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !(Files.isDirectory(dir.resolve("examples/local-stack")) && Files.exists(dir.resolve("pom.xml")))) {
			dir = dir.getParent();
		}
		if (dir == null) {
			throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
		}
		return dir;
	}

	/**
	 * A free port below Linux's ephemeral range (32768 and up): a port the kernel hands out for "any
	 * port" could be taken by another test's server in the minute before the stack binds it.
	 */
	private static int freePort() throws IOException {
		for (int attempt = 0; attempt < 200; attempt++) {
			int port = 20_000 + RANDOM.nextInt(12_000);
			try (ServerSocket socket = new ServerSocket(port)) {
				return socket.getLocalPort();
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
