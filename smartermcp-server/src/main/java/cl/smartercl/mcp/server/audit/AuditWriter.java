package cl.smartercl.mcp.server.audit;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
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
 * <p>
 * With a local {@link AuditSpool}, rows that may be answered without the store (a read's
 * or a refused call's complete row, a write's completion) go to the spool when the store
 * cannot commit their batch: their calls complete once the spool has them on disk. While
 * the spool holds rows such rows go straight to it (the store is known to be failing, and
 * the trail keeps its order), and a replayer thread moves them into the store every
 * {@code spoolReplayInterval}, at once after a start; a pass that leaves the spool empty
 * then adopts the spool files of other replica ids whose lock no live process holds
 * ({@link SpoolOrphans}) and replays their rows too. A write's intent never goes to the
 * spool: it must be in the store before the backend is touched, so it fails as without a
 * spool.
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

	private final AtomicLong spooledRows = new AtomicLong();

	private final AtomicLong replayedRows = new AtomicLong();

	private final AuditSpool spool;

	private final AuditSpool.Target replayTarget;

	private final SpoolOrphans orphans;

	private final Duration replayInterval;

	private final Thread replayer;

	private final Object replayWake = new Object();

	/** Open once the replayer's first pass (the one at start) is over. */
	private final CountDownLatch firstReplay = new CountDownLatch(1);

	private volatile boolean closed;

	/**
	 * @param callers where a call resumes once its row is committed: never the writer's
	 * own thread, which would otherwise run every call's remaining work one after another
	 */
	AuditWriter(BatchStore store, AuditProperties properties, Scheduler callers) {
		this(store, null, null, properties, callers);
	}

	/**
	 * @param spool where rows go that the store cannot commit; {@code null} for none
	 * @param replayTarget moves spooled rows into the store, idempotently
	 * @param callers where a call resumes once its row is committed: never the writer's
	 * own thread, which would otherwise run every call's remaining work one after another
	 */
	AuditWriter(BatchStore store, AuditSpool spool, AuditSpool.Target replayTarget, AuditProperties properties,
			Scheduler callers) {
		this.spool = spool;
		this.replayTarget = replayTarget;
		this.orphans = (spool != null) ? new SpoolOrphans(spool) : null;
		this.replayInterval = properties.spoolReplayInterval();
		this.store = store;
		this.batchSize = properties.batchSize();
		this.batchDelayNanos = properties.batchDelay().toNanos();
		this.commitTimeout = properties.commitTimeout();
		this.callers = callers;
		this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
		this.thread = new Thread(this::run, "smartermcp-audit-writer");
		this.thread.setDaemon(true);
		this.thread.start();
		if (spool != null) {
			this.replayer = new Thread(this::replayLoop, "smartermcp-audit-replayer");
			this.replayer.setDaemon(true);
			this.replayer.start();
		}
		else {
			this.replayer = null;
		}
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

	/** Rows the spool holds, waiting for the store; 0 without a spool. */
	long spoolRows() {
		return (this.spool != null) ? this.spool.rows() : 0;
	}

	/** Bytes the spool's files hold; 0 without a spool. */
	long spoolBytes() {
		return (this.spool != null) ? this.spool.bytes() : 0;
	}

	/**
	 * Whether this replica has a spool (on, and owned: its lock is held here) that takes
	 * rows (not full): reads can be answered while the audit store is down.
	 */
	boolean spoolAccepting() {
		return !this.closed && this.spool != null && this.spool.accepting();
	}

	/** Whether rows wait in the spool for the store. */
	boolean spooling() {
		return spoolRows() > 0;
	}

	/** Rows put in the spool since start. */
	long spooledRows() {
		return this.spooledRows.get();
	}

	/** Rows moved from the spool into the store since start. */
	long replayedRows() {
		return this.replayedRows.get();
	}

	/** Replays now instead of at the next interval (tests, and after a start). */
	void replayNow() {
		synchronized (this.replayWake) {
			this.replayWake.notifyAll();
		}
	}

	/**
	 * Waits for the replayer's pass at start (tests: a row spooled before it could
	 * otherwise be replayed by it, or not, depending on thread timing).
	 * @return whether the pass was over within {@code wait}
	 */
	boolean awaitFirstReplay(Duration wait) throws InterruptedException {
		return this.replayer == null || this.firstReplay.await(wait.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void replayLoop() {
		while (!this.closed) {
			replayOnce();
			this.firstReplay.countDown();
			synchronized (this.replayWake) {
				if (this.closed) {
					return;
				}
				try {
					this.replayWake.wait(Math.max(1, this.replayInterval.toMillis()));
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}
	}

	/**
	 * Moves what the spool holds into the store, file by file, until it is empty, a
	 * replay fails, or the writer closes; once it is empty, adopts orphaned files of
	 * other replica ids (their lock free) and moves their rows too. Their rows wait where
	 * they are while this replica's own wait for the store: they are on disk already, and
	 * would only take this spool's room.
	 * @return whether the spool is empty afterwards
	 */
	boolean replayOnce() {
		if (this.spool == null) {
			return true;
		}
		if (!replayOwn() || this.closed) {
			return false;
		}
		if (this.orphans.adopt() > 0) {
			return replayOwn();
		}
		return true;
	}

	private boolean replayOwn() {
		int rounds = 0;
		while (!this.closed && this.spool.rows() > 0 && rounds++ < 1000) {
			long before = this.spool.rows();
			try {
				long replayed = this.spool.replay(this.replayTarget, this.batchSize, this.commitTimeout);
				this.replayedRows.addAndGet(replayed);
				log.info("audit spool: {} row(s) replayed into the store, {} left", replayed, this.spool.rows());
			}
			catch (IOException | RuntimeException ex) {
				log.warn("audit spool: {} row(s) wait for the store, which cannot take them yet: {}", before,
						ex.toString());
				return false;
			}
		}
		return this.spool.rows() == 0;
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

	/** Whether the row may go to the spool: anything but a write's intent. */
	private static boolean spoolable(Pending pending) {
		return pending.completion() || pending.record().completedAt() != null;
	}

	private void commit(List<Pending> batch) {
		if (this.spool != null && this.spool.rows() > 0) {
			// the store failed and its rows wait for the replay: rows that may be spooled
			// join them, intents still need the store
			List<Pending> spooled = new ArrayList<>(batch.size());
			List<Pending> stored = new ArrayList<>();
			for (Pending pending : batch) {
				(spoolable(pending) ? spooled : stored).add(pending);
			}
			if (!stored.isEmpty()) {
				commitToStore(stored);
			}
			spool(spooled, null);
			return;
		}
		commitToStore(batch);
	}

	/** Rows of a batch into the spool; their calls fail if it cannot take them. */
	private void spool(List<Pending> rows, Throwable storeFailure) {
		if (rows.isEmpty()) {
			return;
		}
		List<AuditSpool.Entry> entries = new ArrayList<>(rows.size());
		for (Pending pending : rows) {
			entries.add(new AuditSpool.Entry(pending.record(), pending.completion()));
		}
		Throwable failure = null;
		try {
			this.spool.append(entries);
			this.spooledRows.addAndGet(rows.size());
		}
		catch (IOException ex) {
			failure = ex;
			if (storeFailure != null) {
				ex.addSuppressed(storeFailure);
			}
			log.error("audit batch of {} row(s) could not be committed nor spooled: {}", rows.size(), ex.getMessage(),
					ex);
		}
		for (Pending pending : rows) {
			if (failure == null) {
				pending.done().tryEmitEmpty();
			}
			else {
				pending.done()
					.tryEmitError(new Unavailable("the audit batch could not be committed nor spooled", failure));
			}
		}
	}

	private void commitToStore(List<Pending> batch) {
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
		if (failure != null && this.spool != null) {
			List<Pending> spooled = batch.stream().filter(AuditWriter::spoolable).toList();
			if (!spooled.isEmpty()) {
				log.warn("audit store failing: {} row(s) go to the local spool {}; intents of writes are refused",
						spooled.size(), this.spool.directory());
				spool(spooled, failure);
				batch = batch.stream().filter((pending) -> !spoolable(pending)).toList();
			}
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
		if (this.replayer != null) {
			replayNow();
			try {
				this.replayer.join(this.commitTimeout.toMillis() + 1_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
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
		if (this.spool != null) {
			if (this.spool.rows() > 0) {
				log.warn("Audit spool {} keeps {} row(s) for the store: they are replayed at the next start",
						this.spool.directory(), this.spool.rows());
			}
			this.spool.close();
		}
	}

}
