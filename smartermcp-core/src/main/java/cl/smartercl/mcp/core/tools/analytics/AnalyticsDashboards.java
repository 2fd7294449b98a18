package cl.smartercl.mcp.core.tools.analytics;

import java.time.Instant;
import java.util.List;

/** Contract of {@code analytics_dashboards}. */
public final class AnalyticsDashboards {

	private AnalyticsDashboards() {
	}

	public record Input() {
	}

	public record Output(List<Dashboard> dashboards, int count) {
	}

	public record Dashboard(long id, String name, String description, String collection, String url,
			Instant updatedAt) {
	}

}
