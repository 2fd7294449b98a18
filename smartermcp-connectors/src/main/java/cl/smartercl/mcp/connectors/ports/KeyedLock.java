package cl.smartercl.mcp.connectors.ports;

import reactor.core.publisher.Mono;

/**
 * Runs work while holding a lock named by a key, so that two calls with the same key
 * never overlap, on one server or, with a shared implementation, across replicas. A
 * connector uses it where its backend has no atomic operation for a check-then-act (Odoo
 * has no upsert: search, then create). The server supplies a PostgreSQL advisory lock or
 * a Redis lock when it has one; by default the lock holds in this process only
 * ({@link InProcessKeyedLock}).
 */
@FunctionalInterface
public interface KeyedLock {

	/**
	 * Subscribes to {@code work} once the lock {@code key} is held, and releases it when
	 * {@code work} completes, fails or is cancelled.
	 */
	<T> Mono<T> withLock(String key, Mono<T> work);

}
