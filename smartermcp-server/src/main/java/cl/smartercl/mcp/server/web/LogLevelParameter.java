package cl.smartercl.mcp.server.web;

import java.util.Locale;

import cl.smartercl.mcp.core.error.InvalidArgumentsException;
import cl.smartercl.mcp.core.schema.ClientText;
import cl.smartercl.mcp.core.tool.LogLevel;

/**
 * The {@code log_level} query parameter of a REST tool call: the lowest level of the log
 * lines its event stream carries. One of the eight RFC 5424 levels in any case;
 * {@code info} when absent, which is what the stream sent before callers could choose. A
 * JSON answer has no log lines, so there it changes nothing, but a value that is no level
 * is refused all the same.
 */
final class LogLevelParameter {

	/** The parameter's name, as the OpenAPI document spells it. */
	static final String NAME = "log_level";

	/** The level of a call that does not say. */
	static final LogLevel DEFAULT = LogLevel.INFO;

	private LogLevelParameter() {
	}

	/**
	 * The level the value names.
	 * @param value the parameter as sent, {@code null} when absent
	 * @throws InvalidArgumentsException naming the parameter and the levels, when the
	 * value is no level (an empty value included)
	 */
	static LogLevel parse(String value) {
		if (value == null) {
			return DEFAULT;
		}
		LogLevel level = LogLevel.of(value.toLowerCase(Locale.ROOT));
		if (level == null) {
			throw new InvalidArgumentsException(NAME,
					"must be one of " + String.join(", ", LogLevel.spellings())
							+ " (the lowest level of the log lines to send; case does not matter), got '"
							+ ClientText.sanitize(value) + "'");
		}
		return level;
	}

}
