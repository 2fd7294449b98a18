package cl.smartercl.mcp.connectors.metabase;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import cl.smartercl.mcp.connectors.config.BackendsConfig;
import cl.smartercl.mcp.connectors.config.KpiConfig;
import cl.smartercl.mcp.connectors.config.Secret;
import cl.smartercl.mcp.core.tool.ClientChannel;
import cl.smartercl.mcp.core.tool.LogLevel;
import cl.smartercl.mcp.testsupport.metabase.MetabaseDouble;
import cl.smartercl.mcp.testsupport.metabase.MetabaseSeed;

/**
 * Connectors on the Metabase test double, for the tenants Acme and Globex, with short
 * timeouts.
 */
final class MetabaseFixture implements AutoCloseable {

	static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

	/** Short enough for the hang tests, long enough for a cold JVM on a busy machine. */
	static final MetabaseOptions FAST = new MetabaseOptions(Duration.ofSeconds(5), Duration.ofSeconds(3),
			Duration.ofSeconds(8), 100);

	final MetabaseDouble metabase;

	private final List<MetabaseApi> apis = new ArrayList<>();

	MetabaseFixture(MetabaseDouble metabase) {
		this.metabase = metabase;
	}

	MetabaseConnector acme(Map<String, KpiConfig> kpis) {
		return connector("acme", MetabaseDouble.API_KEY, MetabaseSeed.ACME_COLLECTION, MetabaseSeed.ACME_DATABASE, null,
				kpis);
	}

	MetabaseConnector globex() {
		return connector("globex", MetabaseDouble.API_KEY, MetabaseSeed.GLOBEX_COLLECTION, MetabaseSeed.GLOBEX_DATABASE,
				null, Map.of());
	}

	MetabaseConnector connector(String tenant, String key, Long collection, Long database, Long maxCsv,
			Map<String, KpiConfig> kpis) {
		MetabaseApi api = api(tenant, key);
		BackendsConfig.Metabase config = new BackendsConfig.Metabase(this.metabase.url(), Secret.of(key), collection,
				database, maxCsv);
		return new MetabaseConnector(api, config, kpis, FAST, Clock.fixed(NOW, ZoneOffset.UTC));
	}

	MetabaseApi api(String tenant, String key) {
		MetabaseApi api = new MetabaseApi(tenant, this.metabase.url(), Secret.of(key), FAST);
		this.apis.add(api);
		return api;
	}

	@Override
	public void close() {
		this.apis.forEach(MetabaseApi::close);
	}

	/**
	 * A client whose model answers with the scripted text, and which remembers what it
	 * was asked.
	 */
	static final class ScriptedModel implements ClientChannel {

		final List<String> asked = new ArrayList<>();

		private final String answer;

		ScriptedModel(String answer) {
			this.answer = answer;
		}

		@Override
		public Mono<Void> progress(double progress, Double total, String message) {
			return Mono.empty();
		}

		@Override
		public Mono<Void> log(LogLevel level, String logger, String message) {
			return Mono.empty();
		}

		@Override
		public boolean canSample() {
			return true;
		}

		@Override
		public Mono<String> sample(String systemPrompt, String userMessage, int maxTokens) {
			this.asked.add(userMessage);
			return Mono.just(this.answer);
		}

	}

}
