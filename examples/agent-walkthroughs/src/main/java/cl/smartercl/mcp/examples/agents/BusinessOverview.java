package cl.smartercl.mcp.examples.agents;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import cl.smartercl.mcp.client.SmarterMCP;
import cl.smartercl.mcp.client.error.SmarterMcpException;
import cl.smartercl.mcp.client.model.AnalyticsKpisOutput;
import cl.smartercl.mcp.client.model.BotsListBot;
import cl.smartercl.mcp.client.model.BotsListOutput;
import cl.smartercl.mcp.client.model.CrmPipelineStatusOutput;
import cl.smartercl.mcp.client.model.Period;
import cl.smartercl.mcp.client.model.SupportAgentsStatusOutput;
import cl.smartercl.mcp.client.model.SupportMetricsOutput;

/**
 * Agent walk-through 2, the director: a business overview from KPIs, the sales pipeline,
 * support and bots. The five reads go out at once with the async API; a backend that is
 * down leaves a gap in the report, not a failure. Needs the {@code director} profile's
 * scopes.
 */
public final class BusinessOverview {

	private final SmarterMCP client;

	private final PrintStream out;

	public BusinessOverview(SmarterMCP client, PrintStream out) {
		this.client = client;
		this.out = out;
	}

	public static void main(String[] args) {
		SmarterMCP client = SmarterMCP.builder().fromEnvironment().retryRateLimited(true).build();
		int gaps = new BusinessOverview(client, System.out).run();
		System.exit(gaps < 5 ? 0 : 1);
	}

	/**
	 * @return how many of the five parts could not be read
	 */
	public int run() {
		CompletableFuture<AnalyticsKpisOutput> kpis = this.client.analytics().kpisAsync(List.of());
		CompletableFuture<CrmPipelineStatusOutput> pipeline = this.client.crm().pipelineAsync();
		CompletableFuture<SupportMetricsOutput> support = this.client.support().metricsAsync(Period.WEEK);
		CompletableFuture<SupportAgentsStatusOutput> agents = this.client.support().agentsAsync();
		CompletableFuture<BotsListOutput> bots = this.client.bots().listAsync();

		int gaps = 0;
		this.out.println("== KPIs");
		gaps += section(kpis,
				(out) -> out.getKpis()
					.forEach((kpi) -> this.out.printf("  %-18s %s%n", kpi.getName(),
							kpi.getDisplay() != null ? kpi.getDisplay() : "(" + kpi.getError() + ")")));
		this.out.println("== Sales pipeline");
		gaps += section(pipeline, (out) -> {
			out.getStages()
				.forEach((stage) -> this.out.printf("  %-18s %4d  %,.2f%n", stage.getName(), stage.getCount(),
						stage.getExpectedRevenue()));
			this.out.printf("  %-18s %4d  %,.2f %s%n", "total", out.getTotalCount(), out.getTotalExpectedRevenue(),
					out.getCurrency());
		});
		this.out.println("== Support, this week");
		gaps += section(support, (out) -> this.out.printf(
				"  %d conversations (previous week so far: %d), %d resolved, first response %s, CSAT %s%% (%d answers)%n",
				out.getConversations().getCurrent(), out.getConversations().getPrevious(),
				out.getResolutions().getCurrent(), out.getAvgFirstResponse().getHuman(),
				out.getCsat().getScorePercent(), out.getCsat().getResponses()));
		this.out.println("== Support agents");
		gaps += section(agents, (out) -> out.getAgents()
			.forEach((agent) -> this.out.printf("  %-24s %s%n", agent.getName(), agent.getAvailability())));
		this.out.println("== Bots");
		gaps += section(bots, (out) -> {
			for (BotsListBot bot : out.getBots()) {
				this.out.printf("  %-24s %s%n", bot.getName(), bot.getStatus());
			}
		});
		return gaps;
	}

	private <T> int section(CompletableFuture<T> part, Consumer<T> print) {
		try {
			print.accept(part.join());
			return 0;
		}
		catch (RuntimeException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			if (!(cause instanceof SmarterMcpException)) {
				throw ex;
			}
			this.out.println("  (not available: " + cause.getMessage() + ")");
			return 1;
		}
	}

}
