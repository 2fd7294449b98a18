package cl.smartercl.mcp.connectors.metabase;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cl.smartercl.mcp.connectors.config.BackendsConfig;
import cl.smartercl.mcp.connectors.config.KpiConfig;
import cl.smartercl.mcp.connectors.config.Secret;
import cl.smartercl.mcp.connectors.config.TenantConfig;
import cl.smartercl.mcp.connectors.ports.Connectors;
import cl.smartercl.mcp.connectors.ports.TenantPorts;
import cl.smartercl.mcp.core.error.BackendException;
import cl.smartercl.mcp.core.error.ServiceUnavailableException;
import cl.smartercl.mcp.core.health.ProbeResult;
import cl.smartercl.mcp.core.tool.ClientChannel;
import cl.smartercl.mcp.core.tools.analytics.AnalyticsDashboards;
import cl.smartercl.mcp.core.tools.analytics.AnalyticsKpis;
import cl.smartercl.mcp.core.tools.analytics.AnalyticsPort;
import cl.smartercl.mcp.core.tools.analytics.AnalyticsReports;
import cl.smartercl.mcp.core.tools.services.HealthStatus;
import cl.smartercl.mcp.testsupport.metabase.MetabaseDouble;
import cl.smartercl.mcp.testsupport.metabase.MetabaseSeed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetabaseFailuresTests extends MetabaseTestSupport {

	@AfterEach
	void healMetabase() {
		metabase.hang(false);
		metabase.garbage(false);
		metabase.failQueriesBeforeStreaming(0);
		metabase.cutExports(false);
	}

	@Test
	void aBadKeyIsReportedWithMetabasesPlainTextAndNeverShown() {
		MetabaseConnector bad = this.fixture.connector("acme", "mb_wrong_key_123456", 10L, 1L, null, Map.of());
		assertThatThrownBy(() -> bad.dashboards(new AnalyticsDashboards.Input()).block())
			.isInstanceOf(BackendException.class)
			.hasMessageContaining("rejected the API key")
			.hasMessageContaining("HTTP 401: Unauthenticated")
			.hasMessageNotContaining("mb_wrong_key_123456");
	}

	@Test
	void aKeyWithoutPermissionsGets403InItsOwnWords() {
		MetabaseConnector limited = this.fixture.connector("acme", MetabaseDouble.LIMITED_KEY, 10L, 1L, null, Map.of());
		assertThatThrownBy(
				() -> limited.report(new AnalyticsReports.Input("6", null, null), ClientChannel.NONE).block())
			.isInstanceOf(BackendException.class)
			.hasMessageContaining("may not read question 6")
			.hasMessageContaining("HTTP 403: You don't have permissions to do that.");
	}

	@Test
	void aHangingMetabaseIsNoAnswerWithinTheTimeout() {
		metabase.hang(true);
		assertThatThrownBy(() -> this.fixture.acme(Map.of()).dashboards(new AnalyticsDashboards.Input()).block())
			.isInstanceOf(ServiceUnavailableException.class)
			.hasMessageContaining("no answer within 3 s");
		AnalyticsKpis.Output kpis = this.fixture.acme(Map.of("revenue_mtd", KpiConfig.of(1)))
			.kpis(new AnalyticsKpis.Input(List.of()))
			.block();
		assertThat(kpis.kpis().get(0).error()).contains("no answer within 3 s");
	}

	@Test
	void garbageIsSaidToBeNotJson() {
		metabase.garbage(true);
		assertThatThrownBy(() -> this.fixture.acme(Map.of())
			.report(new AnalyticsReports.Input("6", null, null), ClientChannel.NONE)
			.block()).isInstanceOf(BackendException.class)
			.hasMessageContaining("answered something that is not valid JSON");
	}

	@Test
	void aQueryFailingBeforeStreamingCarriesItsRealStatus() {
		metabase.failQueriesBeforeStreaming(400);
		assertThatThrownBy(() -> this.fixture.acme(Map.of())
			.report(new AnalyticsReports.Input("6", null, null), ClientChannel.NONE)
			.block()).isInstanceOf(BackendException.class)
			.hasMessageContaining("could not run question 6 (HTTP 400: Query failed before it started)");
	}

	@Test
	void aDownloadCutShortIsAnIncompleteAnswerNotAShortFile() {
		metabase.cutExports(true);
		assertThatThrownBy(() -> this.fixture.acme(Map.of())
			.report(new AnalyticsReports.Input("9", AnalyticsReports.Format.CSV, null), ClientChannel.NONE)
			.block()).isInstanceOf(ServiceUnavailableException.class)
			.hasMessageContaining("incomplete answer: Metabase at 127.0.0.1:");
	}

	@Test
	void aClosedPortCannotBeConnectedTo() throws Exception {
		// a port bound but not listening refuses connections, and nobody else can take it
		// meanwhile
		try (Socket reserved = new Socket()) {
			reserved.bind(new InetSocketAddress("127.0.0.1", 0));
			int port = reserved.getLocalPort();
			refused(port);
		}
	}

	private static void refused(int port) {
		// generous timeouts: only the refusal may end this call
		MetabaseApi api = new MetabaseApi("gone", URI.create("http://127.0.0.1:" + port), Secret.of("k"),
				new MetabaseOptions(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(60), 10));
		try {
			assertThatThrownBy(() -> api.card(1).block()).isInstanceOf(ServiceUnavailableException.class)
				.hasMessageContaining("cannot connect to Metabase at 127.0.0.1:" + port);
		}
		finally {
			api.close();
		}
	}

	@Test
	void theProbeCallsUserCurrentWithTheKey() {
		ProbeResult healthy = new MetabaseProbe(this.fixture.api("acme", MetabaseDouble.API_KEY)).probe().block();
		assertThat(healthy.status()).isEqualTo(HealthStatus.HEALTHY);
		MetabaseDouble.Request probe = metabase.requests().get(0);
		assertThat(probe.method() + " " + probe.path()).isEqualTo("GET /api/user/current");
		assertThat(probe.apiKey()).isEqualTo(MetabaseDouble.API_KEY);
		ProbeResult rejected = new MetabaseProbe(this.fixture.api("acme", "mb_nope_0000")).probe().block();
		assertThat(rejected.status()).isEqualTo(HealthStatus.UNHEALTHY);
		assertThat(rejected.detail()).contains("HTTP 401: Unauthenticated (API key rejected)");
		metabase.hang(true);
		ProbeResult hanging = new MetabaseProbe(this.fixture.api("acme", MetabaseDouble.API_KEY)).probe().block();
		assertThat(hanging.status()).isEqualTo(HealthStatus.UNHEALTHY);
		assertThat(hanging.detail()).contains("no answer within 3 s");
	}

	@Test
	void theProviderGivesTheAnalyticsPortAndProbeOnlyToATenantWithMetabase() {
		BackendsConfig backends = new BackendsConfig(null, null, null, null, null, null,
				new BackendsConfig.Metabase(metabase.url(), Secret.of(MetabaseDouble.API_KEY),
						MetabaseSeed.ACME_COLLECTION, MetabaseSeed.ACME_DATABASE, null),
				null);
		try (TenantPorts ports = TenantPorts.build(new TenantConfig("acme", backends, null, null),
				Connectors.providers());
				TenantPorts none = TenantPorts.build(TenantConfig.empty("other"), Connectors.providers())) {
			assertThat(ports.find(AnalyticsPort.class)).containsInstanceOf(MetabaseConnector.class);
			assertThat(ports.probes()).extracting((p) -> p.backend()).contains("metabase");
			assertThat(none.find(AnalyticsPort.class)).isEmpty();
		}
	}

}
