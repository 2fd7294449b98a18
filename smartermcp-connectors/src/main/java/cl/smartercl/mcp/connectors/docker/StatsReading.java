package cl.smartercl.mcp.connectors.docker;

import java.time.Duration;
import java.time.Instant;

import tools.jackson.databind.JsonNode;

/**
 * The counters of one {@code /containers/{id}/stats} answer (backend-notes/docker.md §3), as totals:
 * rates and percentages come from two readings.
 *
 * @param cpuTotal the container's CPU time, ns
 * @param systemCpu the host's CPU time, ns ({@code 0} when the engine gives none)
 * @param preCpuTotal {@code precpu_stats} CPU time, {@code 0} when absent (podman, one-shot)
 * @param preSystemCpu {@code precpu_stats} host CPU time
 * @param memoryUsed usage less the page cache ({@code inactive_file} on cgroup v2, {@code cache} on v1)
 */
record StatsReading(String name, Instant read, long cpuTotal, long systemCpu, int cpus, long preCpuTotal,
		long preSystemCpu, long memoryUsed, long memoryLimit, long networkRx, long networkTx, long diskRead,
		long diskWrite) {

	static StatsReading of(String name, JsonNode stats) {
		JsonNode cpu = stats.path("cpu_stats");
		JsonNode pre = stats.path("precpu_stats");
		int cpus = cpu.path("online_cpus").asInt(0);
		if (cpus == 0 && cpu.path("cpu_usage").path("percpu_usage").isArray()) {
			cpus = cpu.path("cpu_usage").path("percpu_usage").size();
		}
		JsonNode memory = stats.path("memory_stats");
		long cache = memory.path("stats").has("inactive_file") ? memory.path("stats").path("inactive_file").asLong(0)
				: memory.path("stats").path("cache").asLong(0);
		long used = Math.max(0, memory.path("usage").asLong(0) - cache);
		long rx = 0;
		long tx = 0;
		for (JsonNode network : stats.path("networks").values()) {
			rx += network.path("rx_bytes").asLong(0);
			tx += network.path("tx_bytes").asLong(0);
		}
		long read = 0;
		long write = 0;
		for (JsonNode io : stats.path("blkio_stats").path("io_service_bytes_recursive").values()) {
			String op = io.path("op").asString("");
			if (op.equalsIgnoreCase("read")) {
				read += io.path("value").asLong(0);
			}
			else if (op.equalsIgnoreCase("write")) {
				write += io.path("value").asLong(0);
			}
		}
		Instant time = DockerMapper.instant(stats.path("read"));
		return new StatsReading(name, (time != null) ? time : Instant.now(), cpu.path("cpu_usage").path("total_usage").asLong(0),
				cpu.path("system_cpu_usage").asLong(0), Math.max(cpus, 1), pre.path("cpu_usage").path("total_usage").asLong(0),
				pre.path("system_cpu_usage").asLong(0), used, memory.path("limit").asLong(0), rx, tx, read, write);
	}

	/**
	 * CPU % from the engine's own previous reading, {@code null} when the engine gave none. All CPU
	 * percentages here are of the host's whole CPU capacity (100 = every CPU busy), as infra_status
	 * documents; the spec's formula (and {@code docker stats}) multiplies this by the CPU count.
	 */
	Double cpuPercentFromPrevious() {
		if (this.preSystemCpu <= 0 || this.systemCpu <= this.preSystemCpu) {
			return null;
		}
		return percent(this.cpuTotal - this.preCpuTotal, this.systemCpu - this.preSystemCpu);
	}

	/** CPU % between an earlier reading of the same container and this one. */
	Double cpuPercentSince(StatsReading earlier) {
		if (earlier.systemCpu > 0 && this.systemCpu > earlier.systemCpu) {
			return percent(this.cpuTotal - earlier.cpuTotal, this.systemCpu - earlier.systemCpu);
		}
		// no host counter: CPU time over wall time and CPU count
		long wallNanos = Duration.between(earlier.read, this.read).toNanos();
		if (wallNanos <= 0) {
			return null;
		}
		return Math.max(0, (this.cpuTotal - earlier.cpuTotal)) * 100.0 / wallNanos / this.cpus;
	}

	private static Double percent(long cpuDelta, long systemDelta) {
		return Math.max(0, cpuDelta) * 100.0 / systemDelta;
	}

	/** Bytes per second of a counter between two readings; 0 after a counter reset (container restarted). */
	static double rate(long earlier, long later, Instant from, Instant to) {
		double seconds = Duration.between(from, to).toMillis() / 1000.0;
		return (seconds <= 0 || later < earlier) ? 0 : (later - earlier) / seconds;
	}

}
