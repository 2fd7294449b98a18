package cl.smartercl.mcp.core.tools.analytics;

import reactor.core.publisher.Mono;

import cl.smartercl.mcp.core.tool.ClientChannel;

/** What the analytics tools need from a tenant's BI backend (Metabase). */
public interface AnalyticsPort {

	Mono<AnalyticsKpis.Output> kpis(AnalyticsKpis.Input input);

	Mono<AnalyticsDashboards.Output> dashboards(AnalyticsDashboards.Input input);

	/**
	 * @param channel asks the caller's model for SQL when a request is in natural
	 * language and it can sample
	 */
	Mono<AnalyticsReports.Output> report(AnalyticsReports.Input input, ClientChannel channel);

}
