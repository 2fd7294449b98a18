package cl.smartercl.mcp.examples.sdk;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import cl.smartercl.mcp.client.ServicesClient.Filter;
import cl.smartercl.mcp.client.SmarterMCP;
import cl.smartercl.mcp.client.error.NotConfiguredException;
import cl.smartercl.mcp.client.error.ServiceUnavailableException;
import cl.smartercl.mcp.client.error.SmarterMcpException;
import cl.smartercl.mcp.client.error.UnauthorizedException;
import cl.smartercl.mcp.client.model.AnalyticsKpisKpi;
import cl.smartercl.mcp.client.model.Contact;
import cl.smartercl.mcp.client.model.ContactsPage;
import cl.smartercl.mcp.client.model.ServicesListService;
import cl.smartercl.mcp.client.model.WorkflowsListWorkflow;
import cl.smartercl.mcp.client.model.WorkflowsTriggerOutput;

/**
 * The SDK walk-through: list the backend services, trigger a workflow, read KPIs, search
 * contacts.
 * <p>
 * Run it with {@code SMARTERMCP_API_TOKEN} (and {@code SMARTERMCP_URL} when the server is
 * not on localhost:8080) set:
 * {@code mvn -q -pl examples/sdk-walkthrough exec:java -Dexec.mainClass=cl.smartercl.mcp.examples.sdk.SdkWalkthrough -Dexec.args="[workflow-id] [contact-query]"}
 */
public final class SdkWalkthrough {

	private final SmarterMCP client;

	private final PrintStream out;

	private int skipped;

	public SdkWalkthrough(SmarterMCP client, PrintStream out) {
		this.client = client;
		this.out = out;
	}

	public static void main(String[] args) {
		SmarterMCP client = SmarterMCP.builder().fromEnvironment().retryRateLimited(true).build();
		String workflowId = (args.length > 0) ? args[0] : null;
		String query = (args.length > 1) ? args[1] : "a";
		int failed = new SdkWalkthrough(client, System.out).run(workflowId, query);
		System.exit(failed == 0 ? 0 : 1);
	}

	/**
	 * @param workflowId the workflow to trigger; {@code null} picks the first active one
	 * @param query what to look for among the CRM contacts
	 * @return how many steps failed
	 */
	public int run(String workflowId, String query) {
		int failed = 0;
		failed += step("1. Backend services", this::listBackends);
		failed += step("2. Trigger a workflow", () -> trigger(workflowId));
		failed += step("3. KPIs", this::kpis);
		failed += step("4. Contacts matching '" + query + "'", () -> searchContacts(query));
		String skipped = (this.skipped == 0) ? "" : " (" + this.skipped + " skipped: backend not configured)";
		this.out.println(
				failed == 0 ? "\nAll steps done" + skipped + "." : "\n" + failed + " step(s) failed" + skipped + ".");
		return failed;
	}

	private void listBackends() {
		List<ServicesListService> services = this.client.services().list(Filter.BACKEND).getServices();
		for (ServicesListService service : services) {
			this.out.printf("   %-12s %-10s %s%n", service.getId(), orDash(service.getState()),
					orDash(service.getVersion()));
		}
		this.out.printf("   %d backend service(s)%n", services.size());
	}

	private void trigger(String workflowId) {
		String id = Optional.ofNullable(workflowId).or(this::firstActiveWorkflow).orElse(null);
		if (id == null) {
			this.out.println("   no active workflow to trigger; pass a workflow id as the first argument");
			return;
		}
		WorkflowsTriggerOutput run = this.client.workflows().trigger(id, Map.of("source", "sdk-walkthrough"));
		this.out.printf("   workflow %s started execution %s (%s)%n", id, orDash(run.getExecutionId()),
				orDash(run.getStatus()));
		String status = run.getStatus();
		if (run.getExecutionId() != null) {
			// follow the run to its end: a workflow that fails is a failed step, not a
			// started one
			for (int check = 0; check < STATUS_CHECKS && !FINISHED.contains(status); check++) {
				pause();
				status = this.client.workflows().status(run.getExecutionId()).getStatus();
			}
			this.out.printf("   execution %s ended: %s%n", run.getExecutionId(), orDash(status));
		}
		if (FAILED.contains(status)) {
			throw new StepFailed("workflow " + id + " failed (execution " + orDash(run.getExecutionId()) + ": " + status
					+ "); workflows_status shows why");
		}
	}

	/**
	 * How often the run is looked at, a second apart, before the walk-through moves on.
	 */
	private static final int STATUS_CHECKS = 30;

	private static final List<String> FINISHED = List.of("success", "error", "crashed", "canceled");

	private static final List<String> FAILED = List.of("error", "crashed", "canceled");

	private static void pause() {
		try {
			Thread.sleep(1000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new StepFailed("interrupted while following the workflow run");
		}
	}

	/**
	 * A step whose calls succeeded but whose outcome is a failure (a workflow run that
	 * failed).
	 */
	static final class StepFailed extends RuntimeException {

		StepFailed(String message) {
			super(message);
		}

	}

	private Optional<String> firstActiveWorkflow() {
		List<WorkflowsListWorkflow> active = this.client.workflows().list(true).getWorkflows();
		return (active == null) ? Optional.empty() : active.stream().map(WorkflowsListWorkflow::getId).findFirst();
	}

	private void kpis() {
		for (AnalyticsKpisKpi kpi : this.client.analytics().kpis(List.of("revenue_mtd")).getKpis()) {
			this.out.printf("   %-16s %s%n", kpi.getName(),
					(kpi.getDisplay() != null) ? kpi.getDisplay() : "(" + orDash(kpi.getError()) + ")");
		}
	}

	private void searchContacts(String query) {
		ContactsPage page = this.client.crm().contacts().search(query);
		for (Contact contact : page.getContacts()) {
			this.out.printf("   #%-6d %-30s %s%n", contact.getId(), contact.getName(), orDash(contact.getEmail()));
		}
		this.out.printf("   %d contact(s)%n", page.getCount());
	}

	/**
	 * Runs one step; a backend that is down or not configured does not stop the others. A
	 * backend the tenant does not have is skipped, not failed.
	 */
	private int step(String title, Runnable body) {
		this.out.println(title);
		try {
			body.run();
			return 0;
		}
		catch (UnauthorizedException ex) {
			// nothing else will work either: say so and stop
			throw ex;
		}
		catch (NotConfiguredException ex) {
			// a tenant without that backend: nothing is wrong, there is just nothing to
			// read
			this.skipped++;
			this.out.println("   skipped: " + ex.service().orElse("the backend")
					+ " is not configured for this tenant (" + ex.getMessage() + ")");
			return 0;
		}
		catch (ServiceUnavailableException ex) {
			this.out.println("   unavailable: " + ex.getMessage());
			return 1;
		}
		catch (SmarterMcpException ex) {
			this.out.println(
					"   failed: " + ex.getMessage() + ex.requestId().map((id) -> " [request " + id + "]").orElse(""));
			return 1;
		}
		catch (StepFailed ex) {
			this.out.println("   failed: " + ex.getMessage());
			return 1;
		}
	}

	private static String orDash(Object value) {
		return (value == null) ? "-" : value.toString();
	}

}
