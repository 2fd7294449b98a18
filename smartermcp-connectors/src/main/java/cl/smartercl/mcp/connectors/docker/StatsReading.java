package cl.smartercl.mcp.connectors.docker;

import java.time.Duration;
import java.time.Instant;

/**
 * The counters of one {@code /containers/{id}/stats} answer (backend-notes/docker.md §3),
 * as totals: rates and percentages come from two readings. {@link DockerMapper#stats}
 * reads them from the engine's JSON.
 *
 * @param cpuTotal the container's CPU time, ns
 * @param systemCpu the host's CPU time, ns ({@code 0} when the engine gives none)
 * @param preCpuTotal {@code precpu_stats} CPU time, {@code 0} when absent (podman,
 * one-shot)
 * @param preSystemCpu {@code precpu_stats} host CPU time
 * @param memoryUsed usage less the page cache ({@code inactive_file} on cgroup v2,
 * {@code cache} on v1)
 */
record StatsReading(String name, Instant read, long cpuTotal, long systemCpu, int cpus, long preCpuTotal,
		long preSystemCpu, long memoryUsed, long memoryLimit, long networkRx, long networkTx, long diskRead,
		long diskWrite) {

	/**
	 * CPU % from the engine's own previous reading, {@code null} when the engine gave
	 * none. All CPU percentages here are of the host's whole CPU capacity (100 = every
	 * CPU busy), as infra_status documents; the spec's formula (and {@code docker stats})
	 * multiplies this by the CPU count.
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

	/**
	 * Bytes per second of a counter between two readings; 0 after a counter reset
	 * (container restarted).
	 */
	static double rate(long earlier, long later, Instant from, Instant to) {
		double seconds = Duration.between(from, to).toMillis() / 1000.0;
		return (seconds <= 0 || later < earlier) ? 0 : (later - earlier) / seconds;
	}

}
