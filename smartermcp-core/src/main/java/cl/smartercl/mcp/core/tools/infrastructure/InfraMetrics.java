package cl.smartercl.mcp.core.tools.infrastructure;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import cl.smartercl.mcp.core.error.InvalidArgumentsException;

/** Contract of {@code infra_metrics}. */
public final class InfraMetrics {

	private static final Pattern PERIOD = Pattern.compile("(\\d{1,4})([mhd])");

	private InfraMetrics() {
	}

	public enum Metric {

		@JsonProperty("cpu")
		CPU,

		@JsonProperty("memory")
		MEMORY,

		@JsonProperty("network")
		NETWORK,

		@JsonProperty("disk")
		DISK,

		@JsonProperty("all")
		ALL

	}

	public record Input(@JsonProperty(
			defaultValue = "all") @JsonPropertyDescription("cpu, memory, network, disk or all; default all.") Metric metric,
			@JsonProperty(
					defaultValue = "1h") @JsonPropertyDescription("How far back, as a number and a unit m, h or d, e.g. 15m, 1h, 24h, 7d; default 1h.") String period) {

		public Input {
			metric = (metric == null) ? Metric.ALL : metric;
			period = (period == null) ? "1h" : period;
			duration(period);
		}

		/** The period as a duration. */
		public Duration periodDuration() {
			return duration(this.period);
		}

	}

	private static Duration duration(String period) {
		Matcher m = PERIOD.matcher(period);
		if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
			throw new InvalidArgumentsException("period",
					"expected a number and a unit m, h or d, such as 15m, 1h or 7d, got '" + period + "'");
		}
		long n = Long.parseLong(m.group(1));
		Duration d = switch (m.group(2)) {
			case "m" -> Duration.ofMinutes(n);
			case "h" -> Duration.ofHours(n);
			default -> Duration.ofDays(n);
		};
		if (d.compareTo(Duration.ofDays(90)) > 0) {
			throw new InvalidArgumentsException("period", "must be at most 90d, got '" + period + "'");
		}
		return d;
	}

	public record Output(Metric metric, String period,
			@JsonPropertyDescription("prometheus or sampler (the server's own container sampler).") String source,
			Instant from, Instant to, List<Series> series,
			@JsonPropertyDescription("Set when less history exists than the period asked for.") String note) {
	}

	public record Series(String name, @JsonPropertyDescription("percent, bytes or bytes_per_second.") String unit,
			@JsonPropertyDescription("What the series is about: host, or a container name.") String target,
			List<Point> points) {
	}

	public record Point(Instant time, double value) {
	}

}
