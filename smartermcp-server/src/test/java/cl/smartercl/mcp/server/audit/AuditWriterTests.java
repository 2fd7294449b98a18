package cl.smartercl.mcp.server.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The group commit of the audit trail against a store that records each batch and can
 * hold or fail one: batches close at the batch size or after the batch delay, rows
 * arriving during a commit form the next batch, a full queue refuses at once, a failed
 * batch fails exactly its own calls, and close commits what was queued. Waits are bounded
 * safety nets, never assertions on time.
 */
class AuditWriterTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final List<AuditWriter> writers = new ArrayList<>();

	@AfterEach
	void close() {
		this.writers.forEach(AuditWriter::close);
	}

	@Test
	void aFullBatchIsCommittedWithoutWaitingForTheDelay() {
		RecordingStore store = new RecordingStore();
		AuditWriter writer = writer(store, 3, Duration.ofHours(1), 100);
		List<CompletableFuture<Void>> calls = new ArrayList<>();
		for (String id : List.of("a", "b", "c", "d", "e", "f")) {
			calls.add(writer.insert(row(id)).toFuture());
		}
		// with an hour of delay, only the batch size can have closed these batches
		calls.forEach(CompletableFuture::join);
		assertThat(store.batchIds()).containsExactly(List.of("a", "b", "c"), List.of("d", "e", "f"));
	}

	@Test
	void aPartialBatchIsCommittedOnceTheDelayHasPassed() {
		RecordingStore store = new RecordingStore();
		AuditWriter writer = writer(store, 1000, Duration.ofMillis(50), 2000);
		writer.insert(row("lone")).block(WAIT);
		assertThat(store.batchIds()).containsExactly(List.of("lone"));
	}

	@Test
	void rowsArrivingDuringACommitFormTheNextBatch() {
		RecordingStore store = new RecordingStore();
		store.hold();
		AuditWriter writer = writer(store, 256, Duration.ZERO, 1000);
		CompletableFuture<Void> first = writer.insert(row("first")).toFuture();
		store.awaitEntered();
		List<CompletableFuture<Void>> waiting = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			waiting.add(writer.insert(row("r" + i)).toFuture());
		}
		assertThat(first).isNotDone();
		assertThat(waiting).noneMatch(CompletableFuture::isDone);
		store.release();
		first.join();
		waiting.forEach(CompletableFuture::join);
		assertThat(store.batches()).hasSize(2);
		assertThat(store.batches().get(1)).hasSize(50);
		assertThat(writer.batches()).isEqualTo(2);
		assertThat(writer.rows()).isEqualTo(51);
	}

	@Test
	void aCallResumesOnlyOnceItsBatchHasCommitted() {
		RecordingStore store = new RecordingStore();
		store.hold();
		AuditWriter writer = writer(store, 10, Duration.ZERO, 100);
		CompletableFuture<Void> call = writer.insert(row("held")).toFuture();
		store.awaitEntered();
		assertThat(call).isNotDone();
		assertThat(store.committed()).isEmpty();
		store.release();
		call.join();
		assertThat(store.committed()).containsExactly("held");
	}

	@Test
	void aFullQueueRefusesTheRowAtOnce() {
		RecordingStore store = new RecordingStore();
		store.hold();
		AuditWriter writer = writer(store, 2, Duration.ZERO, 2);
		CompletableFuture<Void> taken = writer.insert(row("taken")).toFuture();
		store.awaitEntered();
		CompletableFuture<Void> queued1 = writer.insert(row("q1")).toFuture();
		CompletableFuture<Void> queued2 = writer.insert(row("q2")).toFuture();
		assertThatThrownBy(() -> writer.insert(row("refused")).block(WAIT)).isInstanceOf(AuditWriter.Unavailable.class)
			.hasMessageContaining("queue is full");
		store.release();
		taken.join();
		queued1.join();
		queued2.join();
		assertThat(store.committed()).containsExactly("taken", "q1", "q2");
		// room again once the queue drained
		writer.insert(row("later")).block(WAIT);
		assertThat(store.committed()).contains("later");
	}

	@Test
	void aFailedBatchFailsExactlyItsOwnCalls() {
		RecordingStore store = new RecordingStore();
		store.hold();
		store.failBatchesHolding("bad");
		AuditWriter writer = writer(store, 256, Duration.ZERO, 1000);
		CompletableFuture<Void> before = writer.insert(row("before")).toFuture();
		store.awaitEntered();
		List<CompletableFuture<Void>> failing = List.of(writer.insert(row("x")).toFuture(),
				writer.insert(row("bad")).toFuture(), writer.complete(row("y")).toFuture());
		store.release();
		before.join();
		for (CompletableFuture<Void> call : failing) {
			assertThatThrownBy(call::join).hasCauseInstanceOf(AuditWriter.Unavailable.class)
				.hasRootCauseMessage("the store refused the batch");
		}
		writer.insert(row("after")).block(WAIT);
		assertThat(store.committed()).containsExactly("before", "after");
	}

	@Test
	void insertsAndCompletionsAreHandedOverApart() {
		RecordingStore store = new RecordingStore();
		store.hold();
		AuditWriter writer = writer(store, 256, Duration.ZERO, 1000);
		CompletableFuture<Void> first = writer.insert(row("first")).toFuture();
		store.awaitEntered();
		CompletableFuture<Void> a = writer.insert(row("i1")).toFuture();
		CompletableFuture<Void> b = writer.complete(row("c1")).toFuture();
		store.release();
		first.join();
		a.join();
		b.join();
		assertThat(store.completions()).containsExactly("c1");
		assertThat(store.committed()).containsExactly("first", "i1", "c1");
	}

	@Test
	void closeCommitsTheQueuedRowsAndThenRefuses() {
		RecordingStore store = new RecordingStore();
		store.hold();
		AuditWriter writer = new AuditWriter(store, new AuditProperties(4, Duration.ZERO, 100, WAIT),
				Schedulers.parallel());
		CompletableFuture<Void> first = writer.insert(row("first")).toFuture();
		store.awaitEntered();
		List<CompletableFuture<Void>> queued = new ArrayList<>();
		for (int i = 0; i < 9; i++) {
			queued.add(writer.insert(row("q" + i)).toFuture());
		}
		Thread releaser = new Thread(() -> {
			sleep(100);
			store.release();
		});
		releaser.start();
		writer.close();
		first.join();
		queued.forEach(CompletableFuture::join);
		assertThat(store.committed()).hasSize(10);
		assertThatThrownBy(() -> writer.insert(row("late")).block(WAIT)).isInstanceOf(AuditWriter.Unavailable.class)
			.hasMessageContaining("closed");
	}

	@Test
	void propertiesRefuseNonsense() {
		assertThatThrownBy(() -> new AuditProperties(0, null, null, null)).hasMessageContaining("batch-size");
		assertThatThrownBy(() -> new AuditProperties(10, Duration.ofMillis(-1), null, null))
			.hasMessageContaining("batch-delay");
		assertThatThrownBy(() -> new AuditProperties(10, null, 5, null)).hasMessageContaining("queue-capacity");
		AuditProperties defaults = new AuditProperties(null, null, null, null);
		assertThat(defaults.batchSize()).isEqualTo(256);
		assertThat(defaults.batchDelay()).isZero();
		assertThat(defaults.queueCapacity()).isEqualTo(10_000);
	}

	private AuditWriter writer(RecordingStore store, int batchSize, Duration delay, int capacity) {
		AuditWriter writer = new AuditWriter(store, new AuditProperties(batchSize, delay, capacity, WAIT),
				Schedulers.parallel());
		this.writers.add(writer);
		return writer;
	}

	static AuditRecord row(String callId) {
		Instant now = Instant.now();
		return new AuditRecord(0, callId, now, now, "acme", UUID.randomUUID().toString(), "agent", "docs_services",
				false, "{}", AuditRecord.OK, 1L, UUID.randomUUID().toString(), "rest");
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Records every batch it is handed; can hold the next commit until released, and fail
	 * chosen batches.
	 */
	static final class RecordingStore implements AuditWriter.BatchStore {

		private final List<List<AuditRecord>> batches = Collections.synchronizedList(new ArrayList<>());

		private final List<String> committed = Collections.synchronizedList(new ArrayList<>());

		private final List<String> completions = Collections.synchronizedList(new ArrayList<>());

		private final AtomicBoolean holding = new AtomicBoolean();

		private final CountDownLatch entered = new CountDownLatch(1);

		private final CountDownLatch released = new CountDownLatch(1);

		private volatile Predicate<List<AuditRecord>> fails = (batch) -> false;

		void hold() {
			this.holding.set(true);
		}

		void release() {
			this.released.countDown();
		}

		void awaitEntered() {
			try {
				assertThat(this.entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the writer took a batch")
					.isTrue();
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		}

		void failBatchesHolding(String callId) {
			this.fails = (batch) -> batch.stream().anyMatch((record) -> record.callId().equals(callId));
		}

		List<List<AuditRecord>> batches() {
			return List.copyOf(this.batches);
		}

		List<List<String>> batchIds() {
			return batches().stream().map((batch) -> batch.stream().map(AuditRecord::callId).toList()).toList();
		}

		List<String> committed() {
			return List.copyOf(this.committed);
		}

		List<String> completions() {
			return List.copyOf(this.completions);
		}

		@Override
		public Mono<Void> write(List<AuditRecord> inserts, List<AuditRecord> completions) {
			return Mono.fromRunnable(() -> {
				List<AuditRecord> batch = new ArrayList<>(inserts);
				batch.addAll(completions);
				this.batches.add(batch);
				this.entered.countDown();
				if (this.holding.compareAndSet(true, false)) {
					try {
						this.released.await(WAIT.toSeconds(), TimeUnit.SECONDS);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
				if (this.fails.test(batch)) {
					throw new IllegalStateException("the store refused the batch");
				}
				batch.forEach((record) -> this.committed.add(record.callId()));
				completions.forEach((record) -> this.completions.add(record.callId()));
			});
		}

	}

}
