package cl.smartercl.mcp.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command to its end, without the caller's {@code SMARTERMCP_*} environment, its
 * output relayed to the test's (tokens never reach it: the scripts never print them). The
 * SDK modules' tests run their packaging and example scripts through it.
 */
public record ChildProcess(int exitCode, String output) {

	public static ChildProcess run(List<String> command, Path directory, Map<String, String> environment,
			int timeoutSeconds) {
		try {
			Path output = Files.createTempFile("sdk-it", ".out");
			ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile());
			builder.environment().keySet().removeIf((name) -> name.startsWith("SMARTERMCP_"));
			builder.environment().putAll(environment);
			Process process = builder.start();
			process.getOutputStream().close();
			boolean done = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
			if (!done) {
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly();
			}
			String text = Files.readString(output, StandardCharsets.UTF_8);
			Files.deleteIfExists(output);
			System.out.println("--- " + String.join(" ", command) + " ---\n" + text);
			return new ChildProcess(done ? process.exitValue() : -1,
					done ? text : text + "\n(did not finish in " + timeoutSeconds + " s)");
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot run " + command, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
