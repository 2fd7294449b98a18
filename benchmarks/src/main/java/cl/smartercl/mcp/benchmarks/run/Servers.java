package cl.smartercl.mcp.benchmarks.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import cl.smartercl.mcp.benchmarks.load.LoadClient;

/**
 * How each process of the run is started: SmarterMCP (the shipped jar plus the benchmark
 * stub), the TypeScript SDK peer, the bare WebFlux ceiling and the Docker API stub. A
 * server counts as up at its first served tool call, which is also its cold start.
 */
final class Servers {

	/**
	 * A started server: its process, where it listens, and how long it took to serve a
	 * first call.
	 */
	record Started(ManagedProcess process, int port, String baseUrl, double coldStartMillis) implements AutoCloseable {

		@Override
		public void close() {
			this.process.close();
		}

	}

	private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

	private final Settings settings;

	private final String token;

	private final String javaBin = ProcessHandle.current().info().command().orElse("java");

	private int starts;

	Servers(Settings settings, String token) {
		this.settings = settings;
		this.token = token;
	}

	/** The Docker Engine API stub, on the load generator's CPU. */
	Started dockerStub() {
		int port = freePort();
		ManagedProcess p = ManagedProcess.start("docker-stub", String.valueOf(this.settings.loadCpu()),
				List.of(this.javaBin, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
						"cl.smartercl.mcp.benchmarks.stub.DockerApiStub", String.valueOf(port)),
				Map.of(), this.settings.workDir());
		p.awaitLog("READY", START_TIMEOUT);
		return new Started(p, port, "http://127.0.0.1:" + port, Double.NaN);
	}

	/** SmarterMCP with the benchmark stub, on the server CPU, embedded H2 store. */
	Started smarterMcp(String dockerStubUrl, List<String> extraJvmArgs) {
		return smarterMcp(dockerStubUrl, extraJvmArgs, Map.of(), serverCpus());
	}

	/**
	 * SmarterMCP from its executable jar through Spring Boot's PropertiesLauncher, so
	 * that {@code loader.path} adds the benchmark stub; a fresh data directory (H2 store)
	 * each time, or the store {@code extraEnv} names ({@code SMARTERMCP_DB_URL}).
	 */
	Started smarterMcp(String dockerStubUrl, List<String> extraJvmArgs, Map<String, String> extraEnv, String cpus) {
		int port = freePort();
		List<String> command = new ArrayList<>(List.of(this.javaBin));
		command.addAll(this.settings.serverJvmArgs());
		command.addAll(extraJvmArgs);
		command.addAll(List.of("-Dloader.path=" + this.settings.benchJar(), "-Dserver.port=" + port,
				"-Dserver.address=127.0.0.1", "-Dbench.stub.docker-url=" + dockerStubUrl, "-cp",
				this.settings.serverJar().toString(), "org.springframework.boot.loader.launch.PropertiesLauncher"));
		return shipped("smartermcp", command, extraEnv, cpus, port);
	}

	/**
	 * A SmarterMCP process from {@code command} (which must listen on {@code port}), with
	 * the admin token and a fresh data directory in its environment: up at its first
	 * served REST call of the real tool ({@code docs_services}, no backend needed).
	 */
	Started shipped(String name, List<String> command, Map<String, String> extraEnv, String cpus, int port) {
		Path data = newDir("smartermcp-data");
		Map<String, String> env = new java.util.HashMap<>(extraEnv);
		// the token goes through the environment, never on a command line (ps shows
		// those)
		env.put("SMARTERMCP_ADMIN_TOKEN", this.token);
		env.put("SMARTERMCP_DATA_DIR", data.toString());
		ManagedProcess p = ManagedProcess.start(name + "-" + (++this.starts), cpus, command, env,
				this.settings.workDir());
		String baseUrl = "http://127.0.0.1:" + port;
		double cold = awaitFirstCall(p, baseUrl,
				(client) -> client.rest(BenchmarkRunner.REAL_TOOL, BenchmarkRunner.REAL_ARGUMENTS).call());
		return new Started(p, port, baseUrl, cold);
	}

	/** The bare WebFlux ceiling with the server's JVM settings. */
	Started ceiling() {
		int port = freePort();
		List<String> command = new ArrayList<>(List.of(this.javaBin));
		command.addAll(this.settings.serverJvmArgs());
		command.addAll(List.of("-Dserver.port=" + port, "-cp", System.getProperty("java.class.path"),
				"cl.smartercl.mcp.benchmarks.ceiling.CeilingApplication"));
		ManagedProcess p = ManagedProcess.start("ceiling-" + (++this.starts), serverCpus(), command, Map.of(),
				this.settings.workDir());
		String baseUrl = "http://127.0.0.1:" + port;
		double cold = awaitFirstCall(p, baseUrl, (client) -> client.rest("services_list").call());
		return new Started(p, port, baseUrl, cold);
	}

	/**
	 * The TypeScript SDK peer on Node 22; a first call is initialize, initialized and
	 * tools/call. It serves {@code docs_services} with the constant answer in
	 * {@code realAnswer} (SmarterMCP's own answer, kept by the runner).
	 */
	Started tsSdk(Path realAnswer, String cpus) {
		int port = freePort();
		ManagedProcess p = ManagedProcess.start("ts-sdk-" + (++this.starts), cpus,
				List.of(this.settings.node().toString(),
						this.settings.nodeDir().resolve("trivial-server.mjs").toString(), String.valueOf(port),
						this.token, realAnswer.toString()),
				Map.of(), this.settings.workDir());
		String baseUrl = "http://127.0.0.1:" + port;
		double cold = awaitFirstCall(p, baseUrl, (client) -> client.openMcpSession("/mcp")
			.flatMap((session) -> client.mcpToolCall("/mcp", List.of(session), "services_list").call()));
		return new Started(p, port, baseUrl, cold);
	}

	String token() {
		return this.token;
	}

	String serverCpus() {
		return String.valueOf(this.settings.serverCpu());
	}

	private interface FirstCall {

		Mono<Boolean> call(LoadClient client);

	}

	/**
	 * Tries a call every 10 ms until one succeeds: milliseconds from process start to
	 * that answer.
	 */
	private double awaitFirstCall(ManagedProcess p, String baseUrl, FirstCall firstCall) {
		long deadline = p.startedNanos + START_TIMEOUT.toNanos();
		try (LoadClient client = new LoadClient(baseUrl, this.token, 4)) {
			while (System.nanoTime() < deadline) {
				if (!p.process.isAlive()) {
					throw new IllegalStateException(p.name + " ended during start; see " + p.log);
				}
				Boolean ok;
				try {
					// a call slower than its own timeout on a busy machine is one more
					// failed try, not the end
					ok = firstCall.call(client).onErrorReturn(false).block(Duration.ofSeconds(20));
				}
				catch (RuntimeException ex) {
					ok = false;
				}
				if (Boolean.TRUE.equals(ok)) {
					return (System.nanoTime() - p.startedNanos) / 1e6;
				}
				ManagedProcess.sleep(10);
			}
		}
		p.close();
		throw new IllegalStateException(p.name + " served no call within " + START_TIMEOUT + "; see " + p.log);
	}

	private Path newDir(String prefix) {
		try {
			return Files.createTempDirectory(this.settings.workDir(), prefix);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
