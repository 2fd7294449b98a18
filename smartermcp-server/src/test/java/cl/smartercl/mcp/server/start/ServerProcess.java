package cl.smartercl.mcp.server.start;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cl.smartercl.mcp.server.SmarterMcpApplication;

/**
 * The server started as an operator starts it: its own JVM (the test class path), its own
 * environment, its standard output and error kept in files to read back; stopped by its
 * PID.
 */
final class ServerProcess implements AutoCloseable {

	private static final Pattern PORT = Pattern.compile("Netty started on port (\\d+)");

	private final Process process;

	private final Path out;

	private final Path err;

	private ServerProcess(Process process, Path out, Path err) {
		this.process = process;
		this.out = out;
		this.err = err;
	}

	/**
	 * Starts the server on an ephemeral port with a fresh data directory and
	 * {@code environment} added.
	 */
	static ServerProcess start(Map<String, String> environment) throws IOException {
		Path dir = Files.createTempDirectory("smartermcp-start-it");
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath,
						SmarterMcpApplication.class.getName(), "--server.port=0",
						"--smartermcp.data-dir=" + dir.resolve("data")));
		ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(dir.resolve("out.txt").toFile())
			.redirectError(dir.resolve("err.txt").toFile());
		builder.environment().remove("DOCKER_HOST");
		builder.environment().remove("SMARTERMCP_TENANTS_FILE");
		builder.environment().putAll(environment);
		return new ServerProcess(builder.start(), dir.resolve("out.txt"), dir.resolve("err.txt"));
	}

	/** Waits for the process to end by itself; its exit code. */
	int awaitExit(Duration bound) throws InterruptedException {
		if (!this.process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new IllegalStateException("the server did not stop within " + bound + "; it printed:\n" + output());
		}
		return this.process.exitValue();
	}

	/** Waits until the server listens; its port. */
	int awaitPort(Duration bound) throws InterruptedException {
		Instant end = Instant.now().plus(bound);
		while (Instant.now().isBefore(end)) {
			Matcher m = PORT.matcher(stdout());
			if (m.find()) {
				return Integer.parseInt(m.group(1));
			}
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						"the server stopped with " + this.process.exitValue() + ":\n" + output());
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("the server did not listen within " + bound + "; it printed:\n" + output());
	}

	String stdout() {
		return read(this.out);
	}

	String stderr() {
		return read(this.err);
	}

	String output() {
		return stdout() + stderr();
	}

	private static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "";
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor();
		}
	}

}
