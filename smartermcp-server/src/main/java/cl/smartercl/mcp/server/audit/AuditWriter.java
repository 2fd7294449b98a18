package cl.smartercl.mcp.server.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * Group commit of the audit trail. Calls hand their row to this writer; one thread of its
 * own takes the rows waiting, up to {@code batchSize}, and commits them in ONE
 * transaction. Each call's {@link Mono} completes only once the transaction holding its
 * row has committed, and fails when that transaction fails — exactly the calls of that
 * batch, never those of another. With a batch delay of {@code 0} a batch holds whatever
 * arrived while the previous one committed (a lone call waits for nothing); with a
 * positive delay the first row of a batch waits up to that long for companions.
 * <p>
 * The queue is bounded: a row that finds it full is refused at once
 * ({@link Unavailable}), so an overloaded store pushes back on callers instead of holding
 * their rows in memory without bound. {@link #close()} stops taking rows and commits
 * those already queued.
 */
final class AuditWriter implements AutoCloseable {

	/**
	 * Commits one batch in one transaction: inserted rows first, then completed intents.
	 */
	interface BatchStore {

		Mono<Void> write(List<AuditRecord> inserts, List<AuditRecord> completions);

	}

	/**
	 * The row was not committed: the queue was full, the writer closed, or its batch
	 * failed.
	 */
	static final class Unavailable extends RuntimeException {

		Unavailable(String message, Throwable cause) {
			super(message, cause);
		}

	}

	private static final Logger log = LoggerFactory.getLogger(AuditWriter.class);

	private record Pending(AuditRecord record, boolean completion, Sinks.One<Void> done) {
	}

	private final BatchStore store;

	private final int batchSize;

	private final long batchDelayNanos;

	private final Duration commitTimeout;

	private final Scheduler callers;

	private final BlockingQueue<Pending> queue;

	private final Thread thread;

	private final AtomicLong batches = new AtomicLong();

	private final AtomicLong rows = new AtomicLong();

	private volatile boolean closed;

	/**
	 * @param callers where a call resumes once its row is committed: never the writer's
	 * own thread, which would otherwise run every call's remaining work one after another
	 */
	AuditWriter(BatchStore store, AuditProperties properties, Scheduler callers) {
		this.store = store;
		this.batchSize = properties.batchSize();
		this.batchDelayNanos = properties.batchDelay().toNanos();
		this.commitTimeout = properties.commitTimeout();
		this.callers = callers;
		this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
		this.thread = new Thread(this::run, "smartermcp-audit-writer");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/**
	 * Stores a row (an intent or a complete record); completes once its batch has
	 * committed.
	 */
	Mono<Void> insert(AuditRecord record) {
		return submit(record, false);
	}

	/** Completes a write's intent; completes once its batch has committed. */
	Mono<Void> complete(AuditRecord record) {
		return submit(record, true);
	}

	private Mono<Void> submit(AuditRecord record, boolean completion) {
		return Mono.defer(() -> {
			Sinks.One<Void> done = Sinks.one();
			if (this.closed) {
				return Mono.error(new Unavailable("the audit writer is closed", null));
			}
			Pending pending = new Pending(record, completion, done);
			if (!this.queue.offer(pending)) {
				return Mono.error(new Unavailable("the audit queue is full", null));
			}
			// closed between the check and the offer: if the writer has not taken the
			// row, nobody will
			if (this.closed && this.queue.remove(pending)) {
				return Mono.error(new Unavailable("the audit writer is closed", null));
			}
			return done.asMono().publishOn(this.callers);
		});
	}

	/** Batches committed so far (successful or not). */
	long batches() {
		return this.batches.get();
	}

	/** Rows handed to the store so far. */
	long rows() {
		return this.rows.get();
	}

	private void run() {
		List<Pending> batch = new ArrayList<>(this.batchSize);
		while (true) {
			try {
				Pending first = this.queue.poll(100, TimeUnit.MILLISECONDS);
				if (first == null) {
					if (this.closed && this.queue.isEmpty()) {
						return;
					}
					continue;
				}
				batch.add(first);
				gather(batch);
			}
			catch (InterruptedException ex) {
				// close() never interrupts; an interrupt from elsewhere must not lose the
				// rows taken
				log.warn("audit writer interrupted; committing what it holds");
			}
			if (!batch.isEmpty()) {
				commit(batch);
				batch.clear();
			}
		}
	}

	/**
	 * Adds rows already waiting, and with a batch delay those arriving within it, up to
	 * the batch size.
	 */
	private void gather(List<Pending> batch) throws InterruptedException {
		long deadline = System.nanoTime() + this.batchDelayNanos;
		while (batch.size() < this.batchSize) {
			if (this.queue.drainTo(batch, this.batchSize - batch.size()) > 0) {
				continue;
			}
			long left = deadline - System.nanoTime();
			if (left <= 0 || this.closed) {
				return;
			}
			Pending next = this.queue.poll(left, TimeUnit.NANOSECONDS);
			if (next == null) {
				return;
			}
			batch.add(next);
		}
	}

	private void commit(List<Pending> batch) {
		List<AuditRecord> inserts = new ArrayList<>(batch.size());
		List<AuditRecord> completions = new ArrayList<>();
		for (Pending pending : batch) {
			(pending.completion() ? completions : inserts).add(pending.record());
		}
		this.batches.incrementAndGet();
		this.rows.addAndGet(batch.size());
		Throwable failure = null;
		try {
			this.store.write(inserts, completions).block(this.commitTimeout);
		}
		catch (RuntimeException | Error ex) {
			failure = ex;
			log.error("audit batch of {} row(s) could not be committed", batch.size(), ex);
		}
		for (Pending pending : batch) {
			if (failure == null) {
				pending.done().tryEmitEmpty();
			}
			else {
				pending.done().tryEmitError(new Unavailable("the audit batch could not be committed", failure));
			}
		}
	}

	/**
	 * Takes no more rows; commits those queued, waiting up to the commit timeout for
	 * them.
	 */
	@Override
	public void close() {
		this.closed = true;
		try {
			this.thread.join(this.commitTimeout.toMillis() + 1_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		// rows still queued (the thread is stuck in a commit): their calls must not wait
		// forever
		Pending left;
		while ((left = this.queue.poll()) != null) {
			left.done().tryEmitError(new Unavailable("the audit writer closed before the row was committed", null));
		}
		long batches = this.batches.get();
		log.info("Audit writer closed: {} row(s) in {} batch(es) since start ({} rows per commit)", this.rows.get(),
				batches,
				(batches == 0) ? 0 : String.format(java.util.Locale.ROOT, "%.1f", (double) this.rows.get() / batches));
	}

}
