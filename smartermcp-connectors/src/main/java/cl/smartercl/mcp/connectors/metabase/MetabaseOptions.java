package cl.smartercl.mcp.connectors.metabase;

import java.time.Duration;

/**
 * Timeouts and bounds of one Metabase connector.
 *
 * @param connectTimeout TCP connect timeout
 * @param apiTimeout how long a metadata call (search, card, dashboard, user) may take
 * @param queryTimeout how long a query or an export may take, end to end
 * @param maxDashboards most dashboards {@code analytics_dashboards} describes before it
 * reports truncation
 */
record MetabaseOptions(Duration connectTimeout, Duration apiTimeout, Duration queryTimeout, int maxDashboards) {

	/**
	 * Below the server's per-attempt limit ({@code smartermcp.resilience.timeout}, 30 s
	 * by default), so that a slow Metabase is reported in this connector's words ("no
	 * answer within 25 s") rather than cut short.
	 */
	static MetabaseOptions defaults() {
		return new MetabaseOptions(Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(25), 100);
	}

}
