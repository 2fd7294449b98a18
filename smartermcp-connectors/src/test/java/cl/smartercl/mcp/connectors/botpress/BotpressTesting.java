package cl.smartercl.mcp.connectors.botpress;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import cl.smartercl.mcp.connectors.config.BackendsConfig;
import cl.smartercl.mcp.connectors.config.BackendsConfig.Botpress.Flavour;
import cl.smartercl.mcp.connectors.config.Secret;
import cl.smartercl.mcp.testsupport.botpress.BotpressDouble;
import cl.smartercl.mcp.testsupport.botpress.BotpressSeed;

/** Builds connectors of either flavour against a {@link BotpressDouble}. */
final class BotpressTesting {

	private BotpressTesting() {
	}

	/** Generous: a cold client's first call on a busy machine may take seconds. */
	static BotpressOptions options(Clock clock) {
		return options(clock, Duration.ofSeconds(20));
	}

	static BotpressOptions options(Clock clock, Duration apiTimeout) {
		return new BotpressOptions(Duration.ofSeconds(5), apiTimeout, Duration.ofSeconds(30), 10, clock);
	}

	static BackendsConfig.Botpress cloud(String url, String token) {
		return new BackendsConfig.Botpress(Flavour.CLOUD, URI.create(url), BotpressSeed.CLOUD_WORKSPACE,
				Secret.of(token));
	}

	static BackendsConfig.Botpress v12(String url, String password, Path archives) {
		return new BackendsConfig.Botpress(Flavour.V12, URI.create(url), BotpressSeed.V12_WORKSPACE, null,
				BotpressSeed.V12_EMAIL, Secret.of(password), archives);
	}

	static BotpressConnector connector(BackendsConfig.Botpress config, Clock clock) {
		return connector(config, clock, options(clock));
	}

	static BotpressConnector connector(BackendsConfig.Botpress config, Clock clock, BotpressOptions options) {
		return new BotpressConnector(BotpressConnectorProvider.api("t1", config, options), options);
	}

	static BotpressProbe probe(BackendsConfig.Botpress config) {
		return new BotpressProbe(BotpressConnectorProvider.api("t1", config, options(Clock.systemUTC())));
	}

}
