package cl.smartercl.mcp.examples.agents;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import cl.smartercl.mcp.client.SmarterMCP;
import cl.smartercl.mcp.client.error.SmarterMcpException;
import cl.smartercl.mcp.client.model.HealthStatus;
import cl.smartercl.mcp.client.model.ServicesHealthCheck;
import cl.smartercl.mcp.client.model.ServicesHealthOutput;
import cl.smartercl.mcp.client.model.ServicesRestartOutput;

/**
 * Agent walk-through 1, the operator: check the health of every service and restart the
 * unhealthy ones, then check them again. Needs a token with {@code write:services}
 * (profile {@code executor}). {@code --dry-run} only reports.
 */
public final class HealthCheckAndRestart {

	private final SmarterMCP client;

	private final PrintStream out;

	public HealthCheckAndRestart(SmarterMCP client, PrintStream out) {
		this.client = client;
		this.out = out;
	}

	public static void main(String[] args) {
		boolean dryRun = List.of(args).contains("--dry-run");
		SmarterMCP client = SmarterMCP.builder().fromEnvironment().retryRateLimited(true).build();
		List<String> stillUnhealthy = new HealthCheckAndRestart(client, System.out).run(dryRun);
		System.exit(stillUnhealthy.isEmpty() ? 0 : 1);
	}

	/**
	 * @return the services still unhealthy at the end
	 */
	public List<String> run(boolean dryRun) {
		ServicesHealthOutput health = this.client.services().health();
		this.out.println("Overall: " + health.getOverall());
		List<String> unhealthy = new ArrayList<>();
		for (ServicesHealthCheck check : health.getServices()) {
			this.out.printf("  %-12s %-9s %5d ms  %s%n", check.getId(), check.getStatus(), check.getLatencyMs(),
					check.getDetail());
			if (check.getStatus() == HealthStatus.UNHEALTHY) {
				unhealthy.add(check.getId());
			}
		}
		if (unhealthy.isEmpty() || dryRun) {
			this.out.println(unhealthy.isEmpty() ? "Nothing to restart." : "Would restart: " + unhealthy);
			return unhealthy;
		}
		List<String> stillUnhealthy = new ArrayList<>();
		for (String serviceId : unhealthy) {
			if (!restartAndRecheck(serviceId)) {
				stillUnhealthy.add(serviceId);
			}
		}
		return stillUnhealthy;
	}

	private boolean restartAndRecheck(String serviceId) {
		try {
			ServicesRestartOutput restarted = this.client.services().restart(serviceId);
			this.out.printf("Restarted %s (container %s, %s since %s)%n", serviceId, restarted.getContainer(),
					restarted.getState(), restarted.getStartedAt());
			ServicesHealthCheck again = this.client.services().health(serviceId).getServices().get(0);
			this.out.printf("  now %s: %s%n", again.getStatus(), again.getDetail());
			return again.getStatus() == HealthStatus.HEALTHY;
		}
		catch (SmarterMcpException ex) {
			// a restart is a write: it is never retried for us, so report and let a
			// person decide
			this.out.println("Could not restart " + serviceId + ": " + ex.getMessage());
			return false;
		}
	}

}
