package cl.smartercl.mcp.core.tools.analytics;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Contract of {@code analytics_kpis}. */
public final class AnalyticsKpis {

	private AnalyticsKpis() {
	}

	public record Input(@JsonPropertyDescription("KPI names as configured for the tenant, e.g. revenue_mtd; default all configured KPIs.") List<String> kpis) {

		public Input {
			kpis = (kpis == null) ? List.of() : List.copyOf(kpis);
		}

	}

	public record Output(List<Kpi> kpis) {
	}

	public record Kpi(String name, @JsonPropertyDescription("The KPI's value: a number or text; absent when it could not be computed.") Object value,
			@JsonPropertyDescription("The Metabase saved question behind the KPI.") Long questionId,
			@JsonPropertyDescription("Why the value is absent.") String error) {
	}

}
