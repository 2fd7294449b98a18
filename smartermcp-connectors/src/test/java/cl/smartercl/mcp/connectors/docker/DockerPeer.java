package cl.smartercl.mcp.connectors.docker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real Docker-compatible Engine API for integration tests: {@code ../shared/peers/docker/start.sh}
 * starts podman's service on a unix socket of this test's own, and this stops it by its PID. A
 * missing peer fails the test; nothing here skips.
 */
final class DockerPeer implements AutoCloseable {

	private static final AtomicInteger COUNTER = new AtomicInteger();

	final String socket;

	final String image;

	private final long pid;

	private DockerPeer(String socket, String image, long pid) {
		this.socket = socket;
		this.image = image;
		this.pid = pid;
	}

	static DockerPeer start() {
		Path script = sharedDir().resolve("peers/docker/start.sh");
		if (!Files.isRegularFile(script)) {
			throw new IllegalStateException("the docker peer script is missing: " + script);
		}
		String socket = "/tmp/smartermcp-docker-it-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet()
				+ ".sock";
		try {
			Process process = new ProcessBuilder("bash", script.toString(), socket).redirectErrorStream(false).start();
			process.getOutputStream().close();
			// stderr is drained in the background so apt's output cannot block the script
			StringBuilder err = new StringBuilder();
			Thread drain = new Thread(() -> {
				try {
					err.append(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
				}
				catch (IOException ex) {
					// the process is gone
				}
			});
			drain.start();
			String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
				process.destroyForcibly();
				drain.join(1000);
				throw new IllegalStateException("the docker peer did not start: " + out + err);
			}
			Map<String, String> vars = new HashMap<>();
			for (String line : out.split("\n")) {
				int eq = line.indexOf('=');
				if (eq > 0) {
					vars.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
				}
			}
			return new DockerPeer(socket, vars.get("DOCKER_TEST_IMAGE"), Long.parseLong(vars.get("DOCKER_SVC_PID")));
		}
		catch (IOException ex) {
			throw new IllegalStateException("the docker peer script could not run", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	String host() {
		return "unix://" + this.socket;
	}

	/** Stops the service by its PID (never by name) and waits for it to end. */
	@Override
	public void close() {
		ProcessHandle.of(this.pid).ifPresent((p) -> {
			p.destroy();
			try {
				p.onExit().get(10, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				p.destroyForcibly();
			}
		});
		try {
			Files.deleteIfExists(Path.of(this.socket));
			Files.deleteIfExists(Path.of(this.socket + ".log"));
		}
		catch (IOException ex) {
			// a leftover file in /tmp is harmless
		}
	}

	/** {@code ../shared} of the repository root: the directory holding the reactor's pom. */
	static Path sharedDir() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null) {
			Path pom = dir.resolve("pom.xml");
			try {
				if (Files.isRegularFile(pom) && Files.readString(pom).contains("<modules>")) {
					return dir.resolveSibling("shared");
				}
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			dir = dir.getParent();
		}
		throw new IllegalStateException("no reactor pom.xml above " + Path.of("").toAbsolutePath());
	}

}
