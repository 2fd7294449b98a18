package cl.smartercl.mcp.server.store;

import java.util.function.Function;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The store's SQL access: Spring's {@link DatabaseClient} plus the scheduler its work
 * must run on.
 * <p>
 * r2dbc-h2 drives the embedded engine synchronously on the subscribing thread (file I/O
 * included), so with H2 every statement is subscribed on a bounded elastic scheduler and
 * never on a Netty event loop; with PostgreSQL the driver is non-blocking and the work
 * stays where it is. Other store users (the audit trail) go through this class for the
 * same reason.
 */
public final class StoreClient {

	private final DatabaseClient sql;

	private final Scheduler scheduler;

	public StoreClient(DatabaseClient sql, Scheduler scheduler) {
		this.sql = sql;
		this.scheduler = scheduler;
	}

	/**
	 * Runs {@code work} against the database, off the event loop when the driver blocks.
	 */
	public <T> Mono<T> mono(Function<DatabaseClient, Mono<T>> work) {
		return Mono.defer(() -> work.apply(this.sql)).subscribeOn(this.scheduler);
	}

	/** As {@link #mono(Function)}, for many rows. */
	public <T> Flux<T> flux(Function<DatabaseClient, Flux<T>> work) {
		return Flux.defer(() -> work.apply(this.sql)).subscribeOn(this.scheduler);
	}

}
