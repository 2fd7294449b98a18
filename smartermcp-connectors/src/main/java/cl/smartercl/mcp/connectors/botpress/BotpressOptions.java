package cl.smartercl.mcp.connectors.botpress;

import java.time.Clock;
import java.time.Duration;

/**
 * Timeouts and bounds of one Botpress connector.
 *
 * @param connectTimeout TCP connect timeout
 * @param apiTimeout how long one API call may take
 * @param deployTimeout how long a deploy call (a v12 archive import, a reload, a Cloud
 * version deploy) may take
 * @param maxBotPages most pages of bots read to check that a bot belongs to the tenant's
 * workspace
 * @param clock the clock of periods and of the v12 login's expiry
 */
record BotpressOptions(Duration connectTimeout, Duration apiTimeout, Duration deployTimeout, int maxBotPages,
		Clock clock) {

	/**
	 * A v12 deploy is an import and a reload (each up to {@code deployTimeout}) plus a
	 * few API calls: 2 × 100 s + 3 × 30 s stays inside {@code bots_deploy}'s 5 min time
	 * limit.
	 */
	static BotpressOptions defaults() {
		return new BotpressOptions(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(100), 50,
				Clock.systemUTC());
	}

}
