package cl.smartercl.mcp.core.tools.bots;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import cl.smartercl.mcp.core.error.InvalidArgumentsException;

/** Contract of {@code bots_analytics}. */
public final class BotsAnalytics {

	/** The longest span {@code from}/{@code to} may cover. */
	public static final Duration MAX_SPAN = Duration.ofDays(366);

	private BotsAnalytics() {
	}

	public record Input(@JsonProperty(required = true) @JsonPropertyDescription("Bot id from bots_list.") String botId,
			@JsonPropertyDescription("today, week (since Monday), month (since the 1st), 7d or 30d, in UTC; default week. Not with from/to.") BotsPeriod period,
			@JsonPropertyDescription("Start of a custom period, ISO-8601 instant (e.g. 2026-01-01T00:00:00Z); needs to.") Instant from,
			@JsonPropertyDescription("End of a custom period, ISO-8601 instant; needs from.") Instant to) {

		public Input {
			if ((from == null) != (to == null)) {
				throw new InvalidArgumentsException((from == null) ? "from" : "to",
						"from and to go together: give both for a custom period, or neither");
			}
			if (from != null) {
				if (period != null) {
					throw new InvalidArgumentsException("period", "give either period or from/to, not both");
				}
				if (!to.isAfter(from)) {
					throw new InvalidArgumentsException("to", "must be after from");
				}
				if (Duration.between(from, to).compareTo(MAX_SPAN) > 0) {
					throw new InvalidArgumentsException("from", "a custom period spans at most 366 days");
				}
			}
			else if (period == null) {
				period = BotsPeriod.WEEK;
			}
		}

	}

	public record Output(String botId,
			@JsonPropertyDescription("The named period, or custom for from/to.") String period, Instant since,
			Instant until,
			@JsonPropertyDescription("Where the numbers come from: cloud_bot_analytics or v12_analytics_module.") String source,
			@JsonPropertyDescription("sessions, messages_in, messages_out, new_users, returning_users, users and, where the bot tracks goals, completion_rate; each names the Botpress metric behind it.") List<Metric> metrics,
			@JsonPropertyDescription("Normalised metrics this flavour of Botpress cannot give for this bot, and why.") List<String> unavailable) {
	}

	/**
	 * One normalised metric.
	 *
	 * @param name the normalised name, the same on every flavour
	 * @param value its value over the period (a ratio from 0 to 1 for
	 * {@code completion_rate})
	 * @param sourceMetric the Botpress metric (or formula) it was computed from
	 */
	public record Metric(String name, double value,
			@JsonPropertyDescription("The Botpress metric (or formula of metrics) behind the value.") String sourceMetric) {
	}

}
