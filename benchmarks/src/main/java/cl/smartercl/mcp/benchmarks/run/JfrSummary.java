package cl.smartercl.mcp.benchmarks.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * The top costs of a JFR recording (JDK 17 has no {@code jfr view}): CPU samples by the
 * method on top of the stack (self time), by the first frame of our own code on the
 * stack, and sampled allocations by class (weighted by the bytes they stand for).
 */
public final class JfrSummary {

	record Share(String name, double percent) {
	}

	record Summary(long samples, List<Share> selfTop, List<Share> ourFrames, List<Share> byArea, List<Share> inclusive,
			List<Share> allocations) {
	}

	private JfrSummary() {
	}

	/**
	 * Prints the summary of each recording given as Markdown tables (used by
	 * {@code ab.sh}).
	 */
	public static void main(String[] args) {
		for (String path : args) {
			Summary summary = of(Path.of(path), 12);
			System.out.println("### " + path + " (" + summary.samples() + " CPU samples)");
			print("CPU by library (first non-JDK frame)", summary.byArea());
			print("CPU, inclusive", summary.inclusive());
			print("CPU, top methods (self)", summary.selfTop());
			print("Allocation (sampled, by bytes), top classes", summary.allocations());
		}
	}

	private static void print(String title, List<Share> shares) {
		System.out.println();
		System.out.println("| " + title + " | % |");
		System.out.println("|---|---:|");
		shares.forEach((share) -> System.out.printf("| `%s` | %.1f |%n", share.name(), share.percent()));
	}

	static Summary of(Path recording, int top) {
		Map<String, Long> self = new HashMap<>();
		Map<String, Long> ours = new HashMap<>();
		Map<String, Long> areas = new HashMap<>();
		Map<String, Long> inclusive = new HashMap<>();
		Map<String, Long> allocated = new HashMap<>();
		long samples = 0;
		long allocatedTotal = 0;
		try (RecordingFile file = new RecordingFile(recording)) {
			while (file.hasMoreEvents()) {
				RecordedEvent event = file.readEvent();
				String type = event.getEventType().getName();
				RecordedStackTrace stack = event.getStackTrace();
				if (type.equals("jdk.ExecutionSample") && stack != null && !stack.getFrames().isEmpty()) {
					samples++;
					List<RecordedFrame> frames = stack.getFrames();
					self.merge(method(frames.get(0)), 1L, Long::sum);
					// JDK frames (String, HashMap, ...) are charged to the library that
					// called them
					areas.merge(frames.stream()
						.filter((f) -> !isJdk(f))
						.findFirst()
						.map(JfrSummary::area)
						.orElse("JDK only (GC, I/O, JIT'd JDK code)"), 1L, Long::sum);
					frames.stream()
						.map(JfrSummary::method)
						.filter(JfrSummary::interesting)
						.distinct()
						.forEach((m) -> inclusive.merge(m, 1L, Long::sum));
					frames.stream()
						.filter((f) -> f.getMethod().getType().getName().startsWith("cl.smartercl."))
						.findFirst()
						.ifPresent((f) -> ours.merge(method(f), 1L, Long::sum));
				}
				else if (type.equals("jdk.ObjectAllocationSample")) {
					long weight = event.getLong("weight");
					allocatedTotal += weight;
					allocated.merge(event.getClass("objectClass").getName(), weight, Long::sum);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new Summary(samples, top(self, samples, top), top(ours, samples, top), top(areas, samples, top),
				top(inclusive, samples, top + 10), top(allocated, allocatedTotal, top));
	}

	private static String method(RecordedFrame frame) {
		return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
	}

	/** Frames that name a cost (not the reactive plumbing every frame runs inside). */
	private static boolean interesting(String method) {
		if (method.contains("$$Lambda")) {
			return false;
		}
		return method.startsWith("cl.smartercl.") || method.startsWith("io.modelcontextprotocol.")
				|| method.startsWith("com.networknt.") || method.startsWith("io.r2dbc.") || method.startsWith("org.h2.")
				|| method.startsWith("org.springframework.r2dbc.")
				|| method.startsWith("tools.jackson.databind.ObjectMapper.")
				|| method.startsWith("tools.jackson.databind.ObjectWriter.")
				|| method.startsWith("org.springframework.http.codec.") || method.startsWith("reactor.core.scheduler.");
	}

	private static boolean isJdk(RecordedFrame frame) {
		String type = frame.getMethod().getType().getName();
		return type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.")
				|| type.startsWith("com.sun.");
	}

	/** Which library a frame belongs to, by package prefix. */
	private static String area(RecordedFrame frame) {
		String type = frame.getMethod().getType().getName();
		String[] prefixes = { "cl.smartercl.", "io.modelcontextprotocol.", "tools.jackson.", "com.fasterxml.",
				"io.netty.", "reactor.netty.", "reactor.", "org.springframework.", "io.r2dbc.", "org.h2.",
				"com.github.victools.", "com.networknt." };
		for (String prefix : prefixes) {
			if (type.startsWith(prefix)) {
				return prefix + "*";
			}
		}
		return "other (" + type.substring(0, Math.max(0, type.lastIndexOf('.'))) + ")";
	}

	private static List<Share> top(Map<String, Long> counts, long total, int top) {
		Map<String, Long> sorted = new LinkedHashMap<>();
		counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.limit(top)
			.forEach((e) -> sorted.put(e.getKey(), e.getValue()));
		return sorted.entrySet()
			.stream()
			.map((e) -> new Share(e.getKey(), (total == 0) ? 0 : 100.0 * e.getValue() / total))
			.toList();
	}

}
