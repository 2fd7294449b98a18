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
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cl.smartercl.mcp.benchmarks.load.LoadClient;
import cl.smartercl.mcp.benchmarks.load.LoadGenerator;
import cl.smartercl.mcp.benchmarks.load.RunResult;

/**
 * The whole benchmark, in one bounded run (about ten minutes), ending in
 * {@code RESULTS.md}. Servers under test run one at a time pinned to one CPU; the load
 * generator (this JVM), the Docker API stub and wrk share the other.
 */
public final class BenchmarkRunner {

	/**
	 * The real-tool workload: a catalog tool that needs no backend, answering about 5 KB.
	 */
	static final String REAL_TOOL = "docs_services";

	static final String REAL_ARGUMENTS = "{\"service_id\":\"n8n\"}";

	static final String OURS_MCP_REAL = "SmarterMCP · MCP · docs_services n8n";

	static final String OURS_REST_REAL = "SmarterMCP · REST · docs_services n8n";

	static final String TS_REAL = "TypeScript SDK 1.32.2 · MCP · docs_services (constant answer of the same bytes)";

	static final String OURS_MCP = "SmarterMCP · MCP · services_list stub";

	static final String OURS_REST = "SmarterMCP · REST · services_list stub";

	static final String TS_SDK = "TypeScript SDK 1.32.2 · MCP · services_list";

	static final String CEILING = "bare WebFlux endpoint (ceiling)";

	static final String OURS_MCP_UNPINNED = "SmarterMCP · MCP · docs_services n8n · unpinned (both CPUs)";

	static final String TS_UNPINNED = "TypeScript SDK 1.32.2 · MCP · docs_services · unpinned (both CPUs)";

	static final String OURS_MCP_PG = "SmarterMCP · MCP · docs_services n8n · PostgreSQL store";

	static final String OURS_REST_PG = "SmarterMCP · REST · docs_services n8n · PostgreSQL store";

	static final int[] CONCURRENCY = { 1, 16, 64, 256 };

	static final double[] RATE_FRACTIONS = { 0.1, 0.5, 0.9 };

	private final Settings settings;

	private final String token;

	private final Servers servers;

	private final Results results = new Results();

	private int recordings;

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
			step("SmarterMCP", () -> smarterMcp(stubUrl));
			loadAverage("after SmarterMCP");
			step("the Docker API stub called directly",
					() -> overhead(Results.DIRECT, stub, (client) -> client.get("/v1.44/containers/json?all=true")));
			step("the TypeScript SDK peer", this::tsSdk);
			loadAverage("after the TypeScript SDK peer");
			step("the ceiling", this::ceiling);
			step("the PostgreSQL runs", () -> postgres(stubUrl));
			loadAverage("after the PostgreSQL runs");
			step("cold starts", () -> ColdStarts.measure(this.settings, this.servers, this.results));
			loadAverage("after the cold starts");
			step("the unpinned runs", () -> unpinned(stubUrl));
		}
		loadAverage("end");
	}

	/**
	 * One part of the run; a part that fails is written down in the report, and the run
	 * goes on.
	 */
	private void step(String what, Runnable part) {
		if (this.settings.deadline() != null && java.time.Instant.now().isAfter(this.settings.deadline())) {
			System.out.println("[bench] " + what + " SKIPPED: past the run's deadline " + this.settings.deadline());
			this.results.notes.add(what + ": not run, the run's deadline (BENCH_DEADLINE " + this.settings.deadline()
					+ ") had passed");
			return;
		}
		try {
			part.run();
		}
		catch (RuntimeException ex) {
			System.out.println("[bench] " + what + " FAILED: " + ex);
			this.results.notes.add(what + " failed: " + ex.getMessage());
		}
	}

	private void smarterMcp(String stubUrl) {
		List<Double> cold = new ArrayList<>();
		this.results.coldStarts
			.put("SmarterMCP, benchmark configuration (PropertiesLauncher + stub), first REST docs_services", cold);
		// first instance: idle sessions and streams on a fresh server
		try (Servers.Started first = this.servers.smarterMcp(stubUrl, List.of())) {
			cold.add(first.coldStartMillis());
			this.results.machine.put("server JVM (as pinned)", Machine.jvmFlags(first.process()));
			keepRealAnswer(first);
			progress("SmarterMCP sessions");
			this.results.sessions.put("SmarterMCP · Streamable HTTP sessions", SessionsBench
				.mcpSessions(first.process(), first.baseUrl(), this.token, this.settings.sessionSteps(), true));
			this.results.sessions.put("SmarterMCP · legacy SSE streams", SessionsBench.sseStreams(first.process(),
					first.port(), this.token, this.settings.sessionSteps(), true));
		}
		try (Servers.Started main = this.servers.smarterMcp(stubUrl, List.of())) {
			cold.add(main.coldStartMillis());
			Function<LoadClient, LoadClient.Call> realMcp = (c) -> c.mcpToolCall("/mcp", c.openMcpSessions("/mcp", 16),
					REAL_TOOL, REAL_ARGUMENTS);
			progress("SmarterMCP warm-up curve (real tool, MCP)");
			curve(OURS_MCP_REAL, main, realMcp);
			progress("SmarterMCP MCP grid (real tool)");
			this.results.grids.add(grid(OURS_MCP_REAL, main, realMcp, 3, true));
			progress("SmarterMCP REST grid (real tool)");
			this.results.grids.add(grid(OURS_REST_REAL, main, (c) -> c.rest(REAL_TOOL, REAL_ARGUMENTS), 3, true));
			wrk(OURS_REST_REAL, main, "/tools/" + REAL_TOOL, REAL_ARGUMENTS);
			profile(main, OURS_MCP_REAL, realMcp);
			progress("SmarterMCP MCP grid (stub)");
			this.results.grids.add(grid(OURS_MCP, main,
					(c) -> c.mcpToolCall("/mcp", c.openMcpSessions("/mcp", 16), "services_list"), 3, false));
			progress("SmarterMCP REST grid (stub)");
			this.results.grids.add(grid(OURS_REST, main, (c) -> c.rest("services_list"), 3, false));
			// well below SmarterMCP's maximum, so the overhead is measured unloaded, not
			// queueing
			this.results.overheadRate = Math.max(20,
					Math.floor(this.results.grid(OURS_REST_REAL).max() / 10 / 10) * 10);
			overhead("through SmarterMCP · REST containers_list", main, (c) -> c.rest("containers_list"));
			overhead("through SmarterMCP · MCP containers_list", main,
					(c) -> c.mcpToolCall("/mcp", c.openMcpSessions("/mcp", 4), "containers_list"));
		}
	}

	/**
	 * SmarterMCP's answer to the real tool, for the TypeScript peer to serve as its
	 * constant answer.
	 */
	private void keepRealAnswer(Servers.Started server) {
		try (LoadClient client = new LoadClient(server.baseUrl(), this.token, 1)) {
			String answer = client.restAnswer(REAL_TOOL, REAL_ARGUMENTS).block(Duration.ofSeconds(30));
			Files.writeString(realAnswer(), answer);
			this.results.realAnswerBytes = answer.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private Path realAnswer() {
		return this.settings.workDir().resolve("docs-services-n8n.json");
	}

	private void tsSdk() {
		List<Double> cold = new ArrayList<>();
		this.results.coldStarts.put("TypeScript SDK peer (MCP initialize + tools/call)", cold);
		for (int i = 1; i < this.settings.coldStarts(); i++) {
			try (Servers.Started again = this.servers.tsSdk(realAnswer(), this.servers.serverCpus())) {
				cold.add(again.coldStartMillis());
			}
		}
		try (Servers.Started peer = this.servers.tsSdk(realAnswer(), this.servers.serverCpus())) {
			cold.add(peer.coldStartMillis());
			Function<LoadClient, LoadClient.Call> realMcp = (c) -> c.mcpToolCall("/mcp", c.openMcpSessions("/mcp", 16),
					REAL_TOOL, REAL_ARGUMENTS);
			progress("TypeScript SDK warm-up curve (real tool)");
			curve(TS_REAL, peer, realMcp);
			progress("TypeScript SDK grid (real tool)");
			this.results.grids.add(grid(TS_REAL, peer, realMcp, 3, true));
			progress("TypeScript SDK grid (stub)");
			this.results.grids.add(grid(TS_SDK, peer,
					(c) -> c.mcpToolCall("/mcp", c.openMcpSessions("/mcp", 16), "services_list"), 3, false));
		}
		// a fresh peer for its sessions, as for SmarterMCP
		try (Servers.Started peer = this.servers.tsSdk(realAnswer(), this.servers.serverCpus())) {
			progress("TypeScript SDK sessions");
			this.results.sessions.put("TypeScript SDK · Streamable HTTP sessions", SessionsBench
				.mcpSessions(peer.process(), peer.baseUrl(), this.token, this.settings.sessionSteps(), false));
		}
	}

	private void ceiling() {
		try (Servers.Started ceiling = this.servers.ceiling()) {
			this.results.coldStarts.put("bare WebFlux ceiling (REST)", List.of(ceiling.coldStartMillis()));
			progress("ceiling grid");
			this.results.grids.add(grid(CEILING, ceiling, (c) -> c.rest("services_list"), 6, true));
			wrk(CEILING, ceiling, "/tools/services_list", "{}");
		}
	}

	/**
	 * Both servers, one after the other, free to use both CPUs, and so is the load
	 * generator (this JVM is moved to both CPUs for the part, then back): closed runs of
	 * the real tool.
	 */
	private void unpinned(String stubUrl) {
		String both = "0,1";
		ManagedProcess.run(List.of("taskset", "-a", "-p", "-c", both, String.valueOf(ProcessHandle.current().pid())),
				Duration.ofSeconds(10));
		try {
			Function<LoadClient, LoadClient.Call> realMcp = (c) -> c.mcpToolCall("/mcp", c.openMcpSessions("/mcp", 16),
					REAL_TOOL, REAL_ARGUMENTS);
			step("unpinned SmarterMCP", () -> {
				try (Servers.Started ours = this.servers.smarterMcp(stubUrl, List.of(), Map.of(), both)) {
					this.results.machine.put("server JVM (unpinned)", Machine.jvmFlags(ours.process()));
					progress("unpinned SmarterMCP (real tool)");
					curve(OURS_MCP_UNPINNED, ours, realMcp);
					this.results.grids.add(grid(OURS_MCP_UNPINNED, ours, realMcp, 3, false));
				}
			});
			step("unpinned TypeScript SDK peer", () -> {
				try (Servers.Started peer = this.servers.tsSdk(realAnswer(), both)) {
					progress("unpinned TypeScript SDK peer (real tool)");
					curve(TS_UNPINNED, peer, realMcp);
					this.results.grids.add(grid(TS_UNPINNED, peer, realMcp, 3, false));
				}
			});
		}
		finally {
			ManagedProcess.run(List.of("taskset", "-a", "-p", "-c", String.valueOf(this.settings.loadCpu()),
					String.valueOf(ProcessHandle.current().pid())), Duration.ofSeconds(10));
		}
	}

	/**
	 * SmarterMCP on the PostgreSQL store (a throwaway database on 127.0.0.1:5432): the
	 * real tool's grids, then the audit check: a second server on a second fresh database
	 * is killed (SIGKILL) under load, and every call it answered must have its audit row.
	 */
	private void postgres(String stubUrl) {
		step("PostgreSQL store", () -> {
			try (ThrowawayDb db = ThrowawayDb.create()) {
				try (Servers.Started ours = this.servers.smarterMcp(stubUrl, List.of(),
						Map.of("SMARTERMCP_DB_URL", db.url()), this.servers.serverCpus())) {
					progress("SmarterMCP on PostgreSQL (real tool)");
					Function<LoadClient, LoadClient.Call> realMcp = (c) -> c.mcpToolCall("/mcp",
							c.openMcpSessions("/mcp", 16), REAL_TOOL, REAL_ARGUMENTS);
					this.results.grids.add(grid(OURS_MCP_PG, ours, realMcp, 6, false));
					this.results.grids
						.add(grid(OURS_REST_PG, ours, (c) -> c.rest(REAL_TOOL, REAL_ARGUMENTS), 3, false));
				}
			}
		});
		step("audit check (kill -9 under load)", () -> {
			try (ThrowawayDb db = ThrowawayDb.create()) {
				progress("audit check: kill -9 under load, PostgreSQL store");
				this.results.auditCheck = AuditCheck.run(this.servers, stubUrl, db, this.token, this.settings);
			}
		});
	}

	/**
	 * The warm-up curve: 64 callers in 5 s chunks from the server's first served call, at
	 * a fixed count of chunks (calls/s and server CPU per call of each); it is also the
	 * target's warm-up.
	 */
	private void curve(String target, Servers.Started server, Function<LoadClient, LoadClient.Call> calls) {
		Results.Curve curve = curve(this.settings, server, this.token, calls);
		this.results.curves.put(target, curve);
		this.results.warmups.put(target,
				String.format("the warm-up curve below (%d chunks of %d s), last chunk %.0f calls/s",
						curve.chunks().size(), this.settings.warmup().toSeconds(),
						curve.chunks().get(curve.chunks().size() - 1).throughput()));
	}

	static Results.Curve curve(Settings settings, Servers.Started server, String token,
			Function<LoadClient, LoadClient.Call> calls) {
		LoadGenerator generator = new LoadGenerator(server.process()::cpuNanos);
		List<RunResult> chunks = new ArrayList<>();
		double sinceStart = (System.nanoTime() - server.process().startedNanos) / 1e9;
		try (LoadClient client = new LoadClient(server.baseUrl(), token, 64)) {
			LoadClient.Call call = calls.apply(client);
			for (int i = 0; i < settings.curveChunks(); i++) {
				chunks.add(generator.closed("t=" + i, call, 64, settings.warmup()));
			}
		}
		return new Results.Curve(sinceStart, server.coldStartMillis(), chunks);
	}

	/**
	 * Warm-up, closed runs at each concurrency, then open runs at fractions of the best
	 * of them.
	 */
	private Grid grid(String target, Servers.Started server, Function<LoadClient, LoadClient.Call> calls,
			int minWarmupChunks, boolean openRuns) {
		LoadGenerator generator = new LoadGenerator(server.process()::cpuNanos);
		if (!this.results.warmups.containsKey(target)) {
			warmUp(target, generator, server, calls, minWarmupChunks);
		}
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
		for (double fraction : openRuns ? RATE_FRACTIONS : new double[0]) {
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
	 * Runs 64 callers in chunks until the last three chunks agree within 7 % (the JIT of
	 * a JVM pinned to one shared CPU needs a minute or more for the MCP path), at least
	 * {@link Settings#warmupChunks()} minimum chunks and at most its maximum.
	 */
	private void warmUp(String target, LoadGenerator generator, Servers.Started server,
			Function<LoadClient, LoadClient.Call> calls, int minChunks) {
		int[] bounds = this.settings.warmupChunks();
		int fewest = Math.min(bounds[0], minChunks);
		// a target on a server the JIT has already warmed needs fewer chunks
		int most = (minChunks < bounds[0]) ? Math.min(bounds[1], 2 * minChunks) : bounds[1];
		List<Double> rates = new ArrayList<>();
		double seconds = 0;
		try (LoadClient client = new LoadClient(server.baseUrl(), this.token, 64)) {
			LoadClient.Call call = calls.apply(client);
			while (rates.size() < most) {
				RunResult chunk = generator.closed("warm-up", call, 64, this.settings.warmup());
				seconds += chunk.seconds();
				rates.add(chunk.throughput());
				if (rates.size() >= Math.max(3, fewest) && steady(rates.subList(rates.size() - 3, rates.size()))) {
					break;
				}
			}
		}
		this.results.warmups.put(target, String.format("%.0f s (%d chunks), last chunk %.0f calls/s", seconds,
				rates.size(), rates.get(rates.size() - 1)));
	}

	private static boolean steady(List<Double> rates) {
		double min = rates.stream().mapToDouble(Double::doubleValue).min().orElse(0);
		double max = rates.stream().mapToDouble(Double::doubleValue).max().orElse(0);
		return max > 0 && (max - min) <= 0.07 * max;
	}

	/**
	 * One call at a time, then a fixed moderate rate: latency with and without SmarterMCP
	 * in the path.
	 */
	private void overhead(String path, Servers.Started server, Function<LoadClient, LoadClient.Call> calls) {
		progress("overhead: " + path);
		LoadGenerator generator = new LoadGenerator(server.process()::cpuNanos);
		// the connector's path is new to the JIT: warmed up like the grids
		warmUp(path, generator, server, calls, 3);
		List<RunResult> runs = new ArrayList<>();
		try (LoadClient client = new LoadClient(server.baseUrl(), this.token, 64)) {
			LoadClient.Call call = calls.apply(client);
			runs.add(generator.closed("c=1", call, 1, this.settings.run()));
			runs.add(generator.open((long) this.results.overheadRate + "/s", call, this.results.overheadRate,
					this.settings.run()));
		}
		this.results.overhead.put(path, runs);
	}

	private void wrk(String target, Servers.Started server, String path, String body) {
		if (this.settings.wrk() == null) {
			return;
		}
		WrkCheck.Result r = WrkCheck.run(this.settings.wrk(), this.settings.loadCpu(), server.baseUrl() + path, body,
				this.token, 64, this.settings.run(), this.settings.workDir());
		Grid grid = this.results.grid(target);
		this.results.wrk
			.add(new String[] { target, String.valueOf(r.connections()), String.format("%.0f", r.throughput()), r.p50(),
					r.p99(), r.errors(), String.format("%.0f", grid.atConcurrency(64).throughput()) });
	}

	/** A JFR recording of one path at full load (64 callers), summarised. */
	private void profile(Servers.Started server, String target, Function<LoadClient, LoadClient.Call> calls) {
		progress("profile (JFR) of " + target);
		Path recording = this.settings.workDir().resolve("smartermcp-" + (++this.recordings) + ".jfr");
		String pid = String.valueOf(server.process().pid());
		// settings=default: 'profile' slowed the server several times over on this
		// machine
		ManagedProcess.run(List.of("jcmd", pid, "JFR.start", "name=bench", "settings=default", "filename=" + recording),
				Duration.ofSeconds(30));
		LoadGenerator generator = new LoadGenerator(server.process()::cpuNanos);
		try (LoadClient client = new LoadClient(server.baseUrl(), this.token, 64)) {
			this.results.profileRun = generator.closed("c=64 under JFR", calls.apply(client), 64,
					this.settings.profile());
		}
		ManagedProcess.run(List.of("jcmd", pid, "JFR.stop", "name=bench"), Duration.ofSeconds(60));
		this.results.profiledTarget = target;
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
			// share of the last minute in which some runnable task waited for a CPU
			// (Linux PSI)
			Matcher m = Pattern.compile("some avg10=\\S+ avg60=(\\S+)")
				.matcher(Files.readString(Path.of("/proc/pressure/cpu")));
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
