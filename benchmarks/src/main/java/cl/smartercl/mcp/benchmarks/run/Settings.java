package cl.smartercl.mcp.benchmarks.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code run.sh} hands the runner, as system properties, and the run's lengths.
 * {@code
 * bench.quick=true} shortens every run (for trying the harness, not for RESULTS.md).
 */
record Settings(Path serverJar, Path benchJar, Path node, Path nodeDir, Path out, Path workDir,
		List<String> serverJvmArgs, String wrk, String commit, String command, boolean quick, int serverCpu,
		int loadCpu) {

	static Settings fromSystemProperties() {
		Path conf = Path.of(required("bench.serverConf"));
		String wrk = System.getProperty("bench.wrk", "");
		return new Settings(Path.of(required("bench.serverJar")), Path.of(required("bench.benchJar")),
				Path.of(required("bench.node")), Path.of(required("bench.nodeDir")), Path.of(required("bench.out")),
				Path.of(required("bench.workDir")), serverArgs(conf), wrk.isBlank() ? null : wrk,
				System.getProperty("bench.commit", "unknown"), System.getProperty("bench.command", "benchmarks/run.sh"),
				Boolean.getBoolean("bench.quick"), Integer.getInteger("bench.serverCpu", 1),
				Integer.getInteger("bench.loadCpu", 0));
	}

	/** Length of one warm-up chunk. */
	Duration warmup() {
		return this.quick ? Duration.ofSeconds(1) : Duration.ofSeconds(5);
	}

	/** Fewest and most warm-up chunks of a target. */
	int[] warmupChunks() {
		return this.quick ? new int[] { 3, 3 } : new int[] { 6, 12 };
	}

	/**
	 * From {@code bench.deadline} (BENCH_DEADLINE): parts not started by then are skipped
	 * and named in the report.
	 */
	java.time.Instant deadline() {
		String value = System.getProperty("bench.deadline", "");
		return value.isBlank() ? null : java.time.Instant.parse(value);
	}

	/** Chunks of the warm-up curve (each {@link #warmup()} long). */
	int curveChunks() {
		return this.quick ? 4 : 12;
	}

	/** Samples of each cold-start variant. */
	int coldStartSamples() {
		return 1;
	}

	/** Length of each measured run. */
	Duration run() {
		return this.quick ? Duration.ofSeconds(2) : Duration.ofSeconds(6);
	}

	Duration profile() {
		return this.quick ? Duration.ofSeconds(4) : Duration.ofSeconds(20);
	}

	int[] sessionSteps() {
		return this.quick ? new int[] { 100, 1_000 } : new int[] { 1_000, 10_000 };
	}

	int coldStarts() {
		return this.quick ? 1 : 3;
	}

	/**
	 * The server-under-test settings file: one JVM argument per line, {@code #} comments.
	 */
	private static List<String> serverArgs(Path conf) {
		try {
			List<String> args = new ArrayList<>();
			for (String line : Files.readAllLines(conf)) {
				String arg = line.strip();
				if (!arg.isEmpty() && !arg.startsWith("#")) {
					args.add(arg);
				}
			}
			return List.copyOf(args);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + conf, ex);
		}
	}

	private static String required(String name) {
		String value = System.getProperty(name);
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("system property " + name + " is required (benchmarks/run.sh sets it)");
		}
		return value;
	}

}
