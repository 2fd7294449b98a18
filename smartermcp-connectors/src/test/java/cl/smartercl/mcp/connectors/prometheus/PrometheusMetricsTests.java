package cl.smartercl.mcp.connectors.prometheus;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cl.smartercl.mcp.core.error.BackendException;
import cl.smartercl.mcp.core.tools.infrastructure.InfraMetrics;
import cl.smartercl.mcp.core.tools.infrastructure.InfraMetrics.Metric;
import cl.smartercl.mcp.testsupport.TestFixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Range queries against a local stub: the query sent, and the series made of the matrix.
 */
class PrometheusMetricsTests {

	private static final Duration BLOCK = Duration.ofSeconds(10);

	private static final Instant NOW = Instant.parse("2026-11-25T10:31:30Z");

	private MockWebServer server;

	private PrometheusMetrics metrics;

	@BeforeEach
	void start() throws IOException {
		this.server = new MockWebServer();
		this.server.start();
		this.metrics = new PrometheusMetrics(
				new PrometheusApi(URI.create("http://127.0.0.1:" + this.server.getPort() + "/prom/"),
						Duration.ofSeconds(5)),
				Clock.fixed(NOW, ZoneOffset.UTC));
	}

	@AfterEach
	void stop() {
		this.metrics.close();
		this.server.close();
	}

	@Test
	void cpuSendsOneRangeQueryPerSourceWithStartEndAndStep() throws Exception {
		// the queries run in parallel: answers go by what was asked, not by arrival
		this.server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				return json(request.getUrl().queryParameter("query").contains("node_cpu_seconds_total")
						? "query-range-node-cpu.json" : "query-range-empty.json");
			}
		});
		InfraMetrics.Output out = this.metrics.metrics(new InfraMetrics.Input(Metric.CPU, "1h")).block(BLOCK);
		assertThat(this.server.getRequestCount()).isEqualTo(2);
		List<RecordedRequest> requests = List.of(this.server.takeRequest(), this.server.takeRequest());
		assertThat(requests).allSatisfy((r) -> {
			assertThat(r.getMethod()).isEqualTo("GET");
			assertThat(r.getUrl().encodedPath()).isEqualTo("/prom/api/v1/query_range");
			assertThat(r.getUrl().queryParameter("start")).isEqualTo(String.valueOf(NOW.getEpochSecond() - 3600));
			assertThat(r.getUrl().queryParameter("end")).isEqualTo(String.valueOf(NOW.getEpochSecond()));
			// 1 h in about 120 points
			assertThat(r.getUrl().queryParameter("step")).isEqualTo("30s");
		});
		assertThat(requests).extracting((r) -> r.getUrl().queryParameter("query"))
			.containsExactlyInAnyOrder(
					"100 * (1 - avg by (instance) (rate(node_cpu_seconds_total{mode=\"idle\"}[60s])))",
					"100 * sum by (name) (rate(container_cpu_usage_seconds_total{name!=\"\"}[60s])) / scalar(sum(machine_cpu_cores))");

		assertThat(out.source()).isEqualTo("prometheus");
		assertThat(out.from()).isEqualTo(NOW.minusSeconds(3600));
		assertThat(out.series()).hasSize(2);
		InfraMetrics.Series first = out.series().get(0);
		assertThat(first.name()).isEqualTo("cpu_percent");
		assertThat(first.unit()).isEqualTo("percent");
		assertThat(first.target()).isEqualTo("host 10.0.0.5:9100");
		// NaN is no measurement: dropped, not shown as 0
		assertThat(first.points()).containsExactly(new InfraMetrics.Point(Instant.ofEpochSecond(1795601400), 12.5),
				new InfraMetrics.Point(Instant.ofEpochSecond(1795601430), 14.25),
				new InfraMetrics.Point(Instant.ofEpochSecond(1795601490), 13.0));
		assertThat(out.series().get(1).points().get(0).time()).isEqualTo(Instant.ofEpochMilli(1795601460500L));
		// the fixture's data starts at 10:10, well after 09:31
		assertThat(out.note()).startsWith("Prometheus holds data only from 2026-11-25T10:10:00Z");
	}

	@Test
	void longPeriodsGetLongerStepsAndRateWindows() throws Exception {
		for (int i = 0; i < 13; i++) {
			this.server.enqueue(json("query-range-empty.json"));
		}
		InfraMetrics.Output out = this.metrics.metrics(new InfraMetrics.Input(Metric.ALL, "7d")).block(BLOCK);
		// the range queries run in parallel, so they arrive in any order
		java.util.List<RecordedRequest> requests = new java.util.ArrayList<>();
		for (int i = 0; i < 13; i++) {
			requests.add(this.server.takeRequest());
		}
		assertThat(requests).allSatisfy((r) -> assertThat(r.getUrl().queryParameter("step")).isEqualTo("5040s"));
		assertThat(requests).anySatisfy((r) -> assertThat(r.getUrl().queryParameter("query")).contains("[10080s]"));
		assertThat(this.server.getRequestCount()).isEqualTo(13);
		assertThat(out.series()).isEmpty();
		assertThat(out.note()).contains("no series for all").contains("node_exporter").contains("cAdvisor");
	}

	@Test
	void aPrometheusErrorIsSanitised() {
		this.server.enqueue(new MockResponse.Builder().code(400)
			.setHeader("Content-Type", "application/json")
			.body(read("query-range-bad-data.json"))
			.build());
		this.server.enqueue(json("query-range-empty.json"));
		assertThatThrownBy(() -> this.metrics.metrics(new InfraMetrics.Input(Metric.CPU, "1h")).block(BLOCK))
			.isInstanceOf(BackendException.class)
			.hasMessageStartingWith(
					"Service 'prometheus' reported an error: range query failed (HTTP 400, bad_data): invalid parameter")
			.hasMessageContaining("auth=****")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("topsecret"));
	}

	private static MockResponse json(String fixture) {
		return new MockResponse.Builder().code(200)
			.setHeader("Content-Type", "application/json")
			.body(read(fixture))
			.build();
	}

	private static String read(String fixture) {
		return TestFixtures.read("prometheus/" + fixture);
	}

}
