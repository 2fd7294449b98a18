package cl.smartercl.mcp.server.lock;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import reactor.core.publisher.Mono;

import cl.smartercl.mcp.core.error.ServiceUnavailableException;

/**
 * Tries a shared lock again and again, with a short random pause, until it is held or
 * {@code maxWait} has passed; then the call is refused as unavailable (retryable) rather
 * than left waiting.
 */
record LockPolling(Duration pause, Duration maxWait) {

	static LockPolling defaults() {
		return new LockPolling(Duration.ofMillis(20), Duration.ofSeconds(60));
	}

	/**
	 * The outcome of one try: {@code busy} (made by {@code taken()}) when another holder
	 * had the lock.
	 */
	record Attempt<T>(boolean busy, T value) {

		static <T> Attempt<T> taken() {
			return new Attempt<>(true, null);
		}

		static <T> Attempt<T> done(T value) {
			return new Attempt<>(false, value);
		}

	}

	<T> Mono<T> poll(String key, Mono<Attempt<T>> attempt) {
		long deadline = System.nanoTime() + this.maxWait.toNanos();
		return loop(key, attempt, deadline);
	}

	private <T> Mono<T> loop(String key, Mono<Attempt<T>> attempt, long deadline) {
		return attempt.flatMap((result) -> {
			if (!result.busy()) {
				return Mono.justOrEmpty(result.value());
			}
			if (System.nanoTime() > deadline) {
				return Mono.error(new ServiceUnavailableException("lock", "another call holds the lock '" + key
						+ "' for over " + this.maxWait.toSeconds() + " s; try again"));
			}
			long jitter = ThreadLocalRandom.current().nextLong(this.pause.toMillis() + 1);
			return Mono.delay(this.pause.plusMillis(jitter)).then(loop(key, attempt, deadline));
		});
	}

}
