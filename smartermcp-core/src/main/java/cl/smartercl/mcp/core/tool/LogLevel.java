package cl.smartercl.mcp.core.tool;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The severity of a line a tool sends back to its caller: the eight levels of RFC 5424
 * (syslog), which MCP's log messages use, from the least to the most severe. A channel
 * sends a line only when its level {@link #reaches reaches} the caller's threshold.
 */
public enum LogLevel {

	/** Detail for following a run step by step. */
	DEBUG,

	/** Normal output: a step done, a line of a followed log. */
	INFO,

	/** Normal but significant. */
	NOTICE,

	/** Something went wrong and was worked around, or needs a look. */
	WARNING,

	/** A step failed. */
	ERROR,

	/** A critical condition. */
	CRITICAL,

	/** Action must be taken at once. */
	ALERT,

	/** The system is unusable. */
	EMERGENCY;

	/**
	 * The level's name as MCP and syslog spell it: lower case ({@code debug},
	 * {@code warning}, …).
	 */
	public String spelling() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Every level's {@link #spelling spelling}, from the least to the most severe: what a
	 * caller may ask for, as errors and the OpenAPI document list it.
	 */
	public static List<String> spellings() {
		return Arrays.stream(values()).map(LogLevel::spelling).toList();
	}

	/**
	 * The level spelled exactly so (lower case), or {@code null} when that is no level.
	 */
	public static LogLevel of(String spelling) {
		for (LogLevel level : values()) {
			if (level.spelling().equals(spelling)) {
				return level;
			}
		}
		return null;
	}

	/**
	 * Whether a line of this level is to be sent to a caller asking for this threshold.
	 */
	public boolean reaches(LogLevel threshold) {
		return compareTo(threshold) >= 0;
	}

}
