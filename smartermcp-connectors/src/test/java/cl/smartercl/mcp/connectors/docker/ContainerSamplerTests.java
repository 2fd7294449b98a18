package cl.smartercl.mcp.connectors.docker;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cl.smartercl.mcp.connectors.config.BackendsConfig;
import cl.smartercl.mcp.core.tools.infrastructure.InfraMetrics;
import cl.smartercl.mcp.core.tools.infrastructure.InfraMetrics.Metric;
import cl.smartercl.mcp.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/** The own sampler against a stub whose counters grow by a known amount per reading. */
class ContainerSamplerTests {

	private static final Duration BLOCK = Duration.ofSeconds(10);

	private final AtomicInteger readings = new AtomicInteger();

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));

	private MockWebServer server;

	private DockerApi api;

	@BeforeEach
	void start() throws IOException {
		this.server = new MockWebServer();
		this.server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				if (request.getUrl().encodedPath().equals("/v1.44/containers/json")) {
					return new MockResponse.Builder().code(200)
						.body("[{\"Id\":\"aaaa1111bbbb2222\",\"Names\":[\"/n8n\"],\"State\":\"running\",\"Status\":\"Up 1 hour\"}]")
						.build();
				}
				// each reading 10 s later: +2 s of container CPU over +40 s of host CPU
				// (4 CPUs),
				// +1 MB received, +0.5 MB written; podman-like, without precpu_stats
				int n = ContainerSamplerTests.this.readings.getAndIncrement();
				String read = Instant.parse("2026-11-25T10:00:00Z").plusSeconds(10L * n).toString();
				return new MockResponse.Builder().code(200)
					.body("""
							{"read":"%s","cpu_stats":{"cpu_usage":{"total_usage":%d},"system_cpu_usage":%d,"online_cpus":4},
							 "precpu_stats":{"cpu_usage":{"total_usage":0}},
							 "memory_stats":{"usage":%d,"stats":{"inactive_file":1000},"limit":8000000000},
							 "networks":{"eth0":{"rx_bytes":%d,"tx_bytes":0}},
							 "blkio_stats":{"io_service_bytes_recursive":[{"op":"Write","value":%d}]}}
							"""
						.formatted(read, 2_000_000_000L * n, 40_000_000_000L * n, 101_000 + n, 1_000_000L * n,
								500_000L * n))
					.build();
			}
		});
		this.server.start();
		this.api = new DockerApi(DockerTransport
			.create(new BackendsConfig.Docker("tcp://127.0.0.1:" + this.server.getPort(), null, null, null), "test"),
				DockerSettings.DEFAULTS, "test");
	}

	@AfterEach
	void stop() {
		this.api.close();
		this.server.close();
	}

	@Test
	void consecutiveReadingsGiveCpuRatesAndMemoryIntoABoundedHistory() throws InterruptedException {
		ContainerSampler sampler = new ContainerSampler(this.api, Duration.ofSeconds(10), 2, this.clock);
		for (int i = 0; i < 4; i++) {
			this.clock.advance(Duration.ofSeconds(10));
			sampler.sampleOnce().block(BLOCK);
		}
		RecordedRequest list = this.server.takeRequest();
		assertThat(list.getUrl().queryParameter("all")).isEqualTo("false");
		assertThat(list.getUrl().queryParameter("filters")).isEqualTo("{\"status\":[\"running\"]}");
		assertThat(this.server.takeRequest().getTarget())
			.isEqualTo("/v1.44/containers/aaaa1111bbbb2222/stats?stream=false");

		InfraMetrics.Output out = sampler.metrics(new InfraMetrics.Input(Metric.ALL, "15m")).block(BLOCK);
		assertThat(out.source()).isEqualTo("sampler");
		InfraMetrics.Series cpu = series(out, "cpu_percent");
		assertThat(cpu.target()).isEqualTo("n8n");
		// 4 readings make 3 samples; the history holds 2: the oldest dropped out
		assertThat(cpu.points()).hasSize(2);
		// 2 s of 40 s host CPU time: 5 % of the host
		assertThat(cpu.points()).allMatch((p) -> p.value() == 5.0);
		assertThat(cpu.points().get(1).time()).isEqualTo(Instant.parse("2026-11-25T10:00:40Z"));
		assertThat(series(out, "memory_used_bytes").points().get(1).value()).isEqualTo(100_003.0);
		assertThat(series(out, "network_receive").points()).allMatch((p) -> p.value() == 100_000.0);
		assertThat(series(out, "disk_write").points()).allMatch((p) -> p.value() == 50_000.0);
		assertThat(out.note()).startsWith("History starts at 2026-11-25T10:00:30Z")
			.contains("every 10 s and keeps at most 2 samples");
	}

	@Test
	void startedTheFirstSampleIsThereWithinSecondsNotAfterAWholeInterval() throws InterruptedException {
		// an interval of an hour: only the early second reading can make a sample
		try (ContainerSampler sampler = new ContainerSampler(this.api, Duration.ofHours(1), 10, this.clock).start()) {
			long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			InfraMetrics.Output out = sampler.metrics(new InfraMetrics.Input(Metric.CPU, "1h")).block(BLOCK);
			while (out.series().isEmpty() && System.nanoTime() < deadline) {
				Thread.sleep(100);
				out = sampler.metrics(new InfraMetrics.Input(Metric.CPU, "1h")).block(BLOCK);
			}
			assertThat(out.series()).as(out.note()).hasSize(1);
			assertThat(out.series().get(0).target()).isEqualTo("n8n");
			assertThat(out.series().get(0).points()).singleElement()
				.satisfies((p) -> assertThat(p.value()).isEqualTo(5.0));
			// two readings, not one per interval
			assertThat(this.readings.get()).isEqualTo(2);
		}
	}

	@Test
	void beforeTheFirstSampleTheAnswerSaysSo() {
		ContainerSampler sampler = new ContainerSampler(this.api, Duration.ofSeconds(15), 10, this.clock);
		InfraMetrics.Output out = sampler.metrics(new InfraMetrics.Input(Metric.CPU, "1h")).block(BLOCK);
		assertThat(out.series()).isEmpty();
		assertThat(out.note()).startsWith("No samples yet");
		assertThat(this.server.getRequestCount()).isZero();
	}

	private static InfraMetrics.Series series(InfraMetrics.Output out, String name) {
		return out.series().stream().filter((s) -> s.name().equals(name)).findFirst().orElseThrow();
	}

}
