package cl.smartercl.mcp.benchmarks.load;

import org.HdrHistogram.Histogram;

/**
 * What one bounded run measured.
 *
 * @param label what ran (e.g. "c=16" or "rate=1200/s")
 * @param ok successful calls completed inside the run
 * @param failed calls that failed, timed out, or (open model) could not be sent because
 * the in-flight bound was reached
 * @param seconds the run's measured length
 * @param latencyMicros latencies of the successful calls; in the open model measured from
 * the intended send time, so queueing behind a slow server counts (no coordinated
 * omission)
 * @param loadCpu CPU the load generator's process used, in cores (1.0 = one core busy)
 * @param serverCpu CPU the server's process used, in cores
 */
public record RunResult(String label, long ok, long failed, double seconds, Histogram latencyMicros, double loadCpu,
		double serverCpu) {

	public double throughput() {
		return this.ok / this.seconds;
	}

	public double p(double percentile) {
		return (this.latencyMicros.getTotalCount() == 0) ? Double.NaN
				: this.latencyMicros.getValueAtPercentile(percentile) / 1000.0;
	}

	/**
	 * Milliseconds of server CPU per successful call: the cost of a call whatever else
	 * ran on the machine.
	 */
	public double serverCpuMillisPerCall() {
		return (this.ok == 0) ? Double.NaN : this.serverCpu * this.seconds * 1000 / this.ok;
	}

	public double p50() {
		return p(50);
	}

	public double p95() {
		return p(95);
	}

	public double p99() {
		return p(99);
	}

}
