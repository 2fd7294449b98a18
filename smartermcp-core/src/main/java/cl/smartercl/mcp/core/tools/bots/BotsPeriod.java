package cl.smartercl.mcp.core.tools.bots;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The named periods of {@code bots_analytics}, in UTC: {@code today}, the calendar
 * {@code week} (since Monday) and {@code month} (since the 1st), or the rolling
 * {@code 7d} and {@code 30d}.
 */
public enum BotsPeriod {

	@JsonProperty("today")
	TODAY,

	@JsonProperty("week")
	WEEK,

	@JsonProperty("month")
	MONTH,

	@JsonProperty("7d")
	LAST_7_DAYS,

	@JsonProperty("30d")
	LAST_30_DAYS;

	/** The first instant of this period, for a period ending at {@code now}. */
	public Instant since(Instant now) {
		ZonedDateTime today = now.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS);
		return switch (this) {
			case TODAY -> today.toInstant();
			case WEEK -> today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toInstant();
			case MONTH -> today.withDayOfMonth(1).toInstant();
			case LAST_7_DAYS -> now.minus(Duration.ofDays(7));
			case LAST_30_DAYS -> now.minus(Duration.ofDays(30));
		};
	}

	/** The name callers use, e.g. {@code 7d}. */
	public String label() {
		return switch (this) {
			case TODAY -> "today";
			case WEEK -> "week";
			case MONTH -> "month";
			case LAST_7_DAYS -> "7d";
			case LAST_30_DAYS -> "30d";
		};
	}

}
