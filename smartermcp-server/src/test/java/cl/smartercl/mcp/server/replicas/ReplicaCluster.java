package cl.smartercl.mcp.server.replicas;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import cl.smartercl.mcp.server.SmarterMcpApplication;
import cl.smartercl.mcp.server.support.NodeClients;
import cl.smartercl.mcp.testsupport.ThrowawayDatabase;

/**
 * Three SmarterMCP replicas (each the application's main in a JVM of its own) on one
 * throwaway PostgreSQL database and a Redis of their own, behind HAProxy run with the
 * shipped {@code deploy/haproxy.cfg}; everything on loopback, every process started here
 * and stopped by its PID. The Redis is this cluster's own {@code redis-server} (not the
 * machine's shared one), so a test may kill and restart it.
 */
final class ReplicaCluster implements AutoCloseable {

	static final String ADMIN_TOKEN = "smcp_replicas_admin_0123456789abcdefghijklmnopqrstuvwx";

	static final List<String> REPLICA_IDS = List.of("replica1", "replica2", "replica3");

	/**
	 * Each replica's token cache: a revocation through another replica is seen within it.
	 */
	static final Duration TOKEN_CACHE_TTL = Duration.ofSeconds(5);

	private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

	final Path work;

	final ThrowawayDatabase database;

	final int redisPort;

	final int balancerPort;

	final int statsPort;

	final List<Replica> replicas = new ArrayList<>();

	private Process redis;

	private Process haproxy;

	/** Other processes of the tests (the SDK client): stopped with the cluster. */
	private final List<Process> others = new ArrayList<>();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	/**
	 * One replica: its fixed port (kept across restarts, HAProxy names it), its process
	 * and log.
	 */
	static final class Replica {

		final String id;

		final int port;

		final Path log;

		Process process;

		Replica(String id, int port, Path log) {
			this.id = id;
			this.port = port;
			this.log = log;
		}

		String url() {
			return "http://127.0.0.1:" + this.port;
		}

		String output() {
			try {
				return Files.readString(this.log, StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				return "";
			}
		}

	}

	ReplicaCluster() throws Exception {
		this.work = Files.createTempDirectory("smartermcp-replicas");
		this.database = ThrowawayDatabase.create("smartermcp_replicas");
		this.redisPort = freePort();
		this.balancerPort = freePort();
		this.statsPort = freePort();
		try {
			startRedis();
			for (String id : REPLICA_IDS) {
				this.replicas.add(new Replica(id, freePort(), this.work.resolve(id + ".log")));
			}
			// all three at once on the empty database: migrations and the admin token's
			// first registration race
			for (Replica replica : this.replicas) {
				launch(replica);
			}
			for (Replica replica : this.replicas) {
				awaitHealthy(replica);
			}
			startHaproxy();
		}
		catch (Exception | Error ex) {
			// nobody holds the cluster yet: stop what was started before failing
			close();
			throw ex;
		}
	}

	Process track(Process process) {
		this.others.add(process);
		return process;
	}

	String balancerUrl() {
		return "http://127.0.0.1:" + this.balancerPort;
	}

	Replica replica(String id) {
		return this.replicas.stream().filter((r) -> r.id.equals(id)).findFirst().orElseThrow();
	}

	void startRedis() throws IOException {
		this.redis = new ProcessBuilder("redis-server", "--port", Integer.toString(this.redisPort), "--bind",
				"127.0.0.1", "--save", "", "--appendonly", "no")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.work.resolve("redis.log").toFile()))
			.start();
		awaitPort(this.redisPort, this.redis, "redis-server");
	}

	/** SIGKILL of this cluster's own Redis. */
	void killRedis() throws InterruptedException {
		this.redis.destroyForcibly();
		this.redis.waitFor(30, TimeUnit.SECONDS);
	}

	/** Starts a replica's JVM (again, after a kill: same id, same port). */
	void launch(Replica replica) throws IOException {
		String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter((entry) -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes/"))
			.reduce((a, b) -> a + File.pathSeparator + b)
			.orElseThrow();
		List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx320m",
				"-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classPath,
				// this 2-CPU machine, shared and saturated by three replicas and the
				// callers, has stalled a
				// replica past the default 2 s; a call whose limits are not checked in
				// time goes through unlimited
				"-Dsmartermcp.rate-limits.redis-timeout=10s",
				// tenant acme's limits, set on every replica alike (docs/operations.md,
				// "Changing the limits")
				"-Dsmartermcp.rate-limits.tenants.acme.general.per-minute=1000",
				"-Dsmartermcp.rate-limits.tenants.acme.general.burst=500",
				"-Dsmartermcp.rate-limits.tenants.acme.categories.documentation.per-minute=30",
				// tenant bulk: no limits, for the load and the audit counts
				"-Dsmartermcp.rate-limits.tenants.bulk.general.per-minute=0",
				"-Dsmartermcp.rate-limits.tenants.bulk.general.per-hour=0",
				"-Dsmartermcp.rate-limits.tenants.bulk.general.burst=0",
				"-Dsmartermcp.rate-limits.tenants.bulk.categories.documentation.per-minute=0",
				SmarterMcpApplication.class.getName());
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(replica.log.toFile()))
			.directory(this.work.toFile());
		Map<String, String> env = builder.environment();
		env.remove("SMARTERMCP_DATA_DIR");
		env.remove("SMARTERMCP_TENANTS_FILE");
		env.remove("DOCKER_HOST");
		env.put("SERVER_PORT", Integer.toString(replica.port));
		env.put("SMARTERMCP_DB_URL", this.database.storeUrl());
		env.put("SMARTERMCP_REDIS_URL", "redis://127.0.0.1:" + this.redisPort);
		env.put("SMARTERMCP_ADMIN_TOKEN", ADMIN_TOKEN);
		env.put("SMARTERMCP_REPLICA_ID", replica.id);
		env.put("SMARTERMCP_LOCAL_DOCKER", "false");
		env.put("SMARTERMCP_TOKEN_CACHE_TTL", TOKEN_CACHE_TTL.toSeconds() + "s");
		replica.process = builder.start();
	}

	/** SIGKILL of a replica. */
	void kill(Replica replica) throws InterruptedException {
		replica.process.destroyForcibly();
		replica.process.waitFor(30, TimeUnit.SECONDS);
	}

	void awaitHealthy(Replica replica) throws Exception {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!replica.process.isAlive()) {
				throw new IllegalStateException(
						replica.id + " stopped with " + replica.process.exitValue() + ":\n" + replica.output());
			}
			try {
				HttpResponse<String> health = this.http
					.send(HttpRequest.newBuilder(URI.create(replica.url() + "/health"))
						.timeout(Duration.ofSeconds(10))
						.build(), HttpResponse.BodyHandlers.ofString());
				if (health.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(250);
		}
		throw new IllegalStateException(
				replica.id + " was not healthy within " + START_TIMEOUT + ":\n" + replica.output());
	}

	private void startHaproxy() throws Exception {
		Path config = NodeClients.repositoryRoot().resolve("deploy/haproxy.cfg");
		ProcessBuilder builder = new ProcessBuilder("/usr/sbin/haproxy", "-db", "-f", config.toString())
			.redirectErrorStream(true)
			.redirectOutput(this.work.resolve("haproxy.log").toFile());
		builder.environment().put("SMARTERMCP_LB_BIND", "127.0.0.1:" + this.balancerPort);
		builder.environment().put("SMARTERMCP_LB_STATS_BIND", "127.0.0.1:" + this.statsPort);
		for (int i = 0; i < this.replicas.size(); i++) {
			builder.environment().put("SMARTERMCP_REPLICA_" + (i + 1), "127.0.0.1:" + this.replicas.get(i).port);
		}
		this.haproxy = builder.start();
		awaitPort(this.balancerPort, this.haproxy, "haproxy");
		for (Replica replica : this.replicas) {
			awaitBalancerStatus(replica, "UP");
		}
	}

	/**
	 * HAProxy's own view of a replica ({@code UP}, {@code DOWN}, …), from its stats CSV.
	 */
	String balancerStatus(Replica replica) throws Exception {
		int index = this.replicas.indexOf(replica) + 1;
		HttpResponse<String> csv = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.statsPort + "/stats;csv"))
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString());
		for (String line : csv.body().split("\n")) {
			String[] fields = line.split(",");
			if (fields.length > 17 && fields[0].equals("smartermcp_replicas") && fields[1].equals("replica" + index)) {
				return fields[17];
			}
		}
		throw new IllegalStateException("replica" + index + " is not in HAProxy's stats:\n" + csv.body());
	}

	/**
	 * One column of HAProxy's stats CSV for a replica, by the column's name in the CSV's
	 * header ({@code status}, {@code chkfail}, {@code check_code}, …).
	 */
	String balancerField(Replica replica, String column) throws Exception {
		int index = this.replicas.indexOf(replica) + 1;
		HttpResponse<String> csv = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.statsPort + "/stats;csv"))
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString());
		String[] lines = csv.body().split("\n");
		List<String> header = List.of(lines[0].replaceFirst("^# ", "").split(","));
		int at = header.indexOf(column);
		if (at < 0) {
			throw new IllegalStateException("HAProxy's stats have no column " + column + ": " + lines[0]);
		}
		for (String line : lines) {
			String[] fields = line.split(",", -1);
			if (fields.length > at && fields[0].equals("smartermcp_replicas") && fields[1].equals("replica" + index)) {
				return fields[at];
			}
		}
		throw new IllegalStateException("replica" + index + " is not in HAProxy's stats:\n" + csv.body());
	}

	void awaitBalancerStatus(Replica replica, String status) throws Exception {
		long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		String seen = null;
		while (System.nanoTime() < deadline) {
			seen = balancerStatus(replica);
			if (seen.startsWith(status)) {
				return;
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("HAProxy shows " + replica.id + " as " + seen + ", not " + status
				+ "; haproxy.log:\n" + Files.readString(this.work.resolve("haproxy.log")));
	}

	private static void awaitPort(int port, Process process, String name) throws IOException {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException(name + " stopped with " + process.exitValue());
			}
			try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
				return;
			}
			catch (IOException ex) {
				try {
					Thread.sleep(100);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException(interrupted);
				}
			}
		}
		throw new IllegalStateException(name + " did not listen on " + port);
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@Override
	public void close() throws Exception {
		List<Process> all = new ArrayList<>(this.others);
		if (this.haproxy != null) {
			all.add(this.haproxy);
		}
		for (Replica replica : this.replicas) {
			if (replica.process != null) {
				all.add(replica.process);
			}
		}
		if (this.redis != null) {
			all.add(this.redis);
		}
		for (Process process : all) {
			process.destroy();
		}
		for (Process process : all) {
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
		this.database.close();
	}

}
