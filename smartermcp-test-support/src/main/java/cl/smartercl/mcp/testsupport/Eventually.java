package cl.smartercl.mcp.testsupport;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Polling for what happens on another thread or in another process, in one place. Neither
 * method asserts: the caller asserts on what it gets back, so a failure shows the last
 * value seen, and the timeout is a bound on waiting, never a measured expectation.
 */
public final class Eventually {

	private static final Duration PAUSE = Duration.ofMillis(50);

	private Eventually() {
	}

	/**
	 * Samples {@code probe} until {@code done} holds or {@code timeout} has passed, and
	 * returns the last sample (the one that satisfied {@code done}, or the last one
	 * seen).
	 */
	public static <T> T poll(Duration timeout, Supplier<T> probe, Predicate<? super T> done) {
		return poll(timeout, PAUSE, probe, done);
	}

	/**
	 * As {@link #poll(Duration, Supplier, Predicate)}, pausing {@code pause} between
	 * samples.
	 */
	public static <T> T poll(Duration timeout, Duration pause, Supplier<T> probe, Predicate<? super T> done) {
		long deadline = System.nanoTime() + timeout.toNanos();
		T value = probe.get();
		while (!done.test(value) && System.nanoTime() - deadline < 0) {
			pause(pause);
			value = probe.get();
		}
		return value;
	}

	/**
	 * Waits until {@code condition} holds or {@code timeout} has passed; returns whether
	 * it holds.
	 */
	public static boolean until(Duration timeout, BooleanSupplier condition) {
		return poll(timeout, condition::getAsBoolean, (held) -> held);
	}

	private static void pause(Duration pause) {
		try {
			Thread.sleep(pause.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while polling", ex);
		}
	}

}
