package cl.smartercl.mcp.server.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Node 22 (from {@code ../shared/peers/node22.sh}) and the npm packages of
 * {@code src/test/node}: the official TypeScript MCP SDK and mcp-remote. Installs them on
 * first use; a missing Node or npm fails the test — nothing is skipped.
 */
public final class NodeClients {

	private static Path node;

	private NodeClients() {
	}

	/** The repository root: the folder with the reactor pom. */
	public static Path repositoryRoot() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !Files.exists(dir.resolve("smartermcp-server"))) {
			dir = dir.getParent();
		}
		if (dir == null) {
			throw new IllegalStateException("cannot find the repository root from " + Path.of("").toAbsolutePath());
		}
		return dir;
	}

	/** The folder of the Node test clients, with its dependencies installed. */
	public static synchronized Path clientsDir() {
		Path dir = repositoryRoot().resolve("smartermcp-server/src/test/node");
		if (!Files.isDirectory(dir.resolve("node_modules/@modelcontextprotocol/sdk"))
				|| !Files.isDirectory(dir.resolve("node_modules/mcp-remote"))
				|| !Files.isDirectory(dir.resolve("node_modules/@modelcontextprotocol/client"))) {
			run(dir, List.of("npm", "install", "--no-audit", "--no-fund", "--no-package-lock"), Map.of(), 600);
		}
		return dir;
	}

	/**
	 * The official MCP conformance suite, 0.1 line (the 2025 revisions), installed once.
	 */
	public static synchronized Path conformance2025Dir() {
		Path dir = repositoryRoot().resolve("smartermcp-server/src/test/conformance-2025");
		if (!Files.isDirectory(dir.resolve("node_modules/@modelcontextprotocol/conformance"))) {
			run(dir, List.of("npm", "install", "--no-audit", "--no-fund", "--no-package-lock"), Map.of(), 600);
		}
		return dir;
	}

	/** The Node 22 binary. */
	public static synchronized Path node() {
		if (node == null) {
			Path script = repositoryRoot().resolve("../shared/peers/node22.sh").normalize();
			String out = run(repositoryRoot(), List.of("bash", script.toString()), Map.of(), 300).strip();
			String[] lines = out.split("\n");
			node = Path.of(lines[lines.length - 1].strip());
			if (!Files.isExecutable(node)) {
				throw new IllegalStateException("node22.sh did not give an executable node: " + out);
			}
		}
		return node;
	}

	/**
	 * Runs a command to completion and returns its standard output; fails on a non-zero
	 * exit.
	 */
	public static String run(Path dir, List<String> command, Map<String, String> env, int timeoutSeconds) {
		try {
			ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile());
			builder.environment().putAll(env);
			if (node != null) {
				builder.environment().put("PATH", node.getParent() + ":" + System.getenv("PATH"));
			}
			Path err = Files.createTempFile("node-client", ".err");
			builder.redirectError(err.toFile());
			Process process = builder.start();
			process.getOutputStream().close();
			byte[] out = process.getInputStream().readAllBytes();
			if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(command + " did not finish in " + timeoutSeconds + " s");
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException(command + " exited " + process.exitValue() + ": "
						+ Files.readString(err, StandardCharsets.UTF_8));
			}
			Files.deleteIfExists(err);
			return new String(out, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot run " + command + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
