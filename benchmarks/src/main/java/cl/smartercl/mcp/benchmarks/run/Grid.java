package cl.smartercl.mcp.benchmarks.run;

import java.util.List;

import cl.smartercl.mcp.benchmarks.load.RunResult;

/**
 * One target's throughput and latency: closed runs at each concurrency, the maximum
 * sustained rate (the best closed run), and open runs at fixed fractions of it.
 */
record Grid(String target, List<RunResult> byConcurrency, List<RunResult> byRate) {

	double max() {
		return this.byConcurrency.stream().mapToDouble(RunResult::throughput).max().orElse(0);
	}

	RunResult atConcurrency(int concurrency) {
		return this.byConcurrency.stream()
			.filter((r) -> r.label().equals("c=" + concurrency))
			.findFirst()
			.orElseThrow();
	}

	long failures() {
		return this.byConcurrency.stream().mapToLong(RunResult::failed).sum()
				+ this.byRate.stream().mapToLong(RunResult::failed).sum();
	}

}
