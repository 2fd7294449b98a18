package cl.smartercl.mcp.core.tools.support;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import cl.smartercl.mcp.core.tools.common.Period;

/** Contract of {@code support_metrics}. */
public final class SupportMetrics {

	private SupportMetrics() {
	}

	public record Input(@JsonProperty(
			defaultValue = "week") @JsonPropertyDescription("today, week or month (each so far, in the account's time zone); default week.") Period period) {

		public Input {
			period = (period == null) ? Period.WEEK : period;
		}

	}

	/**
	 * Support performance over a period so far, each figure with the same figure over the
	 * previous window of equal length.
	 *
	 * @param period the period asked for
	 * @param timezone the IANA time zone the period's start is computed in
	 * @param since start of the period (midnight today, Monday of this week, the 1st of
	 * this month)
	 * @param until end of the period (now)
	 * @param previousSince start of the previous window, which ends at {@code since}
	 */
	public record Output(Period period, String timezone, Instant since, Instant until, Instant previousSince,
			Count conversations, Count incomingMessages, Count outgoingMessages, Count resolutions,
			@JsonPropertyDescription("Average time to the first agent reply.") Time avgFirstResponse,
			@JsonPropertyDescription("Average time to resolve a conversation.") Time avgResolution, Csat csat) {
	}

	/**
	 * A count now and in the previous window; {@code changePercent} is null when the
	 * previous count is 0.
	 */
	public record Count(long current, long previous, Double changePercent) {
	}

	/** An average time, in seconds and in words; null when nothing was measured. */
	public record Time(Double seconds, @JsonPropertyDescription("e.g. 1 h 5 min") String human, Double previousSeconds,
			String previousHuman) {
	}

	/**
	 * Customer satisfaction as the Chatwoot dashboard computes it.
	 *
	 * @param scorePercent share of ratings 4 and 5 among all responses; null without
	 * responses
	 * @param responses how many customers answered the survey
	 * @param surveysSent how many surveys were sent
	 * @param responseRatePercent responses per survey sent; null when none was sent
	 */
	public record Csat(
			@JsonPropertyDescription("Share of 4 and 5 ratings among responses, in percent; null without responses.") Double scorePercent,
			long responses, long surveysSent,
			@JsonPropertyDescription("Responses per survey sent, in percent; null when none was sent.") Double responseRatePercent,
			Double previousScorePercent, long previousResponses, Double previousResponseRatePercent) {
	}

}
