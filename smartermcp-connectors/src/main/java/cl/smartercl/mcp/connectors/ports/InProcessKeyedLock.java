package cl.smartercl.mcp.connectors.ports;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A {@link KeyedLock} for one process: calls with the same key queue behind each other
 * without blocking a thread; each key's queue is dropped when it empties.
 */
public final class InProcessKeyedLock implements KeyedLock {

	/** The tail of each key's queue: completes when the last holder releases. */
	private final Map<String, Mono<Void>> tails = new ConcurrentHashMap<>();

	@Override
	public <T> Mono<T> withLock(String key, Mono<T> work) {
		return Mono.defer(() -> {
			Sinks.Empty<Void> released = Sinks.empty();
			Mono<Void> mine = released.asMono().cache();
			Mono<Void>[] previous = new Mono[1];
			this.tails.compute(key, (k, tail) -> {
				previous[0] = (tail == null) ? Mono.empty() : tail;
				return mine;
			});
			Runnable release = () -> {
				released.tryEmitEmpty();
				this.tails.remove(key, mine);
			};
			return previous[0].then(Mono.defer(() -> work)).doFinally((signal) -> release.run());
		});
	}

}
