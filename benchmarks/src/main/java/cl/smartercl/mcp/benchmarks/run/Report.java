package cl.smartercl.mcp.benchmarks.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import cl.smartercl.mcp.benchmarks.load.RunResult;

/** Renders {@link Results} as {@code RESULTS.md}. */
final class Report {

	private final Settings settings;

	private final Results r;

	private final StringBuilder md = new StringBuilder();

	Report(Settings settings, Results results) {
		this.settings = settings;
		this.r = results;
	}

	String render() {
		line("# SmarterMCP benchmark results");
		line("");
		line("Written by `" + this.settings.command() + "` on " + this.r.startedAt + " at commit `"
				+ this.settings.commit() + "`; the run took " + f1(this.r.minutes) + " minutes"
				+ (this.settings.quick() ? " (QUICK MODE: short runs, not a report)" : "") + ".");
		line("Every number below comes from this one run. Latencies in milliseconds.");
		line("");
		machine();
		goals();
		compare("Headline: the real tool (docs_services n8n, " + this.r.realAnswerBytes + " bytes of answer)",
				BenchmarkRunner.OURS_MCP_REAL, BenchmarkRunner.TS_REAL, BenchmarkRunner.OURS_REST_REAL, true);
		compare("The trivial tool (services_list from the in-process stub)", BenchmarkRunner.OURS_MCP,
				BenchmarkRunner.TS_SDK, BenchmarkRunner.OURS_REST, false);
		compare("Unpinned: each server alone on the machine, free to use both CPUs (the load generator too)",
				BenchmarkRunner.OURS_MCP_UNPINNED, BenchmarkRunner.TS_UNPINNED, null, false);
		curves();
		storeComparison();
		auditCheck();
		grids();
		wrk();
		overhead();
		sessions();
		coldStart();
		profile();
		notes();
		return this.md.toString();
	}

	private void machine() {
		line("## Machine and method");
		line("");
		line("| | |");
		line("|---|---|");
		this.r.machine.forEach((k, v) -> line("| " + k + " | " + v + " |"));
		line("| load average (1 / 5 / 15 min) | " + String.join("; ", this.r.loadAverages) + " |");
		line("| CPU pressure (PSI some, avg60: share of time a runnable task waited for a CPU) | "
				+ String.join("; ", this.r.cpuPressure) + " |");
		line("");
		line("- The machine is shared with other engineers' builds and tests (see the load averages and CPU pressure):"
				+ " a server pinned to its CPU still shares it with their unpinned processes, so calls/s and latencies move"
				+ " a lot between runs. **Server CPU per call** (CPU time the server's process used ÷ calls it answered) is"
				+ " the measure that contention disturbs least; compare servers by it first, then by calls/s.");
		line("- Servers under test run one at a time, alone on their CPU. The load generator (a Java program of this"
				+ " module: Reactor Netty client, HTTP/1.1 keep-alive, loopback only) runs on the other CPU.");
		line("- **Closed runs** (c = N callers, each sending its next call when the last answered) give the maximum"
				+ " sustained calls/s: the best closed run. **Open runs** send calls on a fixed schedule at 10, 50 and 90 %"
				+ " of that maximum whatever the server does; their latency counts from each call's intended send time,"
				+ " so queueing is not hidden (no coordinated omission). A call due while " + 1024
				+ " are in flight counts as failed.");
		line("- Each run lasts " + this.settings.run().toSeconds()
				+ " s and is bounded in calls (2,000,000) as well as in"
				+ " time. Before its runs each target is warmed up with 64 callers in "
				+ this.settings.warmup().toSeconds() + " s chunks, at least " + this.settings.warmupChunks()[0]
				+ " and at most " + this.settings.warmupChunks()[1]
				+ ", until the last three agree within 7 % (each target's warm-up is shown with its table); a target on a server"
				+ " already warmed by an earlier target takes 3 to 6 chunks.");
		line("- **The real tool** is `docs_services` with `{\"service_id\":\"n8n\"}`: a catalog tool that needs no backend"
				+ " and answers " + this.r.realAnswerBytes
				+ " bytes (its result travels twice in an MCP answer, as text and as"
				+ " structured content), behind the full SmarterMCP stack: bearer token (SHA-256, then the store, whose answer"
				+ " is reused for up to 1 s), scope check, rate limits, the dispatcher with its interceptors, argument binding,"
				+ " JSON, and an audit row per call in the embedded H2 store (group commit; the answer waits for its row's"
				+ " commit). The TypeScript SDK peer serves a `docs_services` tool whose answer is SmarterMCP's own answer, kept"
				+ " by the runner and returned as a constant (text and structured content, the same bytes), and checks the"
				+ " bearer token with a string comparison.");
		line("- **The trivial tool** is `services_list` answered by an in-process stub port (three constant services, no I/O),"
				+ " behind the same stack. The shipped jar is run unchanged through Spring Boot's PropertiesLauncher with"
				+ " `loader.path` adding the stub (`BenchmarkStubAutoConfiguration`). The TypeScript SDK peer serves the same"
				+ " tool (same answer, zod input schema).");
		line("- **Unpinned** runs give each server (and the load generator) both CPUs; the JVM then picks G1 and more JIT"
				+ " threads (see the machine table). **PostgreSQL** runs use a throwaway database on 127.0.0.1:5432, dropped"
				+ " afterwards.");
		line("- **Warm-up**: the real-tool grids of both servers start on a fresh process with the warm-up curve (12 chunks of"
				+ " 5 s, 64 callers); the other targets are warmed up as described above (fewer chunks when the server is"
				+ " already warm).");
		line("");
	}

	/** The goals of issue 17, each with what this run measured. */
	private void goals() {
		Grid ours = this.r.grid(BenchmarkRunner.OURS_MCP_REAL);
		Grid ts = this.r.grid(BenchmarkRunner.TS_REAL);
		Grid rest = this.r.grid(BenchmarkRunner.OURS_REST_REAL);
		Grid ceiling = this.r.grid(BenchmarkRunner.CEILING);
		line("## Goals (issue 17), as this run measured them");
		line("");
		line("| goal | measured | met? |");
		line("|---|---|---|");
		if (ours != null && ts != null) {
			double ratio = ours.max() / ts.max();
			double oursCpu = ours.atConcurrency(64).serverCpuMillisPerCall();
			double tsCpu = ts.atConcurrency(64).serverCpuMillisPerCall();
			line("| MCP calls/s on the real tool ≥ 3× the TypeScript SDK server's | " + f0(ours.max()) + " vs "
					+ f0(ts.max()) + " calls/s = **" + f2(ratio) + "×**; by server CPU per call at c=64: " + f3(oursCpu)
					+ " vs " + f3(tsCpu) + " ms = " + f2(tsCpu / oursCpu) + "× | "
					+ (ratio >= 3 ? "met" : "**not met** (" + f2(3 / ratio) + "× short)") + " |");
			double a = ours.atConcurrency(64).p99();
			double b = ts.atConcurrency(64).p99();
			line("| p99 at 64 connections ≤ the TypeScript SDK's | " + f2(a) + " vs " + f2(b) + " ms | "
					+ (a <= b ? "met" : "**not met** (+" + f2(a - b) + " ms)") + " |");
		}
		if (rest != null && ceiling != null) {
			double share = rest.max() / ceiling.max();
			line("| REST on the real tool ≥ 25 % of the bare WebFlux ceiling | " + f0(rest.max()) + " of "
					+ f0(ceiling.max()) + " calls/s = **" + pct(share) + "** | "
					+ (share >= 0.25 ? "met" : "**not met** (" + f2(0.25 / share) + "× short)") + " |");
		}
		Results.Curve curve = this.r.curves.get(BenchmarkRunner.OURS_MCP_REAL);
		Grid mcpGrid = this.r.grid(BenchmarkRunner.OURS_MCP_REAL);
		if (curve != null) {
			StringBuilder measured = new StringBuilder();
			boolean met = false;
			if (mcpGrid != null) {
				double target = 0.9 * mcpGrid.atConcurrency(64).throughput();
				double reached = reachedAfter(curve, target);
				measured
					.append("benchmark configuration (C2): 90 % of its later c=64 rate (" + f0(target) + " calls/s) ")
					.append(Double.isNaN(reached) ? "not reached within the curve's " + curve.chunks().size() * 5 + " s"
							: "reached from " + f0(reached) + " s");
				met = !Double.isNaN(reached) && reached <= 30;
			}
			for (String setting : ColdStarts.CURVED) {
				Results.Curve c = this.r.curves.get(ColdStarts.curveLabel(setting));
				if (c == null) {
					continue;
				}
				double steady = steadyAfter(c);
				double plateau = lastThree(c);
				measured.append("; ")
					.append(setting)
					.append(": ")
					.append(Double.isNaN(steady) ? "not steady within " + c.chunks().size() * 5 + " s"
							: "steady from " + f0(steady) + " s at " + f0(plateau) + " calls/s");
				if (!Double.isNaN(steady) && mcpGrid != null) {
					measured
						.append(" (" + pct(plateau / mcpGrid.atConcurrency(64).throughput()) + " of the C2 c=64 rate)");
				}
				met |= !Double.isNaN(steady) && steady <= 30;
			}
			line("| steady state within 30 s of start under load (MCP, real tool, pinned) | " + measured + " | "
					+ (met ? "met (see the setting named)" : "**not met**") + " |");
		}
		ColdStarts.Variant best = this.r.coldVariants.stream()
			.filter((v) -> !v.samples().isEmpty())
			.filter((v) -> !v.label().contains("both CPUs"))
			.min(java.util.Comparator.comparingDouble(ColdStarts.Variant::best))
			.orElse(null);
		ColdStarts.Variant bestBoth = this.r.coldVariants.stream()
			.filter((v) -> !v.samples().isEmpty())
			.filter((v) -> v.label().contains("both CPUs"))
			.min(java.util.Comparator.comparingDouble(ColdStarts.Variant::best))
			.orElse(null);
		if (best != null) {
			line("| cold start to the first served call ≤ 3 s | best pinned to one CPU: " + f0(best.best()) + " ms ("
					+ best.label() + ")"
					+ (bestBoth != null
							? "; best on both CPUs: " + f0(bestBoth.best()) + " ms (" + bestBoth.label() + ")" : "")
					+ " | "
					+ (best.best() <= 3000 ? "met"
							: (bestBoth != null && bestBoth.best() <= 3000) ? "met on two CPUs only" : "**not met**")
					+ " |");
		}
		if (this.r.auditCheck != null) {
			AuditCheck.Outcome a = this.r.auditCheck;
			line("| no audit row lost under kill -9 | PostgreSQL store: " + a.answered() + " answered calls, "
					+ a.rows() + " audit rows after SIGKILL at " + f1(a.killedAfterSeconds())
					+ " s of load; see also `AuditDurabilityIT` (H2 and PostgreSQL, row by request id) | "
					+ (a.missing() == 0 ? "met" : "**not met** (" + a.missing() + " missing)") + " |");
		}
		line("");
	}

	/**
	 * Seconds from the first served call to the start of the first chunk at or above the
	 * rate; NaN if none.
	 */
	static double reachedAfter(Results.Curve curve, double rate) {
		double t = 0;
		for (RunResult chunk : curve.chunks()) {
			if (chunk.throughput() >= rate) {
				return t;
			}
			t += chunk.seconds();
		}
		return Double.NaN;
	}

	private static double lastThree(Results.Curve curve) {
		List<RunResult> chunks = curve.chunks();
		int n = chunks.size();
		return n < 3 ? Double.NaN
				: (chunks.get(n - 1).throughput() + chunks.get(n - 2).throughput() + chunks.get(n - 3).throughput())
						/ 3;
	}

	/**
	 * Seconds from the first served call to the start of the first chunk from which every
	 * chunk is within 10 % of the mean of the last three; NaN when the last three
	 * themselves disagree by more.
	 */
	static double steadyAfter(Results.Curve curve) {
		List<RunResult> chunks = curve.chunks();
		int n = chunks.size();
		if (n < 3) {
			return Double.NaN;
		}
		double last = (chunks.get(n - 1).throughput() + chunks.get(n - 2).throughput() + chunks.get(n - 3).throughput())
				/ 3;
		int from = n;
		for (int i = n - 1; i >= 0; i--) {
			if (Math.abs(chunks.get(i).throughput() - last) > 0.10 * last) {
				break;
			}
			from = i;
		}
		if (from > n - 3) {
			return Double.NaN;
		}
		double t = 0;
		for (int i = 0; i < from; i++) {
			t += chunks.get(i).seconds();
		}
		return t;
	}

	private void compare(String title, String oursName, String tsName, String restName, boolean withOpenRuns) {
		Grid ours = this.r.grid(oursName);
		Grid ts = this.r.grid(tsName);
		Grid rest = (restName != null) ? this.r.grid(restName) : null;
		Grid ceiling = this.r.grid(BenchmarkRunner.CEILING);
		if (ours == null || ts == null) {
			return;
		}
		line("## " + title);
		line("");
		line("| | SmarterMCP MCP | TypeScript SDK MCP | ratio (ours / theirs) |");
		line("|---|---:|---:|---:|");
		line("| max sustained calls/s | " + f0(ours.max()) + " | " + f0(ts.max()) + " | **" + f2(ours.max() / ts.max())
				+ "×** |");
		double oursCpu = ours.atConcurrency(64).serverCpuMillisPerCall();
		double tsCpu = ts.atConcurrency(64).serverCpuMillisPerCall();
		line("| server CPU per call at c=64 (ms) | " + f3(oursCpu) + " | " + f3(tsCpu) + " | " + f2(oursCpu / tsCpu)
				+ " (lower is better) |");
		line("| calls per server CPU-second at c=64 | " + f0(1000 / oursCpu) + " | " + f0(1000 / tsCpu) + " | **"
				+ f2(tsCpu / oursCpu) + "×** |");
		for (int c : BenchmarkRunner.CONCURRENCY) {
			RunResult a = ours.atConcurrency(c);
			RunResult b = ts.atConcurrency(c);
			line("| p50 / p99 at c=" + c + " | " + f2(a.p50()) + " / " + f2(a.p99()) + " | " + f2(b.p50()) + " / "
					+ f2(b.p99()) + " | " + f2(a.p50() / b.p50()) + " / " + f2(a.p99() / b.p99())
					+ " (lower is better) |");
		}
		line("");
		if (ceiling != null && rest != null) {
			line("SmarterMCP REST reaches " + pct(rest.max() / ceiling.max()) + " and SmarterMCP MCP "
					+ pct(ours.max() / ceiling.max()) + " of the bare WebFlux ceiling (" + f0(ceiling.max())
					+ " calls/s).");
			line("");
		}
		line("Where we lose against the peer here:");
		line("");
		boolean lost = false;
		if (oursCpu > tsCpu) {
			line("- server CPU per call at c=64: " + f3(oursCpu) + " ms vs " + f3(tsCpu) + " ms");
			lost = true;
		}
		if (ours.max() < ts.max()) {
			line("- max sustained calls/s: " + f0(ours.max()) + " vs " + f0(ts.max()));
			lost = true;
		}
		for (int c : BenchmarkRunner.CONCURRENCY) {
			RunResult a = ours.atConcurrency(c);
			RunResult b = ts.atConcurrency(c);
			if (a.p50() > b.p50() || a.p99() > b.p99()) {
				line("- c=" + c + ": p50 " + f2(a.p50()) + " vs " + f2(b.p50()) + ", p99 " + f2(a.p99()) + " vs "
						+ f2(b.p99()));
				lost = true;
			}
		}
		for (int i = 0; withOpenRuns && i < Math.min(ours.byRate().size(), ts.byRate().size()); i++) {
			RunResult a = ours.byRate().get(i);
			RunResult b = ts.byRate().get(i);
			if (a.p99() > b.p99()) {
				line("- open run at " + a.label().replaceAll(" =.*", "") + " of each one's own maximum: p99 "
						+ f2(a.p99()) + " vs " + f2(b.p99()) + " (absolute rates: " + a.label() + " vs " + b.label()
						+ ")");
				lost = true;
			}
		}
		if (!lost) {
			line("- nowhere among these measures.");
		}
		line("");
	}

	private void curves() {
		if (this.r.curves.isEmpty()) {
			return;
		}
		line("## Warm-up curves (64 callers, calls/s per 5 s chunk from the first served call)");
		line("");
		line("Each server freshly started; the first chunk begins right after the call that showed it was up (the"
				+ " cold start, given per curve). Steady = every later chunk within ±10 % of the mean of the last three"
				+ " (a curve still climbing at its end can look steady by this rule: the goals table also compares the"
				+ " benchmark configuration's curve with its later c=64 rate). The `shipped jar, …` rows are the start-up"
				+ " settings of the cold-start table, each on its first start."
				+ " Server CPU per call in ms in brackets.");
		line("");
		StringBuilder header = new StringBuilder("| server | cold start ms | steady from (s) |");
		StringBuilder rule = new StringBuilder("|---|---:|---:|");
		int most = this.r.curves.values().stream().mapToInt((c) -> c.chunks().size()).max().orElse(0);
		for (int i = 0; i < most; i++) {
			header.append(" ").append((i + 1) * this.settings.warmup().toSeconds()).append(" s |");
			rule.append("---:|");
		}
		line(header.toString());
		line(rule.toString());
		this.r.curves.forEach((target, curve) -> {
			StringBuilder row = new StringBuilder(
					"| " + target + " | " + f0(curve.coldStartMillis()) + " | " + f0(steadyAfter(curve)) + " |");
			for (RunResult chunk : curve.chunks()) {
				row.append(" ")
					.append(f0(chunk.throughput()))
					.append(" (")
					.append(f2(chunk.serverCpuMillisPerCall()))
					.append(") |");
			}
			line(row.toString());
		});
		line("");
	}

	private void storeComparison() {
		Grid h2 = this.r.grid(BenchmarkRunner.OURS_MCP_REAL);
		Grid pg = this.r.grid(BenchmarkRunner.OURS_MCP_PG);
		Grid h2Rest = this.r.grid(BenchmarkRunner.OURS_REST_REAL);
		Grid pgRest = this.r.grid(BenchmarkRunner.OURS_REST_PG);
		if (h2 == null || pg == null) {
			return;
		}
		line("## The store: embedded H2 against PostgreSQL (real tool, pinned, audit row per call)");
		line("");
		line("PostgreSQL (127.0.0.1:5432, a throwaway database made for the run) runs outside the server's CPU pin, so its"
				+ " own CPU is not in the server CPU per call: compare calls/s first here.");
		line("");
		line("| path | store | max calls/s | server CPU ms per call at c=64 | p50 / p99 at c=64 |");
		line("|---|---|---:|---:|---:|");
		storeRow("MCP", "H2 (embedded)", h2);
		storeRow("MCP", "PostgreSQL", pg);
		if (h2Rest != null && pgRest != null) {
			storeRow("REST", "H2 (embedded)", h2Rest);
			storeRow("REST", "PostgreSQL", pgRest);
		}
		line("");
	}

	private void storeRow(String path, String store, Grid grid) {
		RunResult at64 = grid.atConcurrency(64);
		line("| " + path + " | " + store + " | " + f0(grid.max()) + " | " + f3(at64.serverCpuMillisPerCall()) + " | "
				+ f2(at64.p50()) + " / " + f2(at64.p99()) + " |");
	}

	private void auditCheck() {
		AuditCheck.Outcome a = this.r.auditCheck;
		if (a == null) {
			return;
		}
		line("## Audit check: kill -9 under load (PostgreSQL store)");
		line("");
		line("A fresh server on a fresh database serves `docs_services` over REST to 64 callers; after "
				+ f1(a.killedAfterSeconds())
				+ " s it is killed with SIGKILL (no shutdown hook, no flush). Then the database is"
				+ " asked how many audit rows that tool has.");
		line("");
		line("| calls answered (incl. the first) | audit rows | missing | calls that failed after the kill |");
		line("|---:|---:|---:|---:|");
		line("| " + a.answered() + " | " + a.rows() + " | " + a.missing() + " | " + a.failedAfterKill() + " |");
		line("");
		line("Rows beyond the answered calls are calls whose row was committed but whose answer the kill cut off."
				+ " `AuditDurabilityIT` (the test suite) makes the same check call by call (request ids), on H2 and on PostgreSQL.");
		line("");
	}

	private void grids() {
		line("## Throughput and latency of tools/call");
		line("");
		for (Grid grid : this.r.grids) {
			line("### " + grid.target());
			line("");
			line("Max sustained: **" + f0(grid.max()) + " calls/s**. Warm-up: "
					+ this.r.warmups.getOrDefault(grid.target(), "n/a") + ".");
			line("");
			line("| run | calls/s | p50 | p95 | p99 | failed | load-generator CPU | server CPU | server CPU ms per call |");
			line("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
			for (RunResult run : grid.byConcurrency()) {
				row(run);
			}
			for (RunResult run : grid.byRate()) {
				row(run);
			}
			line("");
		}
		double worstLoad = this.r.grids.stream()
			.flatMap((g) -> g.byConcurrency().stream())
			.mapToDouble(RunResult::loadCpu)
			.max()
			.orElse(0);
		Grid ceiling = this.r.grid(BenchmarkRunner.CEILING);
		line("**Is the load generator the bottleneck?** CPU is given in cores (1.00 = one CPU fully busy). The server's"
				+ " CPU is near 1.00 in the saturating closed runs while the generator's own CPU peaks at "
				+ f2(worstLoad)
				+ (ceiling != null ? "; and the same generator drives the bare WebFlux ceiling to " + f0(ceiling.max())
						+ " calls/s, far above what it measures for the servers" : "")
				+ ". wrk (below) cross-checks REST with an independent C generator.");
		line("");
	}

	private void row(RunResult run) {
		line("| " + run.label() + " | " + f0(run.throughput()) + " | " + f2(run.p50()) + " | " + f2(run.p95()) + " | "
				+ f2(run.p99()) + " | " + run.failed() + " | " + f2(run.loadCpu()) + " | " + f2(run.serverCpu()) + " | "
				+ f3(run.serverCpuMillisPerCall()) + " |");
	}

	private void wrk() {
		if (this.r.wrk.isEmpty()) {
			line("## Cross-check with wrk");
			line("");
			line("wrk was not installed; no cross-check in this run.");
			line("");
			return;
		}
		line("## Cross-check with wrk (REST, 64 connections, one thread, on the load generator's CPU)");
		line("");
		line("| target | connections | wrk calls/s | wrk p50 | wrk p99 | wrk errors | Java generator, c=64, calls/s |");
		line("|---|---:|---:|---:|---:|---|---:|");
		for (String[] row : this.r.wrk) {
			line("| " + String.join(" | ", row) + " |");
		}
		line("");
	}

	private void overhead() {
		if (this.r.overhead.isEmpty()) {
			return;
		}
		line("## What SmarterMCP adds to a backend call");
		line("");
		line("A stand-in Docker Engine API (`DockerApiStub`, on the load generator's CPU) answers `GET /v1.44/containers/json`"
				+ " with the connector's captured fixture. Called directly, then through SmarterMCP's `containers_list`, which"
				+ " goes through the real Docker connector (its HTTP client, mapping and the full stack above).");
		line("");
		line("Each path is warmed up first like the grids; " + f0(this.r.overheadRate)
				+ "/s is a tenth of SmarterMCP's REST maximum.");
		line("");
		line("| path | c=1 p50 | c=1 p99 | " + f0(this.r.overheadRate) + "/s p50 | " + f0(this.r.overheadRate)
				+ "/s p99 | failed |");
		line("|---|---:|---:|---:|---:|---:|");
		List<RunResult> direct = this.r.overhead.get(Results.DIRECT);
		if (direct == null) {
			return;
		}
		line("| " + Results.DIRECT + " | " + f2(direct.get(0).p50()) + " | " + f2(direct.get(0).p99()) + " | "
				+ f2(direct.get(1).p50()) + " | " + f2(direct.get(1).p99()) + " | "
				+ (direct.get(0).failed() + direct.get(1).failed()) + " |");
		this.r.overhead.forEach((path, runs) -> {
			if (runs != direct) {
				line("| " + path + " | " + f2(runs.get(0).p50()) + " | " + f2(runs.get(0).p99()) + " | "
						+ f2(runs.get(1).p50()) + " | " + f2(runs.get(1).p99()) + " | "
						+ (runs.get(0).failed() + runs.get(1).failed()) + " |");
			}
		});
		line("");
		line("Overhead per call (through − direct):");
		line("");
		this.r.overhead.forEach((path, runs) -> {
			if (runs != direct) {
				line("- " + path + ": c=1 p50 +" + f2(runs.get(0).p50() - direct.get(0).p50()) + " ms, p99 +"
						+ f2(runs.get(0).p99() - direct.get(0).p99()) + " ms; at " + f0(this.r.overheadRate)
						+ "/s p50 +" + f2(runs.get(1).p50() - direct.get(1).p50()) + " ms, p99 +"
						+ f2(runs.get(1).p99() - direct.get(1).p99()) + " ms");
			}
		});
		line("");
	}

	private void sessions() {
		line("## Idle sessions and streams");
		line("");
		line("Opened on a fresh server, 16 at a time; live heap after a full GC (`jcmd GC.class_histogram`), RSS from"
				+ " /proc. Per session = growth from the previous step ÷ sessions added.");
		line("");
		line("| what | open | failed | seconds to open | live heap MiB | RSS MiB | heap per session KiB | RSS per session KiB |");
		line("|---|---:|---:|---:|---:|---:|---:|---:|");
		for (Map.Entry<String, List<SessionsBench.Step>> e : this.r.sessions.entrySet()) {
			SessionsBench.Step previous = null;
			for (SessionsBench.Step step : e.getValue()) {
				String heapPer = "";
				String rssPer = "";
				if (previous != null && step.open() > previous.open()) {
					int added = step.open() - previous.open();
					heapPer = (step.liveHeap() < 0) ? "n/a"
							: f1((step.liveHeap() - previous.liveHeap()) / 1024.0 / added);
					rssPer = f1((step.rss() - previous.rss()) / 1024.0 / added);
				}
				line("| " + e.getKey() + " | " + step.open() + " | " + step.failed() + " | " + f1(step.seconds())
						+ " | " + ((step.liveHeap() < 0) ? "n/a" : f1(step.liveHeap() / 1048576.0)) + " | "
						+ f1(step.rss() / 1048576.0) + " | " + heapPer + " | " + rssPer + " |");
				previous = step;
			}
		}
		line("");
	}

	private void coldStart() {
		line("## Cold start (process start to first served tool call)");
		line("");
		line("| server | samples (ms) | best |");
		line("|---|---|---:|");
		this.r.coldStarts.forEach((what,
				samples) -> line("| " + what + " | " + String.join(", ", samples.stream().map(Report::f0).toList())
						+ " | " + f0(samples.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN))
						+ " |"));
		line("");
		line("SmarterMCP's start includes the JVM, Spring Boot, Flyway on a fresh H2 store and the bootstrap admin token;"
				+ " polled every 10 ms.");
		line("");
		if (!this.r.coldVariants.isEmpty()) {
			line("### Start-up settings (the shipped server, `java -jar`, no benchmark stub; first REST `docs_services` call)");
			line("");
			line("| setting | what it is | samples (ms) | best | calls/s in the first 5 s (64 callers: REST; MCP where marked, the first chunk of the setting's warm-up curve) |");
			line("|---|---|---|---:|---:|");
			for (ColdStarts.Variant v : this.r.coldVariants) {
				line("| " + v.label() + " | " + v.what() + " | "
						+ String.join(", ", v.samples().stream().map(Report::f0).toList()) + " | " + f0(v.best())
						+ " | " + f0(v.firstChunkRate()) + (ColdStarts.CURVED.contains(v.label()) ? " (MCP)" : "")
						+ " |");
			}
			line("");
		}
	}

	private void profile() {
		if (this.r.profile == null) {
			return;
		}
		JfrSummary.Summary p = this.r.profile;
		line("## Profile: " + this.r.profiledTarget + " at full load");
		line("");
		RunResult run = this.r.profileRun;
		line("JFR (`settings=default`: 20 ms sampling; `profile` slowed the server several times over here) during a "
				+ f0(run.seconds()) + " s closed run at c=64 (" + f0(run.throughput())
				+ " calls/s under the recorder); " + p.samples() + " CPU samples.");
		line("");
		table("CPU by library (first non-JDK frame on the stack)", p.byArea());
		table("CPU, inclusive: share of samples with this frame anywhere on the stack (our code, the MCP SDK, the store, schema validation, Jackson entry points)",
				p.inclusive());
		table("CPU, top methods (self)", p.selfTop());
		table("CPU, first SmarterMCP frame on the stack", p.ourFrames());
		table("Allocation (sampled, weighted by bytes), top classes", p.allocations());
	}

	private void table(String title, List<JfrSummary.Share> shares) {
		line("**" + title + "**");
		line("");
		line("| | % |");
		line("|---|---:|");
		for (JfrSummary.Share share : shares) {
			line("| `" + share.name() + "` | " + f1(share.percent()) + " |");
		}
		line("");
	}

	private void notes() {
		if (!this.r.notes.isEmpty()) {
			line("## Parts of this run that failed");
			line("");
			this.r.notes.forEach((n) -> line("- " + n));
			line("");
		}
		Path notes = this.settings.out().resolveSibling("FINDINGS.md");
		if (!Files.exists(notes)) {
			return;
		}
		try {
			line("---");
			line("");
			line(Files.readString(notes).strip());
			line("");
		}
		catch (IOException ex) {
			line("(FINDINGS.md could not be read: " + ex.getMessage() + ")");
		}
	}

	private void line(String text) {
		this.md.append(text).append('\n');
	}

	static String f0(double v) {
		return Double.isNaN(v) ? "n/a" : String.format("%,.0f", v);
	}

	static String f1(double v) {
		return Double.isNaN(v) ? "n/a" : String.format("%.1f", v);
	}

	static String f2(double v) {
		return Double.isNaN(v) ? "n/a" : String.format("%.2f", v);
	}

	static String f3(double v) {
		return Double.isNaN(v) ? "n/a" : String.format("%.3f", v);
	}

	static String pct(double v) {
		return String.format("%.0f %%", v * 100);
	}

}
