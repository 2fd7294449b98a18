package cl.smartercl.mcp.connectors.docker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import cl.smartercl.mcp.core.tools.infrastructure.InfraMetrics;

/**
 * The server's own metrics history for a tenant without Prometheus: every interval it
 * reads the stats of each running container and keeps CPU, memory, network and disk
 * figures in a bounded ring (the oldest samples drop out). Rates and CPU come from two
 * consecutive readings of the same container, which works whether or not the engine fills
 * {@code precpu_stats} (podman does not).
 */
public final class ContainerSampler implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(ContainerSampler.class);

	private static final int STATS_CONCURRENCY = 4;

	/**
	 * How soon after the first reading the second is taken: a sample needs two readings,
	 * so without it the history would stay empty for a whole interval after start.
	 */
	static final Duration FIRST_GAP = Duration.ofSeconds(2);

	private final DockerApi api;

	private final Duration interval;

	private final int capacity;

	private final Clock clock;

	private final Deque<Sample> history = new ArrayDeque<>();

	private final Map<String, StatsReading> previous = new HashMap<>();

	private final Instant startedAt;

	private volatile Disposable task;

	/** One container's figures at one time. */
	record Sample(Instant time, String container, double cpuPercent, long memoryBytes, double rxPerSecond,
			double txPerSecond, double readPerSecond, double writePerSecond) {
	}

	ContainerSampler(DockerApi api, Duration interval, int capacity, Clock clock) {
		this.api = api;
		this.interval = interval;
		this.capacity = capacity;
		this.clock = clock;
		this.startedAt = clock.instant();
	}

	/**
	 * Starts sampling in the background: the first reading at once, the second
	 * {@link #FIRST_GAP} later (so the first sample is there within seconds of start),
	 * then one every interval.
	 */
	ContainerSampler start() {
		Duration gap = (this.interval.compareTo(FIRST_GAP) < 0) ? this.interval : FIRST_GAP;
		Flux<Long> ticks = Flux.concat(Mono.just(0L),
				Flux.interval(gap, this.interval, Schedulers.parallel()).onBackpressureDrop());
		this.task = ticks.concatMap((tick) -> sampleOnce().onErrorResume((ex) -> {
			// the engine may be down for a while; the history just has a gap
			log.debug("docker sampler: no sample this round: {}", ex.toString());
			return Mono.empty();
		}), 1).subscribe();
		return this;
	}

	/**
	 * Reads every running container once and records what two consecutive readings allow.
	 */
	Mono<Void> sampleOnce() {
		return this.api.listContainers(false, Map.of("status", List.of("running")))
			.flatMapMany(Flux::fromIterable)
			.flatMap((summary) -> this.api.stats(summary.id(), summary.name())
				.onErrorResume(DockerApi.NotFound.class, (ex) -> Mono.empty()), STATS_CONCURRENCY)
			.collectList()
			.doOnNext(this::record)
			.then();
	}

	private synchronized void record(List<StatsReading> readings) {
		Instant now = this.clock.instant();
		Map<String, StatsReading> seen = new HashMap<>();
		for (StatsReading reading : readings) {
			seen.put(reading.name(), reading);
			StatsReading before = this.previous.get(reading.name());
			if (before == null || !before.read().isBefore(reading.read())) {
				continue;
			}
			Double cpu = reading.cpuPercentSince(before);
			add(new Sample(now, reading.name(), (cpu == null) ? 0 : cpu, reading.memoryUsed(),
					StatsReading.rate(before.networkRx(), reading.networkRx(), before.read(), reading.read()),
					StatsReading.rate(before.networkTx(), reading.networkTx(), before.read(), reading.read()),
					StatsReading.rate(before.diskRead(), reading.diskRead(), before.read(), reading.read()),
					StatsReading.rate(before.diskWrite(), reading.diskWrite(), before.read(), reading.read())));
		}
		// containers that stopped drop out of the "previous" map, so a restart does not
		// yield a bogus rate
		this.previous.clear();
		this.previous.putAll(seen);
	}

	private void add(Sample sample) {
		this.history.addLast(sample);
		while (this.history.size() > this.capacity) {
			this.history.removeFirst();
		}
	}

	/** The history of the period asked for, as series per container. */
	public Mono<InfraMetrics.Output> metrics(InfraMetrics.Input input) {
		return Mono.fromSupplier(() -> answer(input));
	}

	private synchronized InfraMetrics.Output answer(InfraMetrics.Input input) {
		Instant to = this.clock.instant();
		Instant from = to.minus(input.periodDuration());
		Map<String, List<Sample>> byContainer = new LinkedHashMap<>();
		Instant oldest = null;
		for (Sample s : this.history) {
			if (oldest == null) {
				oldest = s.time();
			}
			if (!s.time().isBefore(from)) {
				byContainer.computeIfAbsent(s.container(), (k) -> new ArrayList<>()).add(s);
			}
		}
		List<InfraMetrics.Series> series = new ArrayList<>();
		InfraMetrics.Metric metric = input.metric();
		byContainer.forEach((container, samples) -> {
			if (wants(metric, InfraMetrics.Metric.CPU)) {
				series.add(series("cpu_percent", "percent", container, samples, Sample::cpuPercent));
			}
			if (wants(metric, InfraMetrics.Metric.MEMORY)) {
				series.add(series("memory_used_bytes", "bytes", container, samples, (s) -> s.memoryBytes()));
			}
			if (wants(metric, InfraMetrics.Metric.NETWORK)) {
				series.add(series("network_receive", "bytes_per_second", container, samples, Sample::rxPerSecond));
				series.add(series("network_transmit", "bytes_per_second", container, samples, Sample::txPerSecond));
			}
			if (wants(metric, InfraMetrics.Metric.DISK)) {
				series.add(series("disk_read", "bytes_per_second", container, samples, Sample::readPerSecond));
				series.add(series("disk_write", "bytes_per_second", container, samples, Sample::writePerSecond));
			}
		});
		return new InfraMetrics.Output(metric, input.period(), "sampler", from, to, series, note(from, oldest));
	}

	private String note(Instant from, Instant oldest) {
		String how = "the server's own sampler reads container stats every " + this.interval.toSeconds()
				+ " s and keeps at most " + this.capacity + " samples";
		if (oldest == null) {
			return "No samples yet: " + how + " and started at " + this.startedAt + ".";
		}
		if (oldest.isAfter(from.plus(this.interval.multipliedBy(2)))) {
			return "History starts at " + oldest + ", later than the period asked for: " + how + ".";
		}
		return null;
	}

	private static boolean wants(InfraMetrics.Metric asked, InfraMetrics.Metric metric) {
		return asked == InfraMetrics.Metric.ALL || asked == metric;
	}

	private static InfraMetrics.Series series(String name, String unit, String container, List<Sample> samples,
			java.util.function.ToDoubleFunction<Sample> value) {
		List<InfraMetrics.Point> points = new ArrayList<>(samples.size());
		for (Sample s : samples) {
			points.add(new InfraMetrics.Point(s.time(), Math.round(value.applyAsDouble(s) * 1000) / 1000.0));
		}
		return new InfraMetrics.Series(name, unit, container, points);
	}

	@Override
	public void close() {
		Disposable running = this.task;
		if (running != null) {
			running.dispose();
		}
	}

}
