package cl.smartercl.mcp.connectors.prometheus;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cl.smartercl.mcp.connectors.config.BackendsConfig;
import cl.smartercl.mcp.connectors.config.TenantConfig;
import cl.smartercl.mcp.connectors.docker.DockerConnectorProvider;
import cl.smartercl.mcp.connectors.ports.TenantPorts;
import cl.smartercl.mcp.core.health.ProbeResult;
import cl.smartercl.mcp.core.tools.infrastructure.InfraMetrics;
import cl.smartercl.mcp.core.tools.infrastructure.InfraMetrics.Metric;
import cl.smartercl.mcp.core.tools.infrastructure.InfrastructurePort;
import cl.smartercl.mcp.core.tools.services.HealthStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * infra_metrics from a real Prometheus that scrapes a real node exporter on 127.0.0.1.
 */
class PrometheusMetricsIT {

	private static final Duration BLOCK = Duration.ofSeconds(60);

	private static PrometheusPeer peer;

	private static PrometheusMetrics metrics;

	@BeforeAll
	static void start() throws Exception {
		peer = PrometheusPeer.start();
		metrics = new PrometheusMetrics(peer.url, Duration.ofSeconds(10));
	}

	@AfterAll
	static void stop() {
		if (metrics != null) {
			metrics.close();
		}
		if (peer != null) {
			peer.close();
		}
	}

	@Test
	void allMetricsOfTheHostWithANoteThatHistoryIsShorterThanThePeriod() {
		InfraMetrics.Output out = metrics.metrics(new InfraMetrics.Input(Metric.ALL, "15m")).block(BLOCK);
		assertThat(out.source()).isEqualTo("prometheus");
		assertThat(out.period()).isEqualTo("15m");
		assertThat(Duration.between(out.from(), out.to())).isEqualTo(Duration.ofMinutes(15));
		String host = "host " + peer.nodeTarget;
		InfraMetrics.Series cpu = series(out, "cpu_percent", host);
		assertThat(cpu.unit()).isEqualTo("percent");
		assertThat(cpu.points()).isNotEmpty().allMatch((p) -> p.value() >= 0 && p.value() <= 100);
		assertThat(series(out, "memory_used_bytes", host).points()).isNotEmpty().allMatch((p) -> p.value() > 0);
		assertThat(series(out, "network_receive", host).unit()).isEqualTo("bytes_per_second");
		assertThat(series(out, "network_transmit", host).points()).isNotEmpty();
		assertThat(out.note()).contains("Prometheus holds data only from");
		assertThat(out.series()).allMatch((s) -> s.points()
			.stream()
			.allMatch((p) -> !p.time().isBefore(out.from().minusSeconds(1))
					&& !p.time().isAfter(out.to().plusSeconds(1))));
	}

	@Test
	void oneMetricAsksOnlyForThatMetric() {
		InfraMetrics.Output out = metrics.metrics(new InfraMetrics.Input(Metric.MEMORY, "5m")).block(BLOCK);
		assertThat(out.series()).isNotEmpty().allMatch((s) -> s.name().equals("memory_used_bytes"));
	}

	@Test
	void theDockerProviderUsesPrometheusWhenTheTenantHasOneAndRegistersItsProbe() {
		// the engine is never asked: metrics and the Prometheus probe need only
		// Prometheus
		TenantConfig tenant = new TenantConfig("prom",
				new BackendsConfig(null,
						new BackendsConfig.Docker("unix:///tmp/smartermcp-no-engine.sock", null, null, null), null,
						null, null, null, null, new BackendsConfig.Prometheus(peer.url)),
				null, null);
		try (TenantPorts ports = TenantPorts.build(tenant, List.of(new DockerConnectorProvider()))) {
			InfraMetrics.Output out = ports.find(InfrastructurePort.class)
				.orElseThrow()
				.metrics(new InfraMetrics.Input(Metric.CPU, "1h"))
				.block(BLOCK);
			assertThat(out.source()).isEqualTo("prometheus");
			assertThat(series(out, "cpu_percent", "host " + peer.nodeTarget).points()).isNotEmpty();
			ProbeResult probe = ports.probes()
				.stream()
				.filter((p) -> p.backend().equals("prometheus"))
				.findFirst()
				.orElseThrow()
				.probe()
				.block(BLOCK);
			assertThat(probe.status()).isEqualTo(HealthStatus.HEALTHY);
			assertThat(probe.version()).startsWith("2.");
		}
	}

	private static InfraMetrics.Series series(InfraMetrics.Output out, String name, String target) {
		return out.series()
			.stream()
			.filter((s) -> s.name().equals(name) && s.target().equals(target))
			.findFirst()
			.orElseThrow(() -> new AssertionError(name + " of " + target + " not in "
					+ out.series().stream().map((s) -> s.name() + "@" + s.target()).toList()));
	}

}
