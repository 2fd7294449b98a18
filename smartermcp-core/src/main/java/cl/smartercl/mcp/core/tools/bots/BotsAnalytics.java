package cl.smartercl.mcp.core.tools.bots;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import cl.smartercl.mcp.core.tools.common.Period;

/** Contract of {@code bots_analytics}. */
public final class BotsAnalytics {

	private BotsAnalytics() {
	}

	public record Input(@JsonProperty(required = true) @JsonPropertyDescription("Bot id from bots_list.") String botId,
			@JsonPropertyDescription("today, week or month; default week.") Period period) {

		public Input {
			period = (period == null) ? Period.WEEK : period;
		}

	}

	public record Output(String botId, Period period, Instant since, Instant until, long sessions, long messages,
			long users, long newUsers, long returningUsers) {
	}

}
