package cl.smartercl.mcp.benchmarks.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A second, independent load generator for REST (Debian's {@code wrk}, C, one thread,
 * pinned to the load generator's CPU): if it measures about what the Java generator does,
 * the Java generator is not what limits the numbers.
 */
final class WrkCheck {

	record Result(int connections, double throughput, String p50, String p99, String errors) {
	}

	private WrkCheck() {
	}

	static Result run(String wrk, int cpu, String url, String body, String token, int connections, Duration duration,
			Path workDir) {
		Path script = workDir.resolve("wrk-post.lua");
		try {
			Files.writeString(script,
					"wrk.method = \"POST\"\nwrk.body = '" + body + "'\n"
							+ "wrk.headers[\"Content-Type\"] = \"application/json\"\n"
							+ "wrk.headers[\"Authorization\"] = \"Bearer " + token + "\"\n");
			String out = ManagedProcess.run(
					List.of("taskset", "-c", String.valueOf(cpu), wrk, "-t1", "-c" + connections,
							"-d" + duration.toSeconds() + "s", "--latency", "-s", script.toString(), url),
					duration.plusSeconds(30));
			return new Result(connections, number(out, "Requests/sec:\\s+([0-9.]+)"), text(out, "\\s50%\\s+(\\S+)"),
					text(out, "\\s99%\\s+(\\S+)"), errors(out));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			try {
				Files.deleteIfExists(script);
			}
			catch (IOException ex) {
				// the work dir is removed by run.sh anyway
			}
		}
	}

	private static String errors(String out) {
		String non2xx = text(out, "Non-2xx or 3xx responses:\\s+(\\d+)");
		String socket = text(out, "Socket errors:([^\\n]+)");
		return ("?".equals(non2xx) ? "0 non-2xx" : non2xx + " non-2xx")
				+ ("?".equals(socket) ? "" : ", socket errors" + socket);
	}

	private static double number(String out, String regex) {
		String value = text(out, regex);
		return "?".equals(value) ? Double.NaN : Double.parseDouble(value);
	}

	private static String text(String out, String regex) {
		Matcher m = Pattern.compile(regex).matcher(out);
		return m.find() ? m.group(1) : "?";
	}

}
