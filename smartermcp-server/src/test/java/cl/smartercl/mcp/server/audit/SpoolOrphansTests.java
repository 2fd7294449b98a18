package cl.smartercl.mcp.server.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static cl.smartercl.mcp.server.audit.AuditSpoolTests.completion;
import static cl.smartercl.mcp.server.audit.AuditSpoolTests.insert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Spool files of another replica id in the same directory: adopted (moved into this
 * spool, replayed into the store without duplicates, deleted) when no live process holds
 * their lock; untouched while one does, be it another process or another spool of this
 * one; damaged lines skipped as in a replay. The lock file of an adopted id goes with its
 * last file; it stays while the id has one left, and with a live owner.
 */
@ExtendWith(OutputCaptureExtension.class)
class SpoolOrphansTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@TempDir
	Path dir;

	@AutoClose
	private final Closeables open = new Closeables();

	@Test
	void anOrphanIsAdoptedReplayedOnceAndDeleted(CapturedOutput output) throws Exception {
		// replica 'old' spooled rows, began a replay the store refused (its rows moved to
		// old.replaying.jsonl), spooled more, and went away
		AuditSpool old = AuditSpool.open(this.dir, "old", 1 << 20);
		old.append(List.of(insert("a"), insert("b")));
		AuditSpoolTests.Store refusing = new AuditSpoolTests.Store();
		refusing.failAfter = 0;
		assertThatThrownBy(() -> old.replay(refusing, 100, WAIT)).hasMessageContaining("store went away");
		old.append(List.of(insert("c"), completion("w")));
		old.close();
		assertThat(this.dir.resolve("old.replaying.jsonl")).exists();
		assertThat(this.dir.resolve("old.jsonl")).exists();
		// a line of a spool written before lines named their replica
		Files.write(this.dir.resolve("older.jsonl"), SpoolLines.line(insert("legacy")));

		AuditSpoolTests.Store store = new AuditSpoolTests.Store();
		// 'a' reached the store before (a replay that committed, then a crash)
		store.replay(List.of(insert("a").record()), List.of()).block(WAIT);
		AuditSpool spool = spool("new", 1 << 20);
		spool.append(List.of(insert("own")));
		AuditWriter writer = writer(spool, store);

		assertThat(writer.replayOnce()).isTrue();
		assertThat(store.rows).containsOnlyKeys("a", "b", "c", "own", "legacy");
		assertThat(store.inserted).as("each row inserted once").containsExactly("a", "own", "c", "b", "legacy");
		// each names the replica that served the call, not the one that replayed it
		assertThat(store.rows.get("b").replica()).isEqualTo("old");
		assertThat(store.rows.get("c").replica()).isEqualTo("old");
		assertThat(store.rows.get("legacy").replica()).isEqualTo("older");
		assertThat(store.rows.get("own").replica()).isEqualTo("new");
		assertThat(store.completions).containsExactly("w");
		assertThat(writer.replayedRows()).as("mcp_audit_replayed_rows_total counts them").isEqualTo(6);
		assertThat(spool.rows()).isZero();
		assertThat(this.dir.resolve("old.jsonl")).doesNotExist();
		assertThat(this.dir.resolve("old.replaying.jsonl")).doesNotExist();
		assertThat(this.dir.resolve("new.jsonl")).doesNotExist();
		assertThat(output).contains("adopted " + this.dir.toAbsolutePath().resolve("old.jsonl")
				+ " of replica 'old' (no live process holds its lock): 2 row(s)");
		assertThat(output).contains("adopted " + this.dir.toAbsolutePath().resolve("old.replaying.jsonl")
				+ " of replica 'old' (no live process holds its lock): 2 row(s)");
		// the lock files of the adopted ids went with their last file (old.replaying.lock
		// too, made by the adopter for the second possible owner of
		// old.replaying.jsonl); this replica's stays
		assertThat(this.dir.resolve("old.lock")).doesNotExist();
		assertThat(this.dir.resolve("old.replaying.lock")).doesNotExist();
		assertThat(this.dir.resolve("older.lock")).doesNotExist();
		assertThat(this.dir.resolve("new.lock")).exists();
		// and the id is free for a replica that starts under it again
		assertThat(spool("old", 1 << 20)).isNotNull();
		assertThat(this.dir.resolve("old.lock")).exists();
	}

	@Test
	void aFileWhoseLockAnotherProcessHoldsIsUntouched() throws Exception {
		leftBy("old", insert("a"), insert("b"));
		Path file = this.dir.resolve("old.jsonl");
		byte[] before = Files.readAllBytes(file);
		AuditSpool spool = spool("new", 1 << 20);
		SpoolOrphans orphans = new SpoolOrphans(spool);

		Path lockFile = this.dir.resolve("old.lock");
		Process holder = OtherProcess.holdLock(lockFile, this.dir.resolve("holder"));
		try {
			Object held = SpoolLock.fileKey(lockFile);
			assertThat(orphans.adopt()).isZero();
			assertThat(Files.readAllBytes(file)).isEqualTo(before);
			assertThat(spool.rows()).isZero();
			assertThat(SpoolLock.fileKey(lockFile)).as("its lock file untouched").isNotNull().isEqualTo(held);
			assertThat(OtherProcess.canLock(lockFile, this.dir.resolve("holder"))).isFalse();
		}
		finally {
			OtherProcess.release(holder);
		}
		// that process gone, its lock went with it
		assertThat(orphans.adopt()).isEqualTo(2);
		assertThat(file).doesNotExist();
		assertThat(lockFile).doesNotExist();
		assertThat(spool.rows()).isEqualTo(2);
	}

	@Test
	void theFilesOfALiveSpoolInThisProcessAreUntouchedAndItKeepsWorking() throws Exception {
		AuditSpool other = spool("other", 1 << 20);
		other.append(List.of(insert("a")));
		AuditSpoolTests.Store refusing = new AuditSpoolTests.Store();
		refusing.failAfter = 0;
		assertThatThrownBy(() -> other.replay(refusing, 100, WAIT)).hasMessageContaining("store went away");
		other.append(List.of(insert("b")));
		AuditSpool spool = spool("new", 1 << 20);

		assertThat(new SpoolOrphans(spool).adopt()).isZero();
		assertThat(other.rows()).isEqualTo(2);
		other.append(List.of(insert("c")));
		AuditSpoolTests.Store store = new AuditSpoolTests.Store();
		assertThat(other.replay(store, 100, WAIT)).isEqualTo(1);
		assertThat(other.replay(store, 100, WAIT)).isEqualTo(2);
		assertThat(store.rows).containsOnlyKeys("a", "b", "c");
		// its lock still keeps a second owner out
		assertThat(AuditSpool.open(this.dir, "other", 1 << 20)).isNull();
	}

	@Test
	void damagedLinesAreSkippedAsInAReplay() throws Exception {
		leftBy("old", insert("a"), insert("b"), insert("c"));
		Path file = this.dir.resolve("old.jsonl");
		List<String> lines = Files.readAllLines(file);
		lines.set(1, lines.get(1).replace("\"call_id\":\"b\"", "\"call_id\":\"x\""));
		Files.write(file, lines);
		byte[] torn = SpoolLines.line(insert("torn"));
		Files.write(file, java.util.Arrays.copyOf(torn, torn.length / 2), StandardOpenOption.APPEND);

		AuditSpool spool = spool("new", 1 << 20);
		AuditSpoolTests.Store store = new AuditSpoolTests.Store();
		AuditWriter writer = writer(spool, store);
		assertThat(writer.replayOnce()).isTrue();
		assertThat(store.rows).containsOnlyKeys("a", "c");
		assertThat(spool.skippedLines()).isEqualTo(2);
		assertThat(file).doesNotExist();
	}

	@Test
	void anOrphanWaitsWhileThisSpoolHasNoRoomOrItsOwnRowsWaitForTheStore() throws Exception {
		leftBy("old", insert("a"), insert("b"));
		Path file = this.dir.resolve("old.jsonl");
		AuditSpool small = spool("small", SpoolLines.line(insert("a")).length);
		assertThat(new SpoolOrphans(small).adopt()).as("no room").isZero();
		assertThat(file).exists();
		assertThat(this.dir.resolve("old.lock")).exists();

		AuditSpool spool = spool("new", 1 << 20);
		spool.append(List.of(insert("own")));
		AuditSpoolTests.Store store = new AuditSpoolTests.Store();
		store.failAfter = 0;
		AuditWriter writer = writer(spool, store);
		assertThat(writer.replayOnce()).isFalse();
		assertThat(spool.rows()).as("its own row only").isEqualTo(1);
		assertThat(file).exists();
	}

	@Test
	void aFileWithoutOneValidLineIsLeftAlone() throws Exception {
		Path file = this.dir.resolve("notes.jsonl");
		Files.writeString(file, "{\"not\":\"a spool line\"}\n");
		AuditSpool spool = spool("new", 1 << 20);
		assertThat(new SpoolOrphans(spool).adopt()).isZero();
		assertThat(file).exists();
		assertThat(this.dir.resolve("notes.lock")).as("kept with the file").exists();
		assertThat(spool.rows()).isZero();
	}

	@Test
	void anIdsLockFileStaysWhileOneOfItsFilesWaitsAndGoesWithTheLast() throws Exception {
		// old.replaying.jsonl holds two rows, old.jsonl one
		AuditSpool old = AuditSpool.open(this.dir, "old", 1 << 20);
		old.append(List.of(insert("a"), insert("b")));
		AuditSpoolTests.Store refusing = new AuditSpoolTests.Store();
		refusing.failAfter = 0;
		assertThatThrownBy(() -> old.replay(refusing, 100, WAIT)).hasMessageContaining("store went away");
		old.append(List.of(insert("c")));
		old.close();
		Path lockFile = this.dir.resolve("old.lock");
		// room for two rows: old.jsonl's, then, once that one is replayed, those of
		// old.replaying.jsonl
		AuditSpool spool = spool("new", 2 * Files.size(this.dir.resolve("old.jsonl")) + 10);
		SpoolOrphans orphans = new SpoolOrphans(spool);

		assertThat(orphans.adopt()).isEqualTo(1);
		assertThat(this.dir.resolve("old.jsonl")).doesNotExist();
		assertThat(this.dir.resolve("old.replaying.jsonl")).exists();
		assertThat(lockFile).as("the id still has a file").exists();

		spool.replay(new AuditSpoolTests.Store(), 100, WAIT);
		assertThat(orphans.adopt()).isEqualTo(2);
		assertThat(this.dir.resolve("old.replaying.jsonl")).doesNotExist();
		assertThat(lockFile).doesNotExist();
		assertThat(this.dir.resolve("old.replaying.lock")).doesNotExist();
	}

	@Test
	void anEmptyLeftoverGoesWithTheIdsFilesAndLockFile() throws Exception {
		leftBy("old", insert("a"));
		Files.createFile(this.dir.resolve("old.replaying.jsonl"));
		AuditSpool spool = spool("new", 1 << 20);

		assertThat(new SpoolOrphans(spool).adopt()).isEqualTo(1);
		assertThat(this.dir.resolve("old.jsonl")).doesNotExist();
		assertThat(this.dir.resolve("old.replaying.jsonl")).doesNotExist();
		assertThat(this.dir.resolve("old.lock")).doesNotExist();
		assertThat(this.dir.resolve("old.replaying.lock")).doesNotExist();
		assertThat(spool.rows()).isEqualTo(1);
	}

	@Test
	void aReplayingFileNamesTwoPossibleOwners() {
		assertThat(SpoolOrphans.owners(Path.of("a.b.jsonl"))).containsExactly("a.b");
		assertThat(SpoolOrphans.owners(Path.of("r1.replaying.jsonl"))).containsExactly("r1", "r1.replaying");
		assertThat(SpoolOrphans.owners(Path.of(".replaying.jsonl"))).containsExactly(".replaying");
	}

	// --- helpers
	// --------------------------------------------------------------------------------

	/** The spool a replica left when it stopped with these rows in it. */
	private void leftBy(String replica, AuditSpool.Entry... entries) throws AuditSpool.Unwritable {
		AuditSpool spool = AuditSpool.open(this.dir, replica, 1 << 20);
		spool.append(List.of(entries));
		spool.close();
	}

	private AuditSpool spool(String replica, long maxBytes) {
		AuditSpool spool = AuditSpool.open(this.dir, replica, maxBytes);
		if (spool != null) {
			this.open.add(spool);
		}
		return spool;
	}

	/** A writer whose replayer waits an hour: the test runs its passes. */
	private AuditWriter writer(AuditSpool spool, AuditSpool.Target store) throws InterruptedException {
		AuditWriter writer = new AuditWriter((inserts, completions) -> Mono.empty(), spool, store,
				new AuditProperties(16, Duration.ZERO, 100, WAIT, null, null, Duration.ofHours(1)),
				Schedulers.parallel());
		this.open.addFirst(writer::close);
		assertThat(writer.awaitFirstReplay(WAIT)).isTrue();
		return writer;
	}

}
