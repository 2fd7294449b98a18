package cl.smartercl.mcp.server.lock;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import reactor.core.publisher.Mono;

import cl.smartercl.mcp.connectors.ports.KeyedLock;

/**
 * A {@link KeyedLock} every replica sharing the PostgreSQL store honours: a
 * transaction-level advisory lock ({@code pg_try_advisory_xact_lock}) on a 64-bit hash of
 * the key, held on one pooled connection while the work runs and released by the commit
 * (or the rollback, or the connection's end). Waiting polls with {@code try} rather than
 * blocking in {@code pg_advisory_xact_lock}, so that waiters do not hold the store's
 * connections that token checks need.
 */
final class PostgresKeyedLock implements KeyedLock {

	private final ConnectionFactory connections;

	private final LockPolling polling;

	PostgresKeyedLock(ConnectionFactory connections, LockPolling polling) {
		this.connections = connections;
		this.polling = polling;
	}

	@Override
	public <T> Mono<T> withLock(String key, Mono<T> work) {
		long id = hash(key);
		return this.polling.poll(key, Mono.usingWhen(Mono.from(this.connections.create()),
				(connection) -> attempt(connection, id, work), (connection) -> Mono.from(connection.close())));
	}

	/**
	 * One try: the work's outcome when the lock was free, empty when another holder has
	 * it.
	 */
	private static <T> Mono<LockPolling.Attempt<T>> attempt(Connection connection, long id, Mono<T> work) {
		return Mono.from(connection.beginTransaction())
			.then(Mono
				.from(connection.createStatement("SELECT pg_try_advisory_xact_lock($1)").bind("$1", id).execute()))
			.flatMap((result) -> Mono.from(result.map((row, meta) -> Boolean.TRUE.equals(row.get(0, Boolean.class)))))
			.flatMap((held) -> {
				if (!held) {
					return Mono.from(connection.rollbackTransaction()).then(Mono.just(LockPolling.Attempt.<T>taken()));
				}
				return work.map(LockPolling.Attempt::done)
					.defaultIfEmpty(LockPolling.Attempt.done(null))
					.flatMap((done) -> Mono.from(connection.commitTransaction()).thenReturn(done))
					.onErrorResume((ex) -> Mono.from(connection.rollbackTransaction()).then(Mono.error(ex)));
			});
	}

	/** The first 8 bytes of the key's SHA-256: the advisory lock's bigint. */
	static long hash(String key) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(("smartermcp:" + key).getBytes(StandardCharsets.UTF_8));
			return ByteBuffer.wrap(digest).getLong();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
