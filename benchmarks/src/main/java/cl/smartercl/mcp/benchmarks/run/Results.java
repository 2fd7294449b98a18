package cl.smartercl.mcp.benchmarks.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cl.smartercl.mcp.benchmarks.load.RunResult;

/** Everything one run measured, filled in as it goes, rendered by {@link Report}. */
final class Results {

	final Map<String, String> machine = new LinkedHashMap<>();

	final List<String> loadAverages = new ArrayList<>();

	final List<String> cpuPressure = new ArrayList<>();

	final Map<String, String> warmups = new LinkedHashMap<>();

	final List<Grid> grids = new ArrayList<>();

	final List<String[]> wrk = new ArrayList<>();

	static final String DIRECT = "stub called directly";

	/** path → [c=1 run, open-rate run]; {@link #DIRECT} is the baseline */
	final Map<String, List<RunResult>> overhead = new LinkedHashMap<>();

	double overheadRate;

	final Map<String, List<Double>> coldStarts = new LinkedHashMap<>();

	final Map<String, List<SessionsBench.Step>> sessions = new LinkedHashMap<>();

	String profiledTarget;

	JfrSummary.Summary profile;

	RunResult profileRun;

	final List<String> notes = new ArrayList<>();

	/** A warm-up curve: 5 s chunks from the first served call. */
	record Curve(double secondsSinceProcessStart, double coldStartMillis, List<RunResult> chunks) {
	}

	/** target → its warm-up curve */
	final Map<String, Curve> curves = new LinkedHashMap<>();

	final List<ColdStarts.Variant> coldVariants = new ArrayList<>();

	long realAnswerBytes;

	AuditCheck.Outcome auditCheck;

	String startedAt;

	double minutes;

	Grid grid(String target) {
		return this.grids.stream().filter((g) -> g.target().equals(target)).findFirst().orElse(null);
	}

}
