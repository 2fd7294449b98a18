package cl.smartercl.mcp.server.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The local audit spool: an append is in the file when it returns and survives a reopen,
 * a replay moves every row into the store and deletes the file only after the store
 * committed, a replay after a failure (or a crash after the commit) duplicates nothing, a
 * torn or damaged line is skipped, the bound refuses rows without writing them, and a
 * second owner of the same replica's spool gets none. Then the writer with a spool: a
 * failing store sends reads to the spool and refuses intents, and the replayer moves the
 * rows once the store answers.
 */
class AuditSpoolTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@TempDir
	Path dir;

	@AutoClose
	private final Closeables open = new Closeables();

	@Test
	void anAppendIsInTheFileWhenItReturnsAndAReplayMovesEveryRow() throws IOException {
		AuditSpool spool = spool(1 << 20);
		spool.append(List.of(insert("a"), insert("b"), completion("c")));
		Path file = this.dir.resolve("r1.jsonl");
		List<String> lines = Files.readAllLines(file);
		assertThat(lines).hasSize(3);
		assertThat(lines.get(0)).startsWith("{\"crc32c\":\"").contains("\"call_id\":\"a\"").endsWith("}");
		assertThat(spool.rows()).isEqualTo(3);
		assertThat(spool.bytes()).isEqualTo(Files.size(file));

		Store store = new Store();
		assertThat(spool.replay(store, 2, WAIT)).isEqualTo(3);
		assertThat(store.rows).containsOnlyKeys("a", "b");
		assertThat(store.completions).containsExactly("c");
		assertThat(store.rows.get("a").outcome()).isEqualTo(AuditRecord.OK);
		assertThat(store.rows.get("a").replica()).as("the line names the replica that served the call").isEqualTo("r1");
		assertThat(store.rows.get("a").startedAt()).isEqualTo(insert("a").record().startedAt());
		assertThat(store.calls.get()).as("chunks of 2").isEqualTo(2);
		assertThat(spool.rows()).isZero();
		assertThat(spool.bytes()).isZero();
		assertThat(file).doesNotExist();
		assertThat(this.dir.resolve("r1.replaying.jsonl")).doesNotExist();
	}

	@Test
	void everyFieldSurvivesTheFile() {
		AuditRecord record = new AuditRecord(0, "id-1", Instant.parse("2026-01-02T03:04:05.123456Z"),
				Instant.parse("2026-01-02T03:04:06Z"), "acme", "tok", "agent \"x\" ñ", "workflows_create", true,
				"{\"a\":\"line\\nbreak\"}", "not_found", 42L, "req-1", "mcp", "confirmed", null);
		AuditSpool.Entry entry = new AuditSpool.Entry(record, true);
		byte[] line = SpoolLines.line(entry);
		assertThat(line[line.length - 1]).isEqualTo((byte) '\n');
		AuditSpool.Entry read = SpoolLines.parse(java.util.Arrays.copyOf(line, line.length - 1));
		assertThat(read).isEqualTo(entry);
	}

	@Test
	void theRowsSurviveAReopenAndAreReplayedThen() throws IOException {
		AuditSpool first = AuditSpool.open(this.dir, "r1", 1 << 20);
		first.append(List.of(insert("a"), insert("b")));
		first.close(); // a restart; a kill -9 leaves the same file (the append forced it)
		AuditSpool second = spool(1 << 20);
		assertThat(second.rows()).isEqualTo(2);
		Store store = new Store();
		assertThat(second.replay(store, 100, WAIT)).isEqualTo(2);
		assertThat(store.rows).containsOnlyKeys("a", "b");
	}

	@Test
	void aFailedReplayKeepsTheRowsAndTheNextOneDuplicatesNothing() throws IOException {
		AuditSpool spool = spool(1 << 20);
		spool.append(List.of(insert("a"), insert("b"), insert("c")));
		Store store = new Store();
		// the store commits the first chunk, then fails (or the process dies before the
		// file is deleted)
		store.failAfter = 1;
		assertThatThrownBy(() -> spool.replay(store, 2, WAIT)).hasMessageContaining("store went away");
		assertThat(store.rows).containsOnlyKeys("a", "b");
		assertThat(spool.rows()).isEqualTo(3);
		assertThat(this.dir.resolve("r1.replaying.jsonl")).exists();
		// rows spooled meanwhile wait in the next file
		spool.append(List.of(insert("d")));
		assertThat(spool.rows()).isEqualTo(4);

		store.failAfter = Integer.MAX_VALUE;
		assertThat(spool.replay(store, 2, WAIT)).isEqualTo(3);
		assertThat(spool.rows()).isEqualTo(1);
		assertThat(spool.replay(store, 2, WAIT)).isEqualTo(1);
		assertThat(store.rows).containsOnlyKeys("a", "b", "c", "d");
		assertThat(store.inserted).as("each row inserted once").containsExactly("a", "b", "c", "d");
		assertThat(spool.rows()).isZero();
	}

	@Test
	void aTornLastLineIsSkippedWithAWarningNotACrash() throws IOException {
		AuditSpool first = AuditSpool.open(this.dir, "r1", 1 << 20);
		first.append(List.of(insert("a"), insert("b")));
		first.close();
		// a crash in the middle of an append: half a line, no line end
		byte[] line = SpoolLines.line(insert("torn"));
		Files.write(this.dir.resolve("r1.jsonl"), java.util.Arrays.copyOf(line, line.length / 2),
				StandardOpenOption.APPEND);

		AuditSpool second = spool(1 << 20);
		assertThat(second.rows()).isEqualTo(2);
		second.append(List.of(insert("c")));
		assertThat(Files.readAllLines(this.dir.resolve("r1.jsonl"))).hasSize(4);
		Store store = new Store();
		assertThat(second.replay(store, 100, WAIT)).isEqualTo(3);
		assertThat(store.rows).containsOnlyKeys("a", "b", "c");
		assertThat(second.skippedLines()).isEqualTo(1);
	}

	@Test
	void aDamagedLineIsSkippedAndTheOthersAreReplayed() throws IOException {
		AuditSpool first = AuditSpool.open(this.dir, "r1", 1 << 20);
		first.append(List.of(insert("a"), insert("b"), insert("c")));
		first.close();
		Path file = this.dir.resolve("r1.jsonl");
		List<String> lines = Files.readAllLines(file);
		lines.set(1, lines.get(1).replace("\"call_id\":\"b\"", "\"call_id\":\"x\""));
		Files.write(file, lines);

		AuditSpool second = spool(1 << 20);
		assertThat(second.rows()).isEqualTo(2);
		Store store = new Store();
		assertThat(second.replay(store, 100, WAIT)).isEqualTo(2);
		assertThat(store.rows).containsOnlyKeys("a", "c");
		assertThat(second.skippedLines()).isEqualTo(1);
	}

	@Test
	void aFullSpoolRefusesTheRowsWithoutWritingThem() throws IOException {
		long one = SpoolLines.line(insert("a")).length;
		AuditSpool spool = spool(one * 2 + one / 2);
		spool.append(List.of(insert("a")));
		assertThat(spool.accepting()).isTrue();
		assertThatThrownBy(() -> spool.append(List.of(insert("b"), insert("c"))))
			.isInstanceOf(AuditSpool.Unwritable.class)
			.hasMessageContaining("is full")
			.hasMessageContaining("smartermcp.audit.spool-max-size");
		assertThat(spool.rows()).isEqualTo(1);
		assertThat(spool.accepting()).as("full: /health says so").isFalse();
		assertThat(Files.readAllLines(this.dir.resolve("r1.jsonl"))).hasSize(1);
		spool.append(List.of(insert("b")));
		assertThat(spool.accepting()).isTrue();
		// room again once the store took them
		spool.replay(new Store(), 100, WAIT);
		spool.append(List.of(insert("c"), insert("d")));
		assertThat(spool.rows()).isEqualTo(2);
		spool.close();
		assertThat(spool.accepting()).isFalse();
	}

	@Test
	void aSecondOwnerOfTheSameReplicasSpoolGetsNone() {
		spool(1 << 20);
		assertThat(AuditSpool.open(this.dir, "r1", 1 << 20)).isNull();
		assertThat(spool("r2", 1 << 20)).isNotNull();
	}

	// --- the writer with a spool
	// ----------------------------------------------------------------

	@Test
	void withTheStoreFailingReadsAreSpooledIntentsRefusedAndTheReplayMovesTheRows() throws InterruptedException {
		AtomicBoolean down = new AtomicBoolean(true);
		List<String> committed = Collections.synchronizedList(new ArrayList<>());
		AuditWriter.BatchStore batches = (inserts, completions) -> Mono.fromRunnable(() -> {
			if (down.get()) {
				throw new IllegalStateException("connection refused");
			}
			inserts.forEach((r) -> committed.add(r.callId()));
		});
		Store replayed = new Store();
		AuditSpool spool = spool(1 << 20);
		AuditWriter writer = new AuditWriter(batches, spool, replayed,
				new AuditProperties(16, Duration.ZERO, 100, WAIT, null, null, Duration.ofHours(1)),
				Schedulers.parallel());
		assertThat(writer.awaitFirstReplay(WAIT)).isTrue();
		this.open.add(writer::close);

		writer.insert(insert("read1").record()).block(WAIT);
		assertThat(spool.rows()).isEqualTo(1);
		assertThat(writer.spooling()).isTrue();
		assertThatThrownBy(() -> writer.insert(intent("write1")).block(WAIT))
			.isInstanceOf(AuditWriter.Unavailable.class);
		writer.complete(completion("write0").record()).block(WAIT);
		assertThat(spool.rows()).isEqualTo(2);

		// the store is back: while the spool holds rows, reads still join them (the trail
		// keeps its order); intents go to the store
		down.set(false);
		writer.insert(insert("read2").record()).block(WAIT);
		writer.insert(intent("write2")).block(WAIT);
		assertThat(committed).containsExactly("write2");
		assertThat(spool.rows()).isEqualTo(3);

		assertThat(writer.replayOnce()).isTrue();
		assertThat(replayed.rows).containsOnlyKeys("read1", "read2");
		assertThat(replayed.completions).containsExactly("write0");
		assertThat(writer.replayedRows()).isEqualTo(3);
		assertThat(writer.spooledRows()).isEqualTo(3);
		assertThat(writer.spooling()).isFalse();
		// and the next read goes to the store again
		writer.insert(insert("read3").record()).block(WAIT);
		assertThat(committed).containsExactly("write2", "read3");
	}

	@Test
	void theReplayerMovesTheRowsByItselfOnceTheStoreAnswers() throws InterruptedException {
		AtomicBoolean down = new AtomicBoolean(true);
		AuditWriter.BatchStore batches = (inserts, completions) -> Mono.fromRunnable(() -> {
			if (down.get()) {
				throw new IllegalStateException("connection refused");
			}
		});
		Store replayed = new Store();
		replayed.down = down;
		AuditSpool spool = spool(1 << 20);
		AuditWriter writer = new AuditWriter(batches, spool, replayed,
				new AuditProperties(16, Duration.ZERO, 100, WAIT, null, null, Duration.ofMillis(50)),
				Schedulers.parallel());
		assertThat(writer.awaitFirstReplay(WAIT)).isTrue();
		this.open.add(writer::close);
		List<CompletableFuture<Void>> calls = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			calls.add(writer.insert(insert("r" + i).record()).toFuture());
		}
		calls.forEach(CompletableFuture::join);
		assertThat(spool.rows()).isEqualTo(20);
		down.set(false);
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (spool.rows() > 0 && System.nanoTime() < deadline) {
			sleep(20);
		}
		assertThat(spool.rows()).isZero();
		assertThat(replayed.rows).hasSize(20);
	}

	@Test
	void aFullSpoolWithholdsTheReadAsWithoutOne() throws InterruptedException {
		AuditWriter.BatchStore batches = (inserts, completions) -> Mono.error(new IllegalStateException("down"));
		AuditSpool spool = spool(10);
		AuditWriter writer = new AuditWriter(batches, spool, new Store(),
				new AuditProperties(16, Duration.ZERO, 100, WAIT, null, null, Duration.ofHours(1)),
				Schedulers.parallel());
		assertThat(writer.awaitFirstReplay(WAIT)).isTrue();
		this.open.add(writer::close);
		assertThatThrownBy(() -> writer.insert(insert("read").record()).block(WAIT))
			.isInstanceOf(AuditWriter.Unavailable.class)
			.hasMessageContaining("nor spooled");
		assertThat(spool.rows()).isZero();
		assertThat(writer.spoolAccepting()).as("a full spool: reads are withheld, /health says unhealthy").isFalse();
	}

	@Test
	void aWriterWithoutASpoolOrClosedDoesNotAcceptRows() throws InterruptedException {
		AuditWriter.BatchStore batches = (inserts, completions) -> Mono.empty();
		AuditWriter without = new AuditWriter(batches, new AuditProperties(16, Duration.ZERO, 100, WAIT),
				Schedulers.parallel());
		this.open.add(without::close);
		assertThat(without.spoolAccepting()).isFalse();
		AuditWriter with = new AuditWriter(batches, spool(1 << 20), new Store(),
				new AuditProperties(16, Duration.ZERO, 100, WAIT, null, null, Duration.ofHours(1)),
				Schedulers.parallel());
		assertThat(with.awaitFirstReplay(WAIT)).isTrue();
		assertThat(with.spoolAccepting()).isTrue();
		with.close();
		assertThat(with.spoolAccepting()).isFalse();
	}

	@Test
	void propertiesDefaultAndRefuseNonsense() {
		AuditProperties defaults = new AuditProperties(null, null, null, null);
		assertThat(defaults.spoolEnabled()).isTrue();
		assertThat(defaults.spoolMaxSize().toMegabytes()).isEqualTo(256);
		assertThat(defaults.spoolReplayInterval()).isEqualTo(Duration.ofSeconds(5));
		assertThat(defaults.spoolDir()).isNull();
		assertThat(new AuditProperties(null, null, null, null, null, org.springframework.util.unit.DataSize.ofBytes(0),
				null)
			.spoolEnabled()).isFalse();
		assertThatThrownBy(() -> new AuditProperties(null, null, null, null, null, null, Duration.ZERO))
			.hasMessageContaining("spool-replay-interval");
	}

	// --- helpers
	// --------------------------------------------------------------------------------

	private AuditSpool spool(long maxBytes) {
		return spool("r1", maxBytes);
	}

	private AuditSpool spool(String replica, long maxBytes) {
		AuditSpool spool = AuditSpool.open(this.dir, replica, maxBytes);
		if (spool != null) {
			this.open.add(spool);
		}
		return spool;
	}

	private static final Instant T0 = Instant.parse("2026-12-04T10:00:00.123456Z");

	static AuditSpool.Entry insert(String callId) {
		return new AuditSpool.Entry(
				new AuditRecord(0, callId, T0, T0.plus(3, ChronoUnit.MILLIS), "acme", "tok-1", "agent", "docs_services",
						false, "{\"service_id\":\"n8n\"}", AuditRecord.OK, 3L, "req-" + callId, "rest"),
				false);
	}

	static AuditSpool.Entry completion(String callId) {
		return new AuditSpool.Entry(new AuditRecord(0, callId, T0, T0.plusSeconds(1), "acme", "tok-1", "agent",
				"workflows_trigger", true, "{}", AuditRecord.OK, 1000L, "req-" + callId, "mcp"), true);
	}

	static AuditRecord intent(String callId) {
		return new AuditRecord(0, callId, T0, null, "acme", "tok-1", "agent", "workflows_trigger", true, "{}",
				AuditRecord.PENDING, null, UUID.randomUUID().toString(), "rest");
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
	 * A store that keeps what it is replayed, inserting only call ids it lacks (as
	 * {@link AuditStore#replay} does); can fail after some calls, or while down.
	 */
	static final class Store implements AuditSpool.Target {

		final Map<String, AuditRecord> rows = Collections.synchronizedMap(new LinkedHashMap<>());

		final List<String> inserted = Collections.synchronizedList(new ArrayList<>());

		final List<String> completions = Collections.synchronizedList(new ArrayList<>());

		final AtomicInteger calls = new AtomicInteger();

		volatile int failAfter = Integer.MAX_VALUE;

		volatile AtomicBoolean down = new AtomicBoolean();

		@Override
		public Mono<Void> replay(List<AuditRecord> inserts, List<AuditRecord> completed) {
			return Mono.fromRunnable(() -> {
				if (this.down.get() || this.calls.get() >= this.failAfter) {
					throw new IllegalStateException("the store went away");
				}
				this.calls.incrementAndGet();
				for (AuditRecord record : inserts) {
					if (this.rows.putIfAbsent(record.callId(), record) == null) {
						this.inserted.add(record.callId());
					}
				}
				completed.forEach((record) -> this.completions.add(record.callId()));
			});
		}

	}

}
