package cl.smartercl.mcp.core.tools.analytics;

import java.util.List;

import cl.smartercl.mcp.core.auth.Scope;
import cl.smartercl.mcp.core.tool.Backend;
import cl.smartercl.mcp.core.tool.Category;
import cl.smartercl.mcp.core.tool.ToolDefinition;
import cl.smartercl.mcp.core.tool.ToolHints;

/** The three Metabase analytics tools. */
public final class AnalyticsTools {

	private static final Backend BACKEND = Backend.METABASE;

	public static final ToolDefinition<AnalyticsKpis.Input, AnalyticsKpis.Output> ANALYTICS_KPIS = new ToolDefinition<>(
			"analytics_kpis", Category.ANALYTICS,
			"Read business KPIs (e.g. revenue_mtd, conversion_rate) from the Metabase questions configured for them.",
			Scope.READ_ANALYTICS, ToolHints.readsBackend(), BACKEND, AnalyticsKpis.Input.class,
			AnalyticsKpis.Output.class, (ctx, in) -> ctx.port(AnalyticsPort.class).kpis(in));

	public static final ToolDefinition<AnalyticsDashboards.Input, AnalyticsDashboards.Output> ANALYTICS_DASHBOARDS = new ToolDefinition<>(
			"analytics_dashboards", Category.ANALYTICS,
			"List the Metabase dashboards of the tenant's collection with their cards, filters and link.",
			Scope.READ_ANALYTICS, ToolHints.readsBackend(), BACKEND, AnalyticsDashboards.Input.class,
			AnalyticsDashboards.Output.class, (ctx, in) -> ctx.port(AnalyticsPort.class).dashboards(in));

	public static final ToolDefinition<AnalyticsReports.Input, AnalyticsReports.Output> ANALYTICS_REPORTS = new ToolDefinition<>(
			"analytics_reports", Category.ANALYTICS,
			"Run a Metabase saved question (by id or name), a read-only SQL SELECT, or a request in words (SQL written by your model "
					+ "when sampling is offered, else matching saved questions are suggested); rows as JSON, a markdown table or a CSV file.",
			Scope.READ_ANALYTICS, ToolHints.readsBackend(), BACKEND, AnalyticsReports.Input.class,
			AnalyticsReports.Output.class, (ctx, in) -> ctx.port(AnalyticsPort.class).report(in, ctx.channel()));

	private AnalyticsTools() {
	}

	public static List<ToolDefinition<?, ?>> all() {
		return List.of(ANALYTICS_KPIS, ANALYTICS_DASHBOARDS, ANALYTICS_REPORTS);
	}

}
