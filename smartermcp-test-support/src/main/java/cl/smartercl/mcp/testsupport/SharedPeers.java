package cl.smartercl.mcp.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Runs the scripts of {@code ../shared/peers} (beside the repository root), which start
 * real software for integration tests and print its address and PID, and stops what they
 * started by that PID. A script that fails fails the test: nothing is skipped, since a
 * skipped integration test passes in CI without having checked anything.
 * {@link DockerPeer} and {@link N8nPeer} build on it; {@link #run} serves tests that
 * check a peer independently of the code under test.
 */
public final class SharedPeers {

	private SharedPeers() {
	}

	/**
	 * The repository root: the outermost folder of the nested {@code pom.xml} files
	 * around the working directory, which is a module's folder when Maven runs the tests.
	 * Not the nearest folder with modules: {@code examples/} has modules too.
	 */
	public static Path repositoryRoot() {
		Path here = Path.of("").toAbsolutePath();
		Path root = null;
		for (Path dir = here; dir != null && Files.isRegularFile(dir.resolve("pom.xml")); dir = dir.getParent()) {
			root = dir;
		}
		if (root == null) {
			throw new IllegalStateException("no pom.xml in " + here + ": run the tests from the repository");
		}
		return root;
	}

	/** {@code ../shared} beside the repository root. */
	public static Path shared() {
		Path shared = repositoryRoot().resolveSibling("shared");
		if (!Files.isDirectory(shared.resolve("peers"))) {
			throw new IllegalStateException("no peers scripts at " + shared.resolve("peers")
					+ ": the integration tests need ../shared beside the checkout (see docs/testing.md)");
		}
		return shared;
	}

	/**
	 * Runs {@code ../shared/peers/<script>} and returns the {@code NAME=value} lines it
	 * prints.
	 * @throws IllegalStateException when the script fails or runs past {@code timeout}
	 */
	public static Map<String, String> start(Duration timeout, String script, String... args) {
		Path path = shared().resolve("peers").resolve(script);
		try {
			// stderr goes to a file: a pipe nobody reads would block the script once apt
			// or npm fill it
			Path errors = Files.createTempFile("peer-", ".err");
			List<String> command = new ArrayList<>(List.of("bash", path.toString()));
			command.addAll(List.of(args));
			Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
			process.getOutputStream().close();
			String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(script + " did not finish within " + timeout);
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException(script + " failed (" + process.exitValue() + "): " + tail(errors));
			}
			Files.deleteIfExists(errors);
			Map<String, String> values = new LinkedHashMap<>();
			out.lines().filter((line) -> line.matches("[A-Z0-9_]+=.*")).forEach((line) -> {
				int eq = line.indexOf('=');
				values.put(line.substring(0, eq), line.substring(eq + 1).strip());
			});
			return values;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Stops a process a peer script started, by the PID it printed; never by name. */
	public static void stop(String pid) {
		if (pid == null) {
			return;
		}
		ProcessHandle.of(Long.parseLong(pid)).ifPresent((process) -> {
			process.destroy();
			if (!exited(process, Duration.ofSeconds(30))) {
				process.destroyForcibly();
				// its files (a socket, a data folder) are removed next: wait until
				// nothing writes there
				exited(process, Duration.ofSeconds(10));
			}
		});
	}

	/** Removes what a peer left in a temporary folder or file (its data, its log). */
	public static void delete(Path path) {
		if (path == null || !Files.exists(path)) {
			return;
		}
		try (Stream<Path> walk = Files.walk(path)) {
			walk.sorted(Comparator.reverseOrder()).forEach((p) -> p.toFile().delete());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Runs a command to completion and returns its output, stderr included (for
	 * independent checks).
	 */
	public static String run(Duration timeout, String... command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			process.getOutputStream().close();
			String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout);
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue() + "):\n"
						+ out.substring(Math.max(0, out.length() - 4000)));
			}
			return out;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static boolean exited(ProcessHandle process, Duration timeout) {
		try {
			process.onExit().get(timeout.toSeconds(), TimeUnit.SECONDS);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		catch (ExecutionException | TimeoutException ex) {
			return false;
		}
	}

	private static String tail(Path file) {
		try {
			String text = Files.readString(file);
			return text.substring(Math.max(0, text.length() - 2000));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
