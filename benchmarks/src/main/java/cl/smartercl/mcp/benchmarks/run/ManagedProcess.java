package cl.smartercl.mcp.benchmarks.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A process the run starts (server under test, peer, stub), pinned to a CPU with
 * {@code taskset}, its output in a log file, stopped by its own PID. Reads its CPU time
 * and RSS from /proc and, for a JVM, its live heap through {@code jcmd}.
 */
final class ManagedProcess implements AutoCloseable {

	private static final long CLOCK_TICK_NANOS = 10_000_000L; // CLK_TCK is 100 on Linux
																// x86-64

	final String name;

	final Process process;

	final Path log;

	final long startedNanos;

	private ManagedProcess(String name, Process process, Path log, long startedNanos) {
		this.name = name;
		this.process = process;
		this.log = log;
		this.startedNanos = startedNanos;
	}

	/**
	 * Starts {@code command} on the CPUs {@code cpus} (a taskset list: "1", or "0,1" for
	 * both). {@code taskset} execs the command, so the PID is the command's own.
	 */
	static ManagedProcess start(String name, String cpus, List<String> command, Map<String, String> env, Path logDir) {
		List<String> full = new ArrayList<>(List.of("taskset", "-c", cpus));
		full.addAll(command);
		Path log = logDir.resolve(name + ".log");
		ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		builder.environment().putAll(env);
		try {
			long started = System.nanoTime();
			return new ManagedProcess(name, builder.start(), log, started);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot start " + name, ex);
		}
	}

	long pid() {
		return this.process.pid();
	}

	/**
	 * Waits until the log holds {@code marker}; fails if the process ends or the time
	 * runs out.
	 */
	void awaitLog(String marker, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						this.name + " ended with " + this.process.exitValue() + "; see " + this.log);
			}
			if (logText().contains(marker)) {
				return;
			}
			sleep(20);
		}
		throw new IllegalStateException(
				this.name + " did not print '" + marker + "' within " + timeout + "; see " + this.log);
	}

	String logText() {
		try {
			return Files.exists(this.log) ? Files.readString(this.log) : "";
		}
		catch (IOException ex) {
			return "";
		}
	}

	/** user + system CPU time so far, from /proc/PID/stat. */
	long cpuNanos() {
		try {
			String stat = Files.readString(Path.of("/proc", String.valueOf(pid()), "stat"));
			// the command name (2nd field) may hold spaces: fields are counted after its
			// closing ')'
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
			return ticks * CLOCK_TICK_NANOS;
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	/** Resident set size in bytes, from /proc/PID/status. */
	long rssBytes() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
				}
			}
		}
		catch (IOException ex) {
			// gone
		}
		return -1;
	}

	/**
	 * Live heap after a full GC: {@code jcmd GC.class_histogram} collects first and ends
	 * with the total of live objects.
	 */
	long liveHeapBytes() {
		String out = run(List.of("jcmd", String.valueOf(pid()), "GC.class_histogram"), Duration.ofSeconds(60));
		String[] lines = out.strip().split("\n");
		String total = lines[lines.length - 1].strip();
		if (!total.startsWith("Total")) {
			throw new IllegalStateException("unexpected jcmd output: " + total);
		}
		String[] parts = total.split("\\s+");
		return Long.parseLong(parts[2]);
	}

	static String run(List<String> command, Duration timeout) {
		try {
			Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
			byte[] out = p.getInputStream().readAllBytes();
			if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				p.destroyForcibly();
			}
			return new String(out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** SIGTERM, then SIGKILL after 20 s, by this process's own PID. */
	@Override
	public void close() {
		if (!this.process.isAlive()) {
			return;
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
				this.process.waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
