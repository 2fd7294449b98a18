package cl.smartercl.mcp.core.tools.bots;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import cl.smartercl.mcp.core.error.InvalidArgumentsException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BotsContractTests {

	private static final Instant NOW = Instant.parse("2026-05-20T10:30:00Z"); // a
																				// Wednesday

	@Test
	void namedPeriodsStartInUtc() {
		assertThat(BotsPeriod.TODAY.since(NOW)).isEqualTo(Instant.parse("2026-05-20T00:00:00Z"));
		assertThat(BotsPeriod.WEEK.since(NOW)).isEqualTo(Instant.parse("2026-05-18T00:00:00Z"));
		assertThat(BotsPeriod.MONTH.since(NOW)).isEqualTo(Instant.parse("2026-05-01T00:00:00Z"));
		assertThat(BotsPeriod.LAST_7_DAYS.since(NOW)).isEqualTo(Instant.parse("2026-05-13T10:30:00Z"));
		assertThat(BotsPeriod.LAST_30_DAYS.since(NOW)).isEqualTo(Instant.parse("2026-04-20T10:30:00Z"));
	}

	@Test
	void analyticsTakeAPeriodOrFromAndToNeverBoth() {
		assertThat(new BotsAnalytics.Input("b", null, null, null).period()).isEqualTo(BotsPeriod.WEEK);
		assertThat(new BotsAnalytics.Input("b", null, NOW.minusSeconds(60), NOW).period()).isNull();
		assertThatThrownBy(() -> new BotsAnalytics.Input("b", null, NOW, null))
			.isInstanceOf(InvalidArgumentsException.class)
			.hasMessageContaining("'to'");
		assertThatThrownBy(() -> new BotsAnalytics.Input("b", BotsPeriod.TODAY, NOW.minusSeconds(60), NOW))
			.isInstanceOf(InvalidArgumentsException.class)
			.hasMessageContaining("'period'");
		assertThatThrownBy(() -> new BotsAnalytics.Input("b", null, NOW, NOW.minusSeconds(1)))
			.isInstanceOf(InvalidArgumentsException.class)
			.hasMessageContaining("after from");
		assertThatThrownBy(() -> new BotsAnalytics.Input("b", null, NOW.minusSeconds(367L * 86400), NOW))
			.isInstanceOf(InvalidArgumentsException.class)
			.hasMessageContaining("366 days");
	}

	@Test
	void conversationsBoundTheLimitAndTheLastMessages() {
		BotsConversations.Input defaults = new BotsConversations.Input("b", null, null, null);
		assertThat(defaults.limit()).isEqualTo(20);
		assertThat(defaults.lastMessages()).isZero();
		assertThatThrownBy(() -> new BotsConversations.Input("b", 201, null, null)).hasMessageContaining("'limit'");
		assertThatThrownBy(() -> new BotsConversations.Input("b", 5, null, 21)).hasMessageContaining("'last_messages'");
	}

	@Test
	void deployIsAWriteWithItsOwnTimeLimitAndForceDefaultsToFalse() {
		assertThat(BotsTools.BOTS_DEPLOY.isWrite()).isTrue();
		assertThat(BotsTools.BOTS_DEPLOY.timeLimit()).isEqualTo(BotsTools.DEPLOY_TIME_LIMIT);
		assertThat(new BotsDeploy.Input("b", null, null).force()).isFalse();
	}

}
