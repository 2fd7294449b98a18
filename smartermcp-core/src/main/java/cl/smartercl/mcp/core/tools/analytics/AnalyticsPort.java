package cl.smartercl.mcp.core.tools.analytics;

import reactor.core.publisher.Mono;

/** What the analytics tools need from a tenant's BI backend (Metabase). */
public interface AnalyticsPort {

	Mono<AnalyticsKpis.Output> kpis(AnalyticsKpis.Input input);

	Mono<AnalyticsDashboards.Output> dashboards(AnalyticsDashboards.Input input);

	Mono<AnalyticsReports.Output> report(AnalyticsReports.Input input);

}
