package cl.smartercl.mcp.connectors.prometheus;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import cl.smartercl.mcp.core.health.BackendProbe;
import cl.smartercl.mcp.core.health.ProbeResult;
import cl.smartercl.mcp.core.tools.infrastructure.InfraMetrics;
import cl.smartercl.mcp.core.tools.infrastructure.InfraMetrics.Metric;
import cl.smartercl.mcp.core.tools.services.HealthStatus;

/**
 * {@code infra_metrics} from a tenant's Prometheus: range queries over the host series of
 * node_exporter and the container series of cAdvisor, whichever Prometheus has. Names and
 * units match the own sampler's, so a caller reads both the same way.
 */
public final class PrometheusMetrics implements AutoCloseable {

	/** About this many points per series, whatever the period. */
	private static final int POINTS = 120;

	/**
	 * A rate window must hold at least two scrapes; one minute covers the common 15 s
	 * interval four times over (Grafana's $__rate_interval reasoning), and it grows with
	 * the step so no sample is skipped between points.
	 */
	private static final Duration MIN_RATE_WINDOW = Duration.ofMinutes(1);

	private static final String NOT_VIRTUAL_FS = "fstype!~\"tmpfs|overlay|squashfs|ramfs\"";

	/** What each metric asks; {@code %s} is the rate window. */
	private static final List<Query> QUERIES = List.of(
			new Query(Metric.CPU, "cpu_percent", "percent",
					"100 * (1 - avg by (instance) (rate(node_cpu_seconds_total{mode=\"idle\"}[%s])))", "instance"),
			new Query(Metric.CPU, "cpu_percent", "percent",
					"100 * sum by (name) (rate(container_cpu_usage_seconds_total{name!=\"\"}[%s])) / scalar(sum(machine_cpu_cores))",
					"name"),
			new Query(Metric.MEMORY, "memory_used_bytes", "bytes",
					"sum by (instance) (node_memory_MemTotal_bytes - node_memory_MemAvailable_bytes)", "instance"),
			new Query(Metric.MEMORY, "memory_used_bytes", "bytes",
					"sum by (name) (container_memory_working_set_bytes{name!=\"\"})", "name"),
			new Query(Metric.NETWORK, "network_receive", "bytes_per_second",
					"sum by (instance) (rate(node_network_receive_bytes_total{device!=\"lo\"}[%s]))", "instance"),
			new Query(Metric.NETWORK, "network_transmit", "bytes_per_second",
					"sum by (instance) (rate(node_network_transmit_bytes_total{device!=\"lo\"}[%s]))", "instance"),
			new Query(Metric.NETWORK, "network_receive", "bytes_per_second",
					"sum by (name) (rate(container_network_receive_bytes_total{name!=\"\"}[%s]))", "name"),
			new Query(Metric.NETWORK, "network_transmit", "bytes_per_second",
					"sum by (name) (rate(container_network_transmit_bytes_total{name!=\"\"}[%s]))", "name"),
			new Query(Metric.DISK, "disk_read", "bytes_per_second",
					"sum by (instance) (rate(node_disk_read_bytes_total[%s]))", "instance"),
			new Query(Metric.DISK, "disk_write", "bytes_per_second",
					"sum by (instance) (rate(node_disk_written_bytes_total[%s]))", "instance"),
			new Query(Metric.DISK, "disk_used_bytes", "bytes",
					"sum by (instance) (node_filesystem_size_bytes{" + NOT_VIRTUAL_FS
							+ "} - node_filesystem_avail_bytes{" + NOT_VIRTUAL_FS + "})",
					"instance"),
			new Query(Metric.DISK, "disk_read", "bytes_per_second",
					"sum by (name) (rate(container_fs_reads_bytes_total{name!=\"\"}[%s]))", "name"),
			new Query(Metric.DISK, "disk_write", "bytes_per_second",
					"sum by (name) (rate(container_fs_writes_bytes_total{name!=\"\"}[%s]))", "name"));

	private final PrometheusApi api;

	private final Clock clock;

	record Query(Metric metric, String name, String unit, String promql, String targetLabel) {

		String render(Duration window) {
			return this.promql.contains("%s") ? String.format(this.promql, window.toSeconds() + "s") : this.promql;
		}

	}

	public PrometheusMetrics(URI url, Duration timeout) {
		this(new PrometheusApi(url, timeout), Clock.systemUTC());
	}

	PrometheusMetrics(PrometheusApi api, Clock clock) {
		this.api = api;
		this.clock = clock;
	}

	public Mono<InfraMetrics.Output> metrics(InfraMetrics.Input input) {
		Instant to = this.clock.instant();
		Duration period = input.periodDuration();
		Instant from = to.minus(period);
		Duration step = step(period);
		// Prometheus evaluates at start, start + step, ...: starting a whole number of
		// steps before
		// now puts the last point at now, not up to a step earlier
		Instant first = to.minus(step.multipliedBy(period.toSeconds() / step.toSeconds()));
		Duration window = step.multipliedBy(2).compareTo(MIN_RATE_WINDOW) > 0 ? step.multipliedBy(2) : MIN_RATE_WINDOW;
		List<Query> queries = QUERIES.stream()
			.filter((q) -> input.metric() == Metric.ALL || q.metric() == input.metric())
			.toList();
		return Flux.fromIterable(queries)
			.flatMapSequential((q) -> this.api.queryRange(q.render(window), first, to, step)
				.flatMapIterable((data) -> series(q, data)), 4)
			.collectList()
			.map((series) -> new InfraMetrics.Output(input.metric(), input.period(), "prometheus", from, to, series,
					note(series, from, step, input.metric())));
	}

	/** A live check: the build info answers. */
	public BackendProbe probe() {
		return new BackendProbe() {
			@Override
			public String backend() {
				return PrometheusApi.SERVICE;
			}

			@Override
			public Mono<ProbeResult> probe() {
				return Mono.defer(() -> {
					long started = System.nanoTime();
					return PrometheusMetrics.this.api.buildInfo()
						.map((info) -> new ProbeResult(HealthStatus.HEALTHY, millis(started),
								info.path("version").asString(null), "GET /api/v1/status/buildinfo answered"))
						.onErrorResume((ex) -> Mono
							.just(new ProbeResult(HealthStatus.UNHEALTHY, millis(started), null, ex.getMessage())));
				});
			}
		};
	}

	static Duration step(Duration period) {
		long seconds = (period.toSeconds() + POINTS - 1) / POINTS;
		return Duration.ofSeconds(Math.max(1, seconds));
	}

	private static List<InfraMetrics.Series> series(Query q, JsonNode data) {
		List<InfraMetrics.Series> out = new ArrayList<>();
		for (JsonNode result : data.path("result").values()) {
			List<InfraMetrics.Point> points = new ArrayList<>();
			for (JsonNode pair : result.path("values").values()) {
				double value;
				try {
					value = Double.parseDouble(pair.path(1).asString(""));
				}
				catch (NumberFormatException ex) {
					continue;
				}
				if (Double.isFinite(value)) {
					Instant time = Instant.ofEpochMilli(Math.round(pair.path(0).asDouble() * 1000));
					points.add(new InfraMetrics.Point(time, Math.round(value * 1000) / 1000.0));
				}
			}
			String label = result.path("metric").path(q.targetLabel()).asString("");
			String target = "instance".equals(q.targetLabel()) ? (label.isEmpty() ? "host" : "host " + label) : label;
			out.add(new InfraMetrics.Series(q.name(), q.unit(), target, points));
		}
		return out;
	}

	private static String note(List<InfraMetrics.Series> series, Instant from, Duration step, Metric metric) {
		if (series.isEmpty()) {
			return "Prometheus has no series for " + metric.name().toLowerCase()
					+ ": it needs node_exporter (host) or cAdvisor (containers) among its targets.";
		}
		Instant earliest = series.stream()
			.flatMap((s) -> s.points().stream())
			.map(InfraMetrics.Point::time)
			.min(Instant::compareTo)
			.orElse(null);
		if (earliest == null) {
			return "Prometheus has these series but no values in the period asked for.";
		}
		if (earliest.isAfter(from.plus(step.multipliedBy(2)))) {
			return "Prometheus holds data only from " + earliest + ", later than the start of the period asked for ("
					+ from + ").";
		}
		return null;
	}

	private static long millis(long started) {
		return Duration.ofNanos(System.nanoTime() - started).toMillis();
	}

	@Override
	public void close() {
		this.api.close();
	}

}
