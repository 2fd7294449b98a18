package cl.smartercl.mcp.core.tools.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Contract of {@code analytics_kpis}. Each KPI is a saved question the operator mapped in
 * the tenant's {@code kpis:} block; each is computed on its own, so one failing question
 * leaves the others standing and says why in its own {@link Kpi#status()} and
 * {@link Kpi#error()}.
 */
public final class AnalyticsKpis {

	private AnalyticsKpis() {
	}

	/** How a KPI's value reads; the tenant's configuration chooses it. */
	public enum KpiFormat {

		/**
		 * An amount of money in {@link Kpi#unit()} (an ISO 4217 code such as USD):
		 * "$45,780".
		 */
		@JsonProperty("currency")
		CURRENCY,

		/** A ratio shown as a percentage: 0.032 reads "3.2%". */
		@JsonProperty("percent")
		PERCENT,

		/** A whole number with grouping: "1,204 orders". */
		@JsonProperty("integer")
		INTEGER,

		/** A decimal number with grouping: "12.5 days". */
		@JsonProperty("number")
		NUMBER

	}

	/** Whether a KPI could be computed. */
	public enum KpiStatus {

		@JsonProperty("ok")
		OK,

		/** The question ran but did not answer one number. */
		@JsonProperty("no_value")
		NO_VALUE,

		/** The question could not be run. */
		@JsonProperty("error")
		ERROR

	}

	public record Input(
			@JsonPropertyDescription("KPI names as configured for the tenant, e.g. revenue_mtd; default all configured KPIs.") List<String> kpis) {

		public Input {
			kpis = (kpis == null) ? List.of() : List.copyOf(kpis);
		}

	}

	public record Output(List<Kpi> kpis, @JsonPropertyDescription("How many KPIs have status ok.") int ok,
			@JsonPropertyDescription("How many KPIs could not be computed.") int failed) {
	}

	/**
	 * One KPI.
	 *
	 * @param value the number, absent unless {@code status} is {@code ok}
	 * @param display the value as a person reads it, e.g. {@code $45,780} or {@code 3.2%}
	 */
	public record Kpi(String name, KpiStatus status,
			@JsonPropertyDescription("The KPI's number; absent when status is not ok.") BigDecimal value,
			@JsonPropertyDescription("Unit: an ISO currency code for currency, % for percent, else the configured unit (may be absent).") String unit,
			KpiFormat format,
			@JsonPropertyDescription("The value as a person reads it, e.g. $45,780 or 3.2%.") String display,
			@JsonPropertyDescription("The Metabase saved question behind the KPI.") Question question,
			@JsonPropertyDescription("When the value was computed (the end of the question's run).") Instant computedAt,
			@JsonPropertyDescription("Why there is no value, when status is not ok.") String error) {
	}

	/** A saved question: its id, and its name and link when Metabase told them. */
	public record Question(long id, String name, String url) {
	}

}
