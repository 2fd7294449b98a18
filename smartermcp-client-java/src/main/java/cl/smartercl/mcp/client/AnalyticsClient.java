package cl.smartercl.mcp.client;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import cl.smartercl.mcp.client.generated.ApiClient;
import cl.smartercl.mcp.client.generated.api.AnalyticsApi;
import cl.smartercl.mcp.client.model.AnalyticsDashboardsOutput;
import cl.smartercl.mcp.client.model.AnalyticsKpisInput;
import cl.smartercl.mcp.client.model.AnalyticsKpisOutput;
import cl.smartercl.mcp.client.model.AnalyticsReportsFormat;
import cl.smartercl.mcp.client.model.AnalyticsReportsInput;
import cl.smartercl.mcp.client.model.AnalyticsReportsOutput;

/**
 * The Metabase tools: {@code analytics_kpis, analytics_dashboards, analytics_reports}.
 */
public final class AnalyticsClient {

	private final AnalyticsApi api;

	private final Calls calls;

	AnalyticsClient(ApiClient client, Calls calls) {
		this.api = new AnalyticsApi(client);
		this.calls = calls;
	}

	/** Every KPI configured for the tenant. */
	public AnalyticsKpisOutput kpis() {
		return kpis(List.of());
	}

	/** The named KPIs, e.g. {@code List.of("revenue_mtd")}. */
	public AnalyticsKpisOutput kpis(List<String> names) {
		return Calls.await(kpisAsync(names));
	}

	public CompletableFuture<AnalyticsKpisOutput> kpisAsync(List<String> names) {
		AnalyticsKpisInput input = new AnalyticsKpisInput().kpis(List.copyOf(names));
		return this.calls.tool("analytics_kpis", () -> this.api.analyticsKpis(input, Calls.NO_LOG_LEVEL));
	}

	public AnalyticsDashboardsOutput dashboards() {
		return Calls.await(dashboardsAsync());
	}

	public CompletableFuture<AnalyticsDashboardsOutput> dashboardsAsync() {
		return this.calls.tool("analytics_dashboards",
				() -> this.api.analyticsDashboards(Map.of(), Calls.NO_LOG_LEVEL));
	}

	/**
	 * A saved question by name or id, a read-only SQL SELECT, or a request in words (over
	 * REST no model can write SQL, so the answer then suggests saved questions); rows as
	 * JSON by default.
	 */
	public AnalyticsReportsOutput reports(String query) {
		return reports(new AnalyticsReportsInput().query(query));
	}

	public AnalyticsReportsOutput reports(String query, AnalyticsReportsFormat format) {
		return reports(new AnalyticsReportsInput().query(query).format(format));
	}

	/**
	 * At most {@code limit} rows (1 to 2000) as JSON or markdown; csv always holds every
	 * row.
	 */
	public AnalyticsReportsOutput reports(String query, AnalyticsReportsFormat format, int limit) {
		return reports(new AnalyticsReportsInput().query(query).format(format).limit(limit));
	}

	public AnalyticsReportsOutput reports(AnalyticsReportsInput input) {
		return Calls.await(reportsAsync(input));
	}

	public CompletableFuture<AnalyticsReportsOutput> reportsAsync(AnalyticsReportsInput input) {
		return this.calls.tool("analytics_reports", () -> this.api.analyticsReports(input, Calls.NO_LOG_LEVEL));
	}

}
