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
		line("Written by `" + this.settings.command() + "` on " + this.r.startedAt + " at commit `" + this.settings.commit()
				+ "`; the run took " + f1(this.r.minutes) + " minutes" + (this.settings.quick() ? " (QUICK MODE: short runs, not a report)" : "") + ".");
		line("Every number below comes from this one run. Latencies in milliseconds.");
		line("");
		machine();
		headline();
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
		line("- Each run lasts " + this.settings.run().toSeconds() + " s and is bounded in calls (2,000,000) as well as in"
				+ " time. Before its runs each target is warmed up with 64 callers in " + this.settings.warmup().toSeconds()
				+ " s chunks, at least " + this.settings.warmupChunks()[0] + " and at most " + this.settings.warmupChunks()[1]
				+ ", until the last three agree within 7 % (each target's warm-up is shown with its table).");
		line("- **The trivial tool** is `services_list` answered by an in-process stub port (three constant services, no I/O),"
				+ " behind the full SmarterMCP stack: bearer token (SHA-256, then the embedded H2 store, whose answer is"
				+ " reused for up to 1 s), scope check, the dispatcher with its interceptors, argument binding, JSON. The shipped jar is"
				+ " run unchanged through Spring Boot's PropertiesLauncher with `loader.path` adding the stub"
				+ " (`BenchmarkStubAutoConfiguration`). The TypeScript SDK peer serves the same tool (same answer, zod"
				+ " input schema) and checks the bearer token with a string comparison.");
		line("");
	}

	private void headline() {
		Grid ours = this.r.grid(BenchmarkRunner.OURS_MCP);
		Grid rest = this.r.grid(BenchmarkRunner.OURS_REST);
		Grid ts = this.r.grid(BenchmarkRunner.TS_SDK);
		Grid ceiling = this.r.grid(BenchmarkRunner.CEILING);
		if (ours == null || ts == null) {
			return;
		}
		line("## Headline");
		line("");
		line("| | SmarterMCP MCP | TypeScript SDK MCP | ratio (ours / theirs) |");
		line("|---|---:|---:|---:|");
		line("| max sustained calls/s | " + f0(ours.max()) + " | " + f0(ts.max()) + " | **" + f2(ours.max() / ts.max()) + "×** |");
		double oursCpu = ours.atConcurrency(64).serverCpuMillisPerCall();
		double tsCpu = ts.atConcurrency(64).serverCpuMillisPerCall();
		line("| server CPU per call at c=64 (ms) | " + f3(oursCpu) + " | " + f3(tsCpu) + " | " + f2(oursCpu / tsCpu)
				+ " (lower is better) |");
		line("| calls per server CPU-second at c=64 | " + f0(1000 / oursCpu) + " | " + f0(1000 / tsCpu) + " | **"
				+ f2(tsCpu / oursCpu) + "×** |");
		for (int c : BenchmarkRunner.CONCURRENCY) {
			RunResult a = ours.atConcurrency(c);
			RunResult b = ts.atConcurrency(c);
			line("| p50 / p99 at c=" + c + " | " + f2(a.p50()) + " / " + f2(a.p99()) + " | " + f2(b.p50()) + " / " + f2(b.p99())
					+ " | " + f2(a.p50() / b.p50()) + " / " + f2(a.p99() / b.p99()) + " (lower is better) |");
		}
		line("");
		if (ceiling != null && rest != null) {
			line("SmarterMCP REST reaches " + pct(rest.max() / ceiling.max()) + " and SmarterMCP MCP " + pct(ours.max() / ceiling.max())
					+ " of the bare WebFlux ceiling (" + f0(ceiling.max()) + " calls/s).");
			line("");
		}
		line("Where we lose against the peer in this run:");
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
				line("- c=" + c + ": p50 " + f2(a.p50()) + " vs " + f2(b.p50()) + ", p99 " + f2(a.p99()) + " vs " + f2(b.p99()));
				lost = true;
			}
		}
		for (int i = 0; i < Math.min(ours.byRate().size(), ts.byRate().size()); i++) {
			RunResult a = ours.byRate().get(i);
			RunResult b = ts.byRate().get(i);
			if (a.p99() > b.p99()) {
				line("- open run at " + a.label().replaceAll(" =.*", "") + " of each one's own maximum: p99 " + f2(a.p99()) + " vs "
						+ f2(b.p99()) + " (ours runs at a higher absolute rate: " + a.label() + " vs " + b.label() + ")");
				lost = true;
			}
		}
		if (!lost) {
			line("- nowhere among these measures.");
		}
		line("");
	}

	private void grids() {
		line("## Throughput and latency of tools/call");
		line("");
		for (Grid grid : this.r.grids) {
			line("### " + grid.target());
			line("");
			line("Max sustained: **" + f0(grid.max()) + " calls/s**. Warm-up: " + this.r.warmups.getOrDefault(grid.target(), "n/a") + ".");
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
		double worstLoad = this.r.grids.stream().flatMap((g) -> g.byConcurrency().stream())
			.mapToDouble(RunResult::loadCpu).max().orElse(0);
		Grid ceiling = this.r.grid(BenchmarkRunner.CEILING);
		line("**Is the load generator the bottleneck?** CPU is given in cores (1.00 = one CPU fully busy). The server's"
				+ " CPU is near 1.00 in the saturating closed runs while the generator's own CPU peaks at " + f2(worstLoad)
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
		line("Each path is warmed up first like the grids; " + f0(this.r.overheadRate) + "/s is a tenth of SmarterMCP's REST maximum.");
		line("");
		line("| path | c=1 p50 | c=1 p99 | " + f0(this.r.overheadRate) + "/s p50 | " + f0(this.r.overheadRate) + "/s p99 | failed |");
		line("|---|---:|---:|---:|---:|---:|");
		List<RunResult> direct = this.r.overhead.get(Results.DIRECT);
		if (direct == null) {
			return;
		}
		line("| " + Results.DIRECT + " | " + f2(direct.get(0).p50()) + " | " + f2(direct.get(0).p99()) + " | "
				+ f2(direct.get(1).p50()) + " | " + f2(direct.get(1).p99()) + " | " + (direct.get(0).failed() + direct.get(1).failed()) + " |");
		this.r.overhead.forEach((path, runs) -> {
			if (runs != direct) {
				line("| " + path + " | " + f2(runs.get(0).p50()) + " | " + f2(runs.get(0).p99()) + " | " + f2(runs.get(1).p50())
						+ " | " + f2(runs.get(1).p99()) + " | " + (runs.get(0).failed() + runs.get(1).failed()) + " |");
			}
		});
		line("");
		line("Overhead per call (through − direct):");
		line("");
		this.r.overhead.forEach((path, runs) -> {
			if (runs != direct) {
				line("- " + path + ": c=1 p50 +" + f2(runs.get(0).p50() - direct.get(0).p50()) + " ms, p99 +"
						+ f2(runs.get(0).p99() - direct.get(0).p99()) + " ms; at " + f0(this.r.overheadRate) + "/s p50 +"
						+ f2(runs.get(1).p50() - direct.get(1).p50()) + " ms, p99 +" + f2(runs.get(1).p99() - direct.get(1).p99()) + " ms");
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
					heapPer = (step.liveHeap() < 0) ? "n/a" : f1((step.liveHeap() - previous.liveHeap()) / 1024.0 / added);
					rssPer = f1((step.rss() - previous.rss()) / 1024.0 / added);
				}
				line("| " + e.getKey() + " | " + step.open() + " | " + step.failed() + " | " + f1(step.seconds()) + " | "
						+ ((step.liveHeap() < 0) ? "n/a" : f1(step.liveHeap() / 1048576.0)) + " | " + f1(step.rss() / 1048576.0)
						+ " | " + heapPer + " | " + rssPer + " |");
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
		this.r.coldStarts.forEach((what, samples) -> line("| " + what + " | "
				+ String.join(", ", samples.stream().map(Report::f0).toList()) + " | "
				+ f0(samples.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN)) + " |"));
		line("");
		line("SmarterMCP's start includes the JVM, Spring Boot, Flyway on a fresh H2 store and the bootstrap admin token;"
				+ " polled every 10 ms.");
		line("");
	}

	private void profile() {
		if (this.r.profile == null) {
			return;
		}
		JfrSummary.Summary p = this.r.profile;
		line("## Profile: " + this.r.profiledTarget + " at full load");
		line("");
		RunResult run = this.r.profileRun;
		line("JFR (`settings=default`: 20 ms sampling; `profile` slowed the server several times over here) during a " + f0(run.seconds()) + " s closed run at c=64 (" + f0(run.throughput())
				+ " calls/s under the recorder); " + p.samples() + " CPU samples.");
		line("");
		table("CPU by library (first non-JDK frame on the stack)", p.byArea());
		table("CPU, inclusive: share of samples with this frame anywhere on the stack (our code, the MCP SDK, the store, schema validation, Jackson entry points)", p.inclusive());
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
