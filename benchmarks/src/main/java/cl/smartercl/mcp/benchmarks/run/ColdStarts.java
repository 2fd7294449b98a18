package cl.smartercl.mcp.benchmarks.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import cl.smartercl.mcp.benchmarks.load.LoadClient;
import cl.smartercl.mcp.benchmarks.load.LoadGenerator;
import cl.smartercl.mcp.benchmarks.load.RunResult;

/**
 * Cold start of the shipped server (no benchmark stub: {@code java -jar}) to its first
 * served call of the real tool, under start-up settings that Java 17 and Spring Boot 4
 * offer: the jar as shipped, extracted ({@code -Djarmode=tools extract}: plain jars on
 * the class path instead of nested ones), a dynamic AppCDS archive made by a training run
 * of the extracted jar, C1 only, lazy bean initialization; pinned to the server CPU, and
 * the main ones again on both CPUs. For each, also the calls/s of the first 5 s after
 * start (what a setting costs the warm-up); for the settings an operator would ship
 * ({@link #CURVED}), the whole MCP warm-up curve of the real tool instead, pinned like
 * the main curve, so that "steady within 30 s" can be judged per start-up setting.
 */
final class ColdStarts {

	/**
	 * One start-up setting: its samples (ms to first served call) and the calls/s of its
	 * first 5 s.
	 */
	record Variant(String label, String what, List<Double> samples, double firstChunkRate) {

		double best() {
			return this.samples.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
		}

	}

	/** The settings whose first start is followed by the full MCP warm-up curve. */
	static final List<String> CURVED = List.of("extracted + AppCDS", "extracted + AppCDS + C1 only");

	/** The warm-up curve's label for a start-up setting. */
	static String curveLabel(String setting) {
		return BenchmarkRunner.OURS_MCP_REAL + " · shipped jar, " + setting;
	}

	private ColdStarts() {
	}

	static void measure(Settings settings, Servers servers, Results results) {
		String pinned = servers.serverCpus();
		String both = "0,1";
		Path jar = settings.serverJar();
		Path extractedDir = settings.workDir().resolve("extracted");
		ManagedProcess.run(List.of(javaBin(), "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination",
				extractedDir.toString()), Duration.ofMinutes(2));
		Path extracted = extractedDir.resolve(jar.getFileName());
		if (!Files.exists(extracted)) {
			throw new IllegalStateException("-Djarmode=tools extract made no " + extracted);
		}
		Path archive = settings.workDir().resolve("smartermcp.jsa");
		train(settings, servers, extracted, archive);
		String cds = "-XX:SharedArchiveFile=" + archive;
		List<Object[]> variants = List.of(
				new Object[] { "shipped jar", "`java -jar smartermcp-server.jar` (nested jars, Spring Boot's launcher)",
						jar, List.of(), pinned },
				new Object[] { "extracted",
						"`-Djarmode=tools extract`, then `java -jar` of the extracted jar (plain jars in lib/)",
						extracted, List.of(), pinned },
				new Object[] { "extracted + AppCDS", "and `" + "-XX:SharedArchiveFile"
						+ "` of a dynamic archive (`-XX:ArchiveClassesAtExit`) written by a training run that served calls",
						extracted, List.of(cds), pinned },
				new Object[] { "extracted + AppCDS + C1 only",
						"and `-XX:TieredStopAtLevel=1` (no C2: faster start, lower peak)", extracted,
						List.of(cds, "-XX:TieredStopAtLevel=1"), pinned },
				new Object[] { "extracted + AppCDS + lazy init",
						"and `-Dspring.main.lazy-initialization=true` (beans made on first use)", extracted,
						List.of(cds, "-Dspring.main.lazy-initialization=true"), pinned },
				new Object[] { "shipped jar, both CPUs", "as the first, unpinned", jar, List.of(), both },
				new Object[] { "extracted + AppCDS, both CPUs", "as the third, unpinned", extracted, List.of(cds),
						both });
		for (Object[] v : variants) {
			String label = (String) v[0];
			try {
				List<Double> samples = new ArrayList<>();
				double firstChunk = Double.NaN;
				for (int i = 0; i < settings.coldStartSamples(); i++) {
					@SuppressWarnings("unchecked")
					List<String> extra = (List<String>) v[3];
					try (Servers.Started s = start(settings, servers, (Path) v[2], extra, (String) v[4])) {
						samples.add(s.coldStartMillis());
						if (i == 0 && CURVED.contains(label)) {
							Results.Curve curve = BenchmarkRunner.curve(settings, s, servers.token(),
									(c) -> c.mcpToolCall("/mcp", c.openMcpSessions("/mcp", 16),
											BenchmarkRunner.REAL_TOOL, BenchmarkRunner.REAL_ARGUMENTS));
							results.curves.put(curveLabel(label), curve);
							firstChunk = curve.chunks().get(0).throughput();
						}
						else if (i == 0) {
							firstChunk = firstChunk(s, servers);
						}
					}
				}
				results.coldVariants.add(new Variant(label, (String) v[1], samples, firstChunk));
				System.out.printf("  cold start %s: %s ms%n", label, samples);
			}
			catch (RuntimeException ex) {
				results.coldVariants
					.add(new Variant(label, v[1] + " — FAILED: " + ex.getMessage(), List.of(), Double.NaN));
			}
		}
	}

	/**
	 * The training run: the extracted jar serves REST and MCP calls, and writes its
	 * archive at exit.
	 */
	private static void train(Settings settings, Servers servers, Path extracted, Path archive) {
		Servers.Started s = start(settings, servers, extracted,
				List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=error"), servers.serverCpus());
		try {
			try (LoadClient client = new LoadClient(s.baseUrl(), servers.token(), 4)) {
				LoadGenerator generator = new LoadGenerator(s.process()::cpuNanos);
				generator.closed("training REST",
						client.rest(BenchmarkRunner.REAL_TOOL, BenchmarkRunner.REAL_ARGUMENTS), 4,
						Duration.ofSeconds(2));
				generator.closed("training MCP", client.mcpToolCall("/mcp", client.openMcpSessions("/mcp", 2),
						BenchmarkRunner.REAL_TOOL, BenchmarkRunner.REAL_ARGUMENTS), 4, Duration.ofSeconds(2));
			}
			// SIGTERM: the JVM writes the archive as it exits, which takes a while on a
			// busy CPU
			s.process().process.destroy();
			s.process().process.waitFor(3, java.util.concurrent.TimeUnit.MINUTES);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			s.close();
		}
		if (!Files.exists(archive)) {
			throw new IllegalStateException("the training run wrote no archive " + archive);
		}
	}

	private static Servers.Started start(Settings settings, Servers servers, Path jar, List<String> extra,
			String cpus) {
		int port = Servers.freePort();
		List<String> command = new ArrayList<>(List.of(javaBin()));
		command.addAll(settings.serverJvmArgs());
		command.addAll(extra);
		command.addAll(List.of("-Dserver.port=" + port, "-Dserver.address=127.0.0.1", "-jar", jar.toString()));
		return servers.shipped("cold", command, Map.of(), cpus, port);
	}

	/** 64 REST callers of the real tool for 5 s, right after the first served call. */
	private static double firstChunk(Servers.Started s, Servers servers) {
		try (LoadClient client = new LoadClient(s.baseUrl(), servers.token(), 64)) {
			RunResult r = new LoadGenerator(s.process()::cpuNanos).closed("first 5 s",
					client.rest(BenchmarkRunner.REAL_TOOL, BenchmarkRunner.REAL_ARGUMENTS), 64, Duration.ofSeconds(5));
			return r.throughput();
		}
	}

	private static String javaBin() {
		return ProcessHandle.current().info().command().orElse("java");
	}

}
