package cl.smartercl.mcp.server.audit;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.util.FileSystemUtils;

import cl.smartercl.mcp.core.schema.ToolJson;
import cl.smartercl.mcp.server.SmarterMcpApplication;
import cl.smartercl.mcp.testsupport.Eventually;
import cl.smartercl.mcp.testsupport.ThrowawayDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17's durability goal, end to end: the real server in a process of its own takes
 * concurrent REST calls of a tool without a backend ({@code docs_services}), each with
 * its own request id; the process is killed with SIGKILL while calls are in flight,
 * started again on the same store, and every call that got a 2xx answer before the kill
 * must have its audit row. Run on the embedded H2 store and on PostgreSQL. The processes
 * are started here and stopped by their PID.
 */
class AuditDurabilityIT {

	private static final String ADMIN_TOKEN = "smcp_durability_admin_0123456789abcdefghijklmnopqrstuv";

	private static final Pattern PORT = Pattern.compile("Netty started on port (\\d+)");

	private static final int CALLERS = 16;

	/** Answered calls before the kill; the kill comes while the callers keep sending. */
	private static final int ANSWERED_BEFORE_KILL = 1500;

	private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private final List<Process> processes = new ArrayList<>();

	private Path work;

	private String database;

	@AfterEach
	void cleanUp() throws Exception {
		for (Process process : this.processes) {
			if (process.isAlive()) {
				process.destroy();
				if (!process.waitFor(60, TimeUnit.SECONDS)) {
					process.destroyForcibly();
				}
			}
		}
		if (this.work != null) {
			FileSystemUtils.deleteRecursively(this.work);
		}
		if (this.database != null) {
			admin("DROP DATABASE IF EXISTS " + this.database + " WITH (FORCE)");
		}
	}

	@Test
	void everyAnsweredCallIsOnRecordAfterAKillOnTheEmbeddedStore() throws Exception {
		this.work = Files.createTempDirectory("smartermcp-durability");
		killUnderLoadThenCheck(Map.of("SMARTERMCP_DATA_DIR", this.work.resolve("data").toString()));
	}

	@Test
	void everyAnsweredCallIsOnRecordAfterAKillOnPostgres() throws Exception {
		this.work = Files.createTempDirectory("smartermcp-durability");
		this.database = "smartermcp_durability_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		admin("CREATE DATABASE " + this.database);
		killUnderLoadThenCheck(Map.of("SMARTERMCP_DB_URL", "postgresql://postgres@127.0.0.1:5432/" + this.database));
	}

	/**
	 * The local spool: PostgreSQL refuses connections before the load starts, so every
	 * answered read's row is in the spool only (forced to disk) when the server is
	 * killed; PostgreSQL comes back, the server starts again, replays its spool, and
	 * every answered call has exactly one row. The token cache outlasts the outage (the
	 * admin token is looked up once before it).
	 */
	@Test
	void everyAnsweredReadIsOnRecordAfterAKillWhileSpoolingWithPostgresDown() throws Exception {
		this.work = Files.createTempDirectory("smartermcp-durability");
		ThrowawayDatabase db = ThrowawayDatabase.create("smartermcp_spool");
		this.database = db.name();
		Map<String, String> store = Map.of("SMARTERMCP_DB_URL", db.storeUrl(), "SMARTERMCP_DATA_DIR",
				this.work.resolve("data").toString(), "SMARTERMCP_TOKEN_CACHE_TTL", "30m");
		Set<String> answered = killUnderLoadThenCheck(store, (server) -> {
			assertThat(call(server, UUID.randomUUID().toString()).statusCode()).as("the token is cached")
				.isEqualTo(200);
			db.stop();
		}, db::restart);
		assertThat(Long.parseLong(db.value("SELECT count(*) FROM audit_records WHERE tool = 'docs_services'")))
			.as("rows of docs_services: one per call, none twice")
			.isEqualTo(Long.parseLong(
					db.value("SELECT count(DISTINCT request_id) FROM audit_records WHERE tool = 'docs_services'")));
		assertThat(Files.readString(this.work.resolve("second.log"))).contains("from before this start")
			.contains("replayed into the store");
		System.out.printf("[durability] spool: %d reads answered with PostgreSQL down before the kill, all replayed%n",
				answered.size());
	}

	private HttpResponse<String> call(Server server, String requestId) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create(server.url() + "/tools/docs_services"))
			.timeout(Duration.ofSeconds(60))
			.header("Authorization", "Bearer " + ADMIN_TOKEN)
			.header("Content-Type", "application/json")
			.header("X-Request-ID", requestId)
			.POST(HttpRequest.BodyPublishers.ofString("{\"service_id\":\"n8n\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	interface Step {

		void run(Server server) throws Exception;

	}

	interface Action {

		void run() throws Exception;

	}

	private Set<String> killUnderLoadThenCheck(Map<String, String> store) throws Exception {
		return killUnderLoadThenCheck(store, (server) -> {
		}, () -> {
		});
	}

	/**
	 * @param beforeLoad runs on the first server before the callers start
	 * @param afterKill runs once the first server is dead, before the second starts
	 */
	private Set<String> killUnderLoadThenCheck(Map<String, String> store, Step beforeLoad, Action afterKill)
			throws Exception {
		Server first = start("first", store);
		beforeLoad.run(first);
		Set<String> answered = ConcurrentHashMap.newKeySet();
		AtomicInteger failed = new AtomicInteger();
		AtomicBoolean stop = new AtomicBoolean();
		List<Thread> callers = new ArrayList<>();
		for (int i = 0; i < CALLERS; i++) {
			Thread caller = new Thread(() -> {
				while (!stop.get()) {
					String requestId = UUID.randomUUID().toString();
					try {
						HttpResponse<String> answer = call(first, requestId);
						if (answer.statusCode() / 100 == 2) {
							answered.add(requestId);
						}
						else {
							failed.incrementAndGet();
						}
					}
					catch (IOException ex) {
						// the kill: connections refused or cut; those calls got no answer
						failed.incrementAndGet();
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			}, "durability-caller-" + i);
			caller.start();
			callers.add(caller);
		}
		long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
		while (answered.size() < ANSWERED_BEFORE_KILL && System.nanoTime() < deadline && first.process().isAlive()) {
			Thread.sleep(20);
		}
		assertThat(answered).as("answered calls before the kill (see %s)", first.log())
			.hasSizeGreaterThanOrEqualTo(ANSWERED_BEFORE_KILL);
		first.process().destroyForcibly(); // SIGKILL on Linux, while the callers keep
											// sending
		assertThat(first.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
		stop.set(true);
		for (Thread caller : callers) {
			caller.join(Duration.ofMinutes(2).toMillis());
		}
		Set<String> answeredBeforeKill = new HashSet<>(answered);
		assertThat(first.process().exitValue()).as("killed by SIGKILL").isEqualTo(137);
		afterKill.run();

		Server second = start("second", store);
		// a spool is replayed once the server runs: give it its time (bounded), then
		// judge
		Set<String> recorded = Eventually.poll(Duration.ofMinutes(2), Duration.ofMillis(500), () -> {
			try {
				return recordedRequestIds(second);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}, (ids) -> ids.containsAll(answeredBeforeKill));
		Set<String> lost = new HashSet<>(answeredBeforeKill);
		lost.removeAll(recorded);
		assertThat(lost)
			.as("answered calls without an audit row, of %d answered (%d failed or cut)", answeredBeforeKill.size(),
					failed.get())
			.isEmpty();
		return answeredBeforeKill;
	}

	/**
	 * Every request id of the default tenant's trail, through {@code GET /audit} and its
	 * cursor.
	 */
	private Set<String> recordedRequestIds(Server server) throws Exception {
		Set<String> ids = new HashSet<>();
		String cursor = null;
		do {
			HttpResponse<String> page = this.http.send(HttpRequest
				.newBuilder(URI.create(server.url() + "/audit?tool=docs_services&limit=500"
						+ ((cursor != null) ? "&cursor=" + cursor : "")))
				.timeout(Duration.ofSeconds(60))
				.header("Authorization", "Bearer " + ADMIN_TOKEN)
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
			JsonNode body = ToolJson.mapper().readTree(page.body());
			for (JsonNode record : body.get("records")) {
				assertThat(record.get("outcome").asString()).isEqualTo("ok");
				ids.add(record.get("request_id").asString());
			}
			cursor = body.get("next_cursor").isNull() ? null : body.get("next_cursor").asString();
		}
		while (cursor != null);
		return ids;
	}

	private record Server(Process process, Path log, String url) {
	}

	/**
	 * The application's main, with its own class path (not this module's test classes),
	 * on a free port.
	 */
	private Server start(String name, Map<String, String> store) throws Exception {
		Path log = this.work.resolve(name + ".log");
		String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter((entry) -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes/"))
			.reduce((a, b) -> a + File.pathSeparator + b)
			.orElseThrow();
		List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx512m",
				"-XX:+UseSerialGC", "-cp", classPath,
				// the callers send far more than the default limits let through
				"-Dsmartermcp.rate-limits.defaults.general.per-minute=100000000",
				"-Dsmartermcp.rate-limits.defaults.general.per-hour=0",
				"-Dsmartermcp.rate-limits.defaults.general.burst=100000000",
				"-Dsmartermcp.rate-limits.defaults.categories.documentation.per-minute=100000000",
				SmarterMcpApplication.class.getName());
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.directory(this.work.toFile());
		builder.environment().put("SERVER_PORT", "0");
		builder.environment().put("SMARTERMCP_ADMIN_TOKEN", ADMIN_TOKEN);
		builder.environment().remove("SMARTERMCP_DB_URL");
		builder.environment().remove("SMARTERMCP_DATA_DIR");
		builder.environment().putAll(store);
		Process process = builder.start();
		this.processes.add(process);
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			String text = Files.exists(log) ? Files.readString(log) : "";
			Matcher port = PORT.matcher(text);
			if (port.find()) {
				return new Server(process, log, "http://127.0.0.1:" + port.group(1));
			}
			assertThat(process.isAlive()).as("the %s server ended before it started: %s", name, text).isTrue();
			Thread.sleep(50);
		}
		throw new IllegalStateException(
				"the " + name + " server did not start within " + START_TIMEOUT + "; see " + log);
	}

	private static void admin(String sql) throws Exception {
		try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres",
				"postgres", null); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
