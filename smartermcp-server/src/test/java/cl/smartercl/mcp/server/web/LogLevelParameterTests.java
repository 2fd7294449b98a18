package cl.smartercl.mcp.server.web;

import org.junit.jupiter.api.Test;

import cl.smartercl.mcp.core.error.InvalidArgumentsException;
import cl.smartercl.mcp.core.tool.LogLevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code ?log_level=}: the eight levels in any case, {@code info} when absent, anything
 * else refused naming the parameter and the levels.
 */
class LogLevelParameterTests {

	@Test
	void absentIsInfo() {
		assertThat(LogLevelParameter.parse(null)).isEqualTo(LogLevel.INFO);
	}

	@Test
	void everyLevelInAnyCase() {
		for (LogLevel level : LogLevel.values()) {
			assertThat(LogLevelParameter.parse(level.spelling())).isEqualTo(level);
			assertThat(LogLevelParameter.parse(level.spelling().toUpperCase())).isEqualTo(level);
		}
		assertThat(LogLevelParameter.parse("Notice")).isEqualTo(LogLevel.NOTICE);
	}

	@Test
	void anythingElseIsRefusedNamingTheParameterAndTheLevels() {
		for (String wrong : new String[] { "bogus", "", "warn", " info", "5" }) {
			InvalidArgumentsException refused = catchThrowableOfType(InvalidArgumentsException.class,
					() -> LogLevelParameter.parse(wrong));
			assertThat(refused).as("'%s'", wrong).isNotNull();
			assertThat(refused.argument()).isEqualTo("log_level");
			assertThat(refused.status()).isEqualTo(400);
			assertThat(refused.getMessage()).isEqualTo("Invalid argument 'log_level': must be one of debug, info, "
					+ "notice, warning, error, critical, alert, emergency (the lowest level of the log lines to send; "
					+ "case does not matter), got '" + wrong + "'");
		}
	}

}
