package cl.smartercl.mcp.benchmarks.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the machine and the runtimes are, for the report's header. */
final class Machine {

	private Machine() {
	}

	static void describe(Results results, Settings settings) {
		results.machine.put("CPU", cpuModel() + ", " + Runtime.getRuntime().availableProcessors()
				+ " CPUs visible to the runner, " + nproc() + " online");
		results.machine.put("memory", memTotal());
		results.machine.put("kernel", ManagedProcess.run(List.of("uname", "-sr"), Duration.ofSeconds(5)).strip());
		results.machine.put("JVM",
				System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
		results.machine.put("Node",
				ManagedProcess.run(List.of(settings.node().toString(), "--version"), Duration.ofSeconds(10)).strip());
		results.machine.put("pinning", "servers under test on CPU " + settings.serverCpu()
				+ " (taskset); load generator, Docker API stub and wrk on CPU " + settings.loadCpu());
		results.machine.put("server JVM arguments", String.join(" ", settings.serverJvmArgs()));
	}

	/**
	 * The GC and heap bounds the server JVM chose (ergonomics see one CPU under taskset).
	 */
	static String jvmFlags(ManagedProcess process) {
		String flags = ManagedProcess.run(List.of("jcmd", String.valueOf(process.pid()), "VM.flags"),
				Duration.ofSeconds(30));
		StringBuilder out = new StringBuilder();
		Matcher gc = Pattern.compile("-XX:\\+Use(\\w+)GC").matcher(flags);
		while (gc.find()) {
			out.append(gc.group(1)).append(" GC; ");
		}
		Matcher max = Pattern.compile("-XX:MaxHeapSize=(\\d+)").matcher(flags);
		if (max.find()) {
			out.append("max heap ").append(Long.parseLong(max.group(1)) / (1024 * 1024)).append(" MiB; ");
		}
		Matcher cpus = Pattern.compile("-XX:CICompilerCount=(\\d+)").matcher(flags);
		if (cpus.find()) {
			out.append(cpus.group(1)).append(" JIT compiler threads; ");
		}
		return out.toString().replaceAll("; $", "");
	}

	private static String cpuModel() {
		try {
			return Files.readAllLines(Path.of("/proc/cpuinfo"))
				.stream()
				.filter((l) -> l.startsWith("model name"))
				.map((l) -> l.substring(l.indexOf(':') + 1).strip())
				.findFirst()
				.orElse("unknown CPU");
		}
		catch (IOException ex) {
			return "unknown CPU";
		}
	}

	private static String nproc() {
		return ManagedProcess.run(List.of("nproc", "--all"), Duration.ofSeconds(5)).strip();
	}

	private static String memTotal() {
		try {
			return Files.readAllLines(Path.of("/proc/meminfo"))
				.stream()
				.filter((l) -> l.startsWith("MemTotal"))
				.map((l) -> Long.parseLong(l.replaceAll("[^0-9]", "")) / (1024 * 1024) + " GiB")
				.findFirst()
				.orElse("unknown");
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

}
