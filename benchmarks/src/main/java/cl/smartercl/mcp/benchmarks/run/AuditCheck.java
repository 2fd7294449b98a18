package cl.smartercl.mcp.benchmarks.run;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import cl.smartercl.mcp.benchmarks.load.LoadClient;
import cl.smartercl.mcp.benchmarks.load.LoadGenerator;
import cl.smartercl.mcp.benchmarks.load.RunResult;

/**
 * The benchmark's own "nothing answered is lost" check: SmarterMCP on a fresh PostgreSQL
 * database serves the real tool over REST to 64 callers and is killed with SIGKILL in the
 * middle of the run; then the audit rows of that tool in the database are counted against
 * the calls that got an answer (the generator's successes plus the first call that showed
 * the server was up). Every answered call must have its row; a call that was in flight at
 * the kill may have one too.
 */
final class AuditCheck {

	record Outcome(long answered, long rows, long failedAfterKill, double killedAfterSeconds) {

		long missing() {
			return Math.max(0, this.answered - this.rows);
		}

	}

	private AuditCheck() {
	}

	static Outcome run(Servers servers, String stubUrl, ThrowawayDb db, String token, Settings settings) {
		Duration load = settings.quick() ? Duration.ofSeconds(4) : Duration.ofSeconds(10);
		Servers.Started server = servers.smarterMcp(stubUrl, List.of(), Map.of("SMARTERMCP_DB_URL", db.url()),
				servers.serverCpus());
		try (LoadClient client = new LoadClient(server.baseUrl(), token, 64)) {
			LoadGenerator generator = new LoadGenerator(server.process()::cpuNanos);
			CompletableFuture<RunResult> run = CompletableFuture
				.supplyAsync(() -> generator.closed("kill -9 under load",
						client.rest(BenchmarkRunner.REAL_TOOL, BenchmarkRunner.REAL_ARGUMENTS), 64, load));
			double killAt = load.toMillis() * 0.6;
			ManagedProcess.sleep((long) killAt);
			// Process.destroyForcibly is SIGKILL on Linux: no shutdown hook, no flush
			server.process().process.destroyForcibly();
			RunResult result = run.join();
			ManagedProcess.sleep(1000);
			long rows = db.count("SELECT count(*) FROM audit_records WHERE tool = '" + BenchmarkRunner.REAL_TOOL + "'");
			return new Outcome(result.ok() + 1, rows, result.failed(), killAt / 1000);
		}
		finally {
			server.close();
		}
	}

}
