package cl.smartercl.mcp.core.tool;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The eight levels: their order, their spelling and reading it back. */
class LogLevelTests {

	@Test
	void theLevelsAreRfc5424sFromTheLeastSevere() {
		assertThat(Arrays.stream(LogLevel.values()).map(LogLevel::spelling)).containsExactly("debug", "info", "notice",
				"warning", "error", "critical", "alert", "emergency");
		assertThat(LogLevel.spellings()).containsExactly("debug", "info", "notice", "warning", "error", "critical",
				"alert", "emergency");
	}

	@Test
	void aLevelReachesItselfAndTheLevelsBelow() {
		assertThat(LogLevel.ERROR.reaches(LogLevel.INFO)).isTrue();
		assertThat(LogLevel.INFO.reaches(LogLevel.INFO)).isTrue();
		assertThat(LogLevel.DEBUG.reaches(LogLevel.INFO)).isFalse();
		assertThat(LogLevel.NOTICE.reaches(LogLevel.WARNING)).isFalse();
		assertThat(LogLevel.EMERGENCY.reaches(LogLevel.DEBUG)).isTrue();
	}

	@Test
	void onlyTheExactSpellingIsALevel() {
		for (LogLevel level : LogLevel.values()) {
			assertThat(LogLevel.of(level.spelling())).isEqualTo(level);
		}
		assertThat(LogLevel.of("INFO")).isNull();
		assertThat(LogLevel.of("warn")).isNull();
		assertThat(LogLevel.of("")).isNull();
		assertThat(LogLevel.of(null)).isNull();
	}

}
