package cl.smartercl.mcp.benchmarks.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cl.smartercl.mcp.benchmarks.load.LoadClient;
import cl.smartercl.mcp.benchmarks.load.LoadGenerator;
import cl.smartercl.mcp.benchmarks.load.RunResult;

/**
 * The whole benchmark, in one bounded run (about ten minutes), ending in {@code RESULTS.md}. Servers
 * under test run one at a time pinned to one CPU; the load generator (this JVM), the Docker API stub
 * and wrk share the other.
 */
public final class BenchmarkRunner {

	static final String OURS_MCP = "SmarterMCP · MCP Streamable HTTP";

	static final String OURS_REST = "SmarterMCP · REST";

	static final String TS_SDK = "TypeScript SDK 1.32.2 · MCP Streamable HTTP";

	static final String CEILING = "bare WebFlux endpoint (ceiling)";

	static final int[] CONCURRENCY = { 1, 16, 64, 256 };

	static final double[] RATE_FRACTIONS = { 0.1, 0.5, 0.9 };

	private final Settings settings;

	private final String token;

	private final Servers servers;

	private final Results results = new Results();

	private BenchmarkRunner(Settings settings) {
		this.settings = settings;
		byte[] secret = new byte[32];
		new SecureRandom().nextBytes(secret);
		this.token = "smcp_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		this.servers = new Servers(settings, this.token);
	}

	public static void main(String[] args) throws IOException {
		Settings settings = Settings.fromSystemProperties();
		Files.createDirectories(settings.workDir());
		BenchmarkRunner runner = new BenchmarkRunner(settings);
		long start = System.nanoTime();
		runner.results.startedAt = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
		runner.run();
		runner.results.minutes = (System.nanoTime() - start) / 60e9;
		Files.writeString(settings.out(), new Report(settings, runner.results).render());
		System.out.println("wrote " + settings.out());
		System.exit(0);
	}

	private void run() {
		Machine.describe(this.results, this.settings);
		loadAverage("start");
		try (Servers.Started stub = this.servers.dockerStub()) {
			String stubUrl = "tcp://127.0.0.1:" + stub.port();
			smarterMcp(stubUrl);
			loadAverage("after SmarterMCP");
			overhead(Results.DIRECT, stub, (client) -> client.get("/v1.44/containers/json?all=true"));
			tsSdk();
			loadAverage("after the TypeScript SDK peer");
			ceiling();
		}
		loadAverage("end");
	}

	private void smarterMcp(String stubUrl) {
		List<Double> cold = new ArrayList<>();
		this.results.coldStarts.put("SmarterMCP (REST tools/services_list)", cold);
		// first instance: idle sessions and streams on a fresh server
		try (Servers.Started first = this.servers.smarterMcp(stubUrl, List.of())) {
			cold.add(first.coldStartMillis());
			this.results.machine.put("server JVM (as pinned)", Machine.jvmFlags(first.process()));
			progress("SmarterMCP sessions");
			this.results.sessions.put("SmarterMCP · Streamable HTTP sessions", SessionsBench.mcpSessions(first.process(),
					first.baseUrl(), this.token, this.settings.sessionSteps(), true));
			this.results.sessions.put("SmarterMCP · legacy SSE streams", SessionsBench.sseStreams(first.process(),
					first.port(), this.token, this.settings.sessionSteps(), true));
		}
		for (int i = 2; i < this.settings.coldStarts(); i++) {
			try (Servers.Started again = this.servers.smarterMcp(stubUrl, List.of())) {
				cold.add(again.coldStartMillis());
			}
		}
		try (Servers.Started main = this.servers.smarterMcp(stubUrl, List.of())) {
			if (this.settings.coldStarts() > 1) {
				cold.add(main.coldStartMillis());
			}
			progress("SmarterMCP MCP grid");
			this.results.grids.add(grid(OURS_MCP, main, (c) -> c.mcpToolCall("/mcp", c.openMcpSessions("/mcp", 16), "services_list")));
			progress("SmarterMCP REST grid");
			this.results.grids.add(grid(OURS_REST, main, (c) -> c.rest("services_list")));
			wrk(OURS_REST, main);
			// well below SmarterMCP's maximum, so the overhead is measured unloaded, not queueing
			this.results.overheadRate = Math.max(20, Math.floor(this.results.grid(OURS_REST).max() / 10 / 10) * 10);
			overhead("through SmarterMCP · REST containers_list", main, (c) -> c.rest("containers_list"));
			overhead("through SmarterMCP · MCP containers_list", main,
					(c) -> c.mcpToolCall("/mcp", c.openMcpSessions("/mcp", 4), "containers_list"));
			profile(main);
		}
	}

	private void tsSdk() {
		List<Double> cold = new ArrayList<>();
		this.results.coldStarts.put("TypeScript SDK peer (MCP initialize + tools/call)", cold);
		for (int i = 1; i < this.settings.coldStarts(); i++) {
			try (Servers.Started again = this.servers.tsSdk()) {
				cold.add(again.coldStartMillis());
			}
		}
		try (Servers.Started peer = this.servers.tsSdk()) {
			cold.add(peer.coldStartMillis());
			progress("TypeScript SDK grid");
			this.results.grids.add(grid(TS_SDK, peer, (c) -> c.mcpToolCall("/mcp", c.openMcpSessions("/mcp", 16), "services_list")));
		}
		// a fresh peer for its sessions, as for SmarterMCP
		try (Servers.Started peer = this.servers.tsSdk()) {
			progress("TypeScript SDK sessions");
			this.results.sessions.put("TypeScript SDK · Streamable HTTP sessions", SessionsBench.mcpSessions(peer.process(),
					peer.baseUrl(), this.token, this.settings.sessionSteps(), false));
		}
	}

	private void ceiling() {
		try (Servers.Started ceiling = this.servers.ceiling()) {
			this.results.coldStarts.put("bare WebFlux ceiling (REST)", List.of(ceiling.coldStartMillis()));
			progress("ceiling grid");
			this.results.grids.add(grid(CEILING, ceiling, (c) -> c.rest("services_list")));
			wrk(CEILING, ceiling);
		}
	}

	/** Warm-up, closed runs at each concurrency, then open runs at fractions of the best of them. */
	private Grid grid(String target, Servers.Started server, Function<LoadClient, LoadClient.Call> calls) {
		LoadGenerator generator = new LoadGenerator(server.process()::cpuNanos);
		warmUp(target, generator, server, calls);
		List<RunResult> closed = new ArrayList<>();
		for (int concurrency : CONCURRENCY) {
			try (LoadClient client = new LoadClient(server.baseUrl(), this.token, concurrency)) {
				LoadClient.Call call = calls.apply(client);
				closed.add(generator.closed("c=" + concurrency, call, concurrency, this.settings.run()));
			}
			ManagedProcess.sleep(500);
		}
		double max = closed.stream().mapToDouble(RunResult::throughput).max().orElse(0);
		List<RunResult> open = new ArrayList<>();
		for (double fraction : RATE_FRACTIONS) {
			double rate = Math.max(1, Math.floor(max * fraction));
			try (LoadClient client = new LoadClient(server.baseUrl(), this.token, 512)) {
				LoadClient.Call call = calls.apply(client);
				open.add(generator.open(Math.round(fraction * 100) + "% = " + (long) rate + "/s", call, rate,
						this.settings.run()));
			}
			ManagedProcess.sleep(500);
		}
		Grid grid = new Grid(target, closed, open);
		System.out.printf("  %s: max %.0f calls/s, failures %d%n", target, grid.max(), grid.failures());
		return grid;
	}

	/**
	 * Runs 64 callers in chunks until the last three chunks agree within 7 % (the JIT of a JVM pinned to
	 * one shared CPU needs a minute or more for the MCP path), at least {@link Settings#warmupChunks()}
	 * minimum chunks and at most its maximum.
	 */
	private void warmUp(String target, LoadGenerator generator, Servers.Started server,
			Function<LoadClient, LoadClient.Call> calls) {
		int[] bounds = this.settings.warmupChunks();
		List<Double> rates = new ArrayList<>();
		double seconds = 0;
		try (LoadClient client = new LoadClient(server.baseUrl(), this.token, 64)) {
			LoadClient.Call call = calls.apply(client);
			while (rates.size() < bounds[1]) {
				RunResult chunk = generator.closed("warm-up", call, 64, this.settings.warmup());
				seconds += chunk.seconds();
				rates.add(chunk.throughput());
				if (rates.size() >= bounds[0] && steady(rates.subList(rates.size() - 3, rates.size()))) {
					break;
				}
			}
		}
		this.results.warmups.put(target, String.format("%.0f s (%d chunks), last chunk %.0f calls/s", seconds, rates.size(),
				rates.get(rates.size() - 1)));
	}

	private static boolean steady(List<Double> rates) {
		double min = rates.stream().mapToDouble(Double::doubleValue).min().orElse(0);
		double max = rates.stream().mapToDouble(Double::doubleValue).max().orElse(0);
		return max > 0 && (max - min) <= 0.07 * max;
	}

	/** One call at a time, then a fixed moderate rate: latency with and without SmarterMCP in the path. */
	private void overhead(String path, Servers.Started server, Function<LoadClient, LoadClient.Call> calls) {
		progress("overhead: " + path);
		LoadGenerator generator = new LoadGenerator(server.process()::cpuNanos);
		// the connector's path is new to the JIT: warmed up like the grids
		warmUp(path, generator, server, calls);
		List<RunResult> runs = new ArrayList<>();
		try (LoadClient client = new LoadClient(server.baseUrl(), this.token, 64)) {
			LoadClient.Call call = calls.apply(client);
			runs.add(generator.closed("c=1", call, 1, this.settings.run()));
			runs.add(generator.open((long) this.results.overheadRate + "/s", call, this.results.overheadRate, this.settings.run()));
		}
		this.results.overhead.put(path, runs);
	}

	private void wrk(String target, Servers.Started server) {
		if (this.settings.wrk() == null) {
			return;
		}
		WrkCheck.Result r = WrkCheck.run(this.settings.wrk(), this.settings.loadCpu(), server.baseUrl() + "/tools/services_list",
				this.token, 64, this.settings.run(), this.settings.workDir());
		Grid grid = this.results.grid(target);
		this.results.wrk.add(new String[] { target, String.valueOf(r.connections()), String.format("%.0f", r.throughput()),
				r.p50(), r.p99(), r.errors(), String.format("%.0f", grid.atConcurrency(64).throughput()) });
	}

	/** A JFR recording of the MCP path at full load (64 callers), summarised. */
	private void profile(Servers.Started server) {
		progress("profile (JFR) of " + OURS_MCP);
		Path recording = this.settings.workDir().resolve("smartermcp-mcp.jfr");
		String pid = String.valueOf(server.process().pid());
		// settings=default: 'profile' slowed the server several times over on this machine
		ManagedProcess.run(List.of("jcmd", pid, "JFR.start", "name=bench", "settings=default", "filename=" + recording),
				Duration.ofSeconds(30));
		LoadGenerator generator = new LoadGenerator(server.process()::cpuNanos);
		try (LoadClient client = new LoadClient(server.baseUrl(), this.token, 64)) {
			this.results.profileRun = generator.closed("c=64 under JFR",
					client.mcpToolCall("/mcp", client.openMcpSessions("/mcp", 16), "services_list"), 64, this.settings.profile());
		}
		ManagedProcess.run(List.of("jcmd", pid, "JFR.stop", "name=bench"), Duration.ofSeconds(60));
		this.results.profiledTarget = OURS_MCP;
		this.results.profile = JfrSummary.of(recording, 15);
	}

	private void loadAverage(String when) {
		String load;
		try {
			String avg = Files.readString(Path.of("/proc/loadavg")).strip();
			Matcher m = Pattern.compile("^(\\S+) (\\S+) (\\S+)").matcher(avg);
			load = m.find() ? m.group(1) + " / " + m.group(2) + " / " + m.group(3) : avg;
		}
		catch (IOException ex) {
			load = "unknown";
		}
		String pressure;
		try {
			// share of the last minute in which some runnable task waited for a CPU (Linux PSI)
			Matcher m = Pattern.compile("some avg10=\\S+ avg60=(\\S+)").matcher(Files.readString(Path.of("/proc/pressure/cpu")));
			pressure = m.find() ? m.group(1) + " %" : "unknown";
		}
		catch (IOException ex) {
			pressure = "unknown";
		}
		this.results.loadAverages.add(when + ": " + load);
		this.results.cpuPressure.add(when + ": " + pressure);
	}

	private static void progress(String what) {
		System.out.println("[bench] " + what);
	}

}
