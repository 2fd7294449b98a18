package cl.smartercl.mcp.core.tools.support;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import cl.smartercl.mcp.core.tools.common.Period;

/** Contract of {@code support_metrics}. */
public final class SupportMetrics {

	private SupportMetrics() {
	}

	public record Input(@JsonPropertyDescription("today, week or month; default week.") Period period) {

		public Input {
			period = (period == null) ? Period.WEEK : period;
		}

	}

	public record Output(Period period, Instant since, Instant until, long conversations, long resolutions,
			@JsonPropertyDescription("Average first response time, in seconds.") Double avgFirstResponseSeconds,
			@JsonPropertyDescription("Average resolution time, in seconds.") Double avgResolutionSeconds,
			@JsonPropertyDescription("Share of 4 and 5 ratings among CSAT responses, in percent.") Double csatPercent,
			long csatResponses) {
	}

}
