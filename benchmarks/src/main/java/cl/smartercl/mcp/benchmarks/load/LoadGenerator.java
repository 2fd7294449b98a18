package cl.smartercl.mcp.benchmarks.load;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Closed-model runs (N callers, each sending its next call when the last one answered)
 * for the maximum throughput and latency at a concurrency; open-model runs (calls sent on
 * a fixed schedule whatever the server does) for latency at a rate. Every run is bounded
 * in time and in calls.
 */
public final class LoadGenerator {

	/** Upper bound of calls of any one run, whatever its length. */
	static final long MAX_CALLS_PER_RUN = 2_000_000;

	/**
	 * Open model: at most this many calls in flight; a call due beyond it counts as
	 * failed.
	 */
	static final int MAX_IN_FLIGHT = 1024;

	private static final long HIGHEST_MICROS = Duration.ofSeconds(60).toNanos() / 1000;

	private final LongSupplier serverCpuNanos;

	/**
	 * @param serverCpuNanos CPU time used so far by the server under test (from /proc)
	 */
	public LoadGenerator(LongSupplier serverCpuNanos) {
		this.serverCpuNanos = serverCpuNanos;
	}

	/** {@code concurrency} callers back to back for {@code duration}. */
	public RunResult closed(String label, LoadClient.Call call, int concurrency, Duration duration) {
		Histogram histogram = new ConcurrentHistogram(HIGHEST_MICROS, 3);
		AtomicLong ok = new AtomicLong();
		AtomicLong failed = new AtomicLong();
		AtomicLong started = new AtomicLong();
		long perCaller = Math.max(1, MAX_CALLS_PER_RUN / concurrency);
		Meter meter = new Meter();
		long deadline = System.nanoTime() + duration.toNanos();
		Flux.range(0, concurrency).flatMap((caller) -> Mono.defer(() -> {
			started.incrementAndGet();
			long start = System.nanoTime();
			return call.call()
				.doOnNext((success) -> record(success, start, histogram, ok, failed))
				.onErrorResume((ex) -> {
					failed.incrementAndGet();
					return Mono.just(false);
				});
		}).repeat(perCaller - 1, () -> System.nanoTime() < deadline).then(), concurrency)
			.blockLast(duration.plusSeconds(30));
		return meter.result(label, ok.get(), failed.get(), histogram);
	}

	/**
	 * Calls sent at {@code rate} per second for {@code duration}, latency from each
	 * call's intended send time.
	 */
	public RunResult open(String label, LoadClient.Call call, double rate, Duration duration) {
		Histogram histogram = new ConcurrentHistogram(HIGHEST_MICROS, 3);
		AtomicLong ok = new AtomicLong();
		AtomicLong failed = new AtomicLong();
		AtomicInteger inFlight = new AtomicInteger();
		long total = Math.min(MAX_CALLS_PER_RUN, (long) Math.ceil(rate * duration.toNanos() / 1e9));
		double period = 1e9 / rate;
		Meter meter = new Meter();
		long origin = System.nanoTime() + 1_000_000;
		for (long i = 0; i < total; i++) {
			long intended = origin + (long) (i * period);
			long wait;
			// parking only (no spinning), so the generator's own CPU stays low; a late
			// wake-up sends the
			// calls that came due at once, each still timed from its intended time
			while ((wait = intended - System.nanoTime()) > 0) {
				LockSupport.parkNanos(wait);
			}
			if (inFlight.get() >= MAX_IN_FLIGHT) {
				failed.incrementAndGet();
				continue;
			}
			inFlight.incrementAndGet();
			call.call()
				.doFinally((signal) -> inFlight.decrementAndGet())
				.subscribe((success) -> record(success, intended, histogram, ok, failed),
						(ex) -> failed.incrementAndGet());
		}
		long drainUntil = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		while (inFlight.get() > 0 && System.nanoTime() < drainUntil) {
			LockSupport.parkNanos(1_000_000);
		}
		failed.addAndGet(inFlight.get());
		return meter.result(label, ok.get(), failed.get(), histogram);
	}

	private static void record(boolean success, long start, Histogram histogram, AtomicLong ok, AtomicLong failed) {
		if (success) {
			histogram.recordValue(Math.min(HIGHEST_MICROS, (System.nanoTime() - start) / 1000));
			ok.incrementAndGet();
		}
		else {
			failed.incrementAndGet();
		}
	}

	/** Wall time and CPU of both sides over one run. */
	private final class Meter {

		private final long wall = System.nanoTime();

		private final long loadCpu = ownCpuNanos();

		private final long serverCpu = LoadGenerator.this.serverCpuNanos.getAsLong();

		RunResult result(String label, long ok, long failed, Histogram histogram) {
			double seconds = (System.nanoTime() - this.wall) / 1e9;
			double load = (ownCpuNanos() - this.loadCpu) / 1e9 / seconds;
			double server = (LoadGenerator.this.serverCpuNanos.getAsLong() - this.serverCpu) / 1e9 / seconds;
			return new RunResult(label, ok, failed, seconds, histogram, load, server);
		}

	}

	static long ownCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

}
