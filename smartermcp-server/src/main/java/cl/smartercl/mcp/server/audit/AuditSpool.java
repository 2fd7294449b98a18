package cl.smartercl.mcp.server.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * A replica's durable local audit spool: where the rows of calls that may be answered
 * without the audit store (reads, refusals, a write's completion) go while the store
 * cannot commit them, until {@link #replay} moves them into the store.
 * <p>
 * Files, in the spool directory, named by the replica id: {@code <id>.jsonl} takes
 * appends; {@code <id>.replaying.jsonl} is the part being moved into the store (renamed
 * from the first when a replay starts, deleted only once every row of it is committed);
 * {@code <id>.lock} is held by the process that owns both ({@link SpoolLock}; a second
 * process of the same replica id in the same directory gets no spool), and kept while it
 * lives: only a replica that adopted the id's files deletes it. Files of another replica
 * id whose lock no live process holds are adopted ({@link SpoolOrphans}): their rows are
 * moved into this spool under that lock. One line per row, checksummed
 * ({@link SpoolLines}), so a line torn by a crash (or damaged on disk) is recognised,
 * skipped with a warning, and never stops the replay. An append is on disk
 * ({@link FileChannel#force}) before it returns: the calls whose rows it holds are
 * answered only then.
 * <p>
 * A replay is idempotent: rows carry their call id (unique in the store) and the store
 * inserts only those it lacks ({@link Target}); completions set the same values again. A
 * crash after the store committed and before the file was deleted replays the file once
 * more and duplicates nothing.
 */
final class AuditSpool implements AutoCloseable {

	/** Moves replayed rows into the store; must be idempotent on call id. */
	interface Target {

		Mono<Void> replay(List<AuditRecord> inserts, List<AuditRecord> completions);

	}

	/** One spooled row: an insert of a complete record, or a write's completion. */
	record Entry(AuditRecord record, boolean completion) {
	}

	/** The spool cannot take the rows: full, or its file could not be written. */
	static final class Unwritable extends IOException {

		Unwritable(String message, Throwable cause) {
			super(message, cause);
		}

	}

	private static final Logger log = LoggerFactory.getLogger(AuditSpool.class);

	/**
	 * How often, 100 ms apart, a start tries its lock before giving up: another replica
	 * adopting this id's old file holds it for the moment it moves the rows (and may
	 * delete it then: each attempt takes the lock of the file the name names).
	 */
	private static final int LOCK_ATTEMPTS = 20;

	private final Path directory;

	private final String replica;

	private final long maxBytes;

	private final Path active;

	private final Path replaying;

	private final SpoolLock lock;

	private final Object monitor = new Object();

	private FileChannel appender;

	private long activeRows;

	private long activeBytes;

	private long replayingRows;

	private long replayingBytes;

	private long skippedLines;

	private boolean closed;

	/** The last append was refused (full, or the file could not be written). */
	private boolean refusing;

	/** A replica's spool file is {@code <replica>.jsonl}. */
	static final String SUFFIX = ".jsonl";

	/** Rows being replayed are in {@code <replica>.replaying.jsonl}. */
	static final String REPLAYING = ".replaying";

	/** The lock a replica holds for as long as its spool is open. */
	static Path lockFile(Path directory, String replica) {
		return directory.resolve(replica + ".lock");
	}

	private AuditSpool(Path directory, String replica, long maxBytes, SpoolLock lock) throws IOException {
		this.directory = directory;
		this.replica = replica;
		this.maxBytes = maxBytes;
		this.active = directory.resolve(replica + SUFFIX);
		this.replaying = directory.resolve(replica + REPLAYING + SUFFIX);
		this.lock = lock;
		long[] counted = SpoolLines.count(this.replaying);
		this.replayingRows = counted[0];
		this.replayingBytes = counted[1];
		counted = SpoolLines.count(this.active);
		this.activeRows = counted[0];
		this.activeBytes = counted[1];
		if (this.activeBytes > 0 && !endsWithNewline(this.active)) {
			// a line torn by a crash: end it, so the next row starts a line of its own
			// (the torn one fails its checksum and is skipped at replay)
			log.warn("The audit spool {} ends in a torn line (a crash while it was written); it will be skipped",
					this.active);
			openAppender().force(false);
		}
		if (rows() > 0) {
			log.warn("The audit spool {} holds {} row(s) from before this start; they will be replayed into the store",
					directory, rows());
		}
	}

	/**
	 * Opens (creating the directory if needed) the spool of a replica, or returns
	 * {@code null} with a warning when another process holds it or it cannot be created.
	 * @param maxBytes the most bytes the spool files may hold together
	 */
	static AuditSpool open(Path directory, String replica, long maxBytes) {
		Path dir = directory.toAbsolutePath().normalize();
		SpoolLock lock = null;
		try {
			Files.createDirectories(dir);
			for (int attempt = 0; lock == null && attempt < LOCK_ATTEMPTS; attempt++) {
				if (attempt > 0) {
					Thread.sleep(100);
				}
				lock = SpoolLock.tryLock(lockFile(dir, replica));
			}
			if (lock == null) {
				log.warn("The audit spool of replica '{}' in {} is held by another process: this one has no spool, so"
						+ " reads are withheld while the audit store is down. Give each replica its own"
						+ " SMARTERMCP_REPLICA_ID or smartermcp.audit.spool-dir", replica, dir);
				return null;
			}
			return new AuditSpool(dir, replica, maxBytes, lock);
		}
		catch (IOException | RuntimeException | InterruptedException ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			if (lock != null) {
				lock.close();
			}
			log.warn("The audit spool {} cannot be used ({}): reads are withheld while the audit store is down", dir,
					ex.toString());
			return null;
		}
	}

	String replica() {
		return this.replica;
	}

	Path directory() {
		return this.directory;
	}

	/** Rows waiting for the store (both files). */
	long rows() {
		synchronized (this.monitor) {
			return this.activeRows + this.replayingRows;
		}
	}

	/** Bytes the spool files hold. */
	long bytes() {
		synchronized (this.monitor) {
			return this.activeBytes + this.replayingBytes;
		}
	}

	/** Lines skipped so far because their checksum failed (torn or damaged). */
	long skippedLines() {
		synchronized (this.monitor) {
			return this.skippedLines;
		}
	}

	long maxBytes() {
		return this.maxBytes;
	}

	/**
	 * Whether the spool takes rows: open, below its bound, and its last append was not
	 * refused (full or unwritable; a later append that succeeds, or a replay that frees
	 * room, clears that).
	 */
	boolean accepting() {
		synchronized (this.monitor) {
			return !this.closed && !this.refusing && this.activeBytes + this.replayingBytes < this.maxBytes;
		}
	}

	/**
	 * Appends the rows and forces them to disk; once this returns they survive a crash.
	 * @throws Unwritable when they would take the spool past its bound (nothing is
	 * written) or the file cannot be written
	 */
	void append(List<Entry> entries) throws Unwritable {
		if (entries.isEmpty()) {
			return;
		}
		ByteArrayOutputStream lines = new ByteArrayOutputStream(entries.size() * 512);
		for (Entry entry : entries) {
			lines.writeBytes(SpoolLines.line(SpoolLines.servedBy(entry, this.replica)));
		}
		appendLines(lines.toByteArray(), entries.size());
	}

	/**
	 * Appends whole lines (each ending in {@code \n}, each a valid spool line) and forces
	 * them to disk.
	 * @throws Unwritable as {@link #append}
	 */
	void appendLines(byte[] bytes, long rows) throws Unwritable {
		synchronized (this.monitor) {
			if (this.closed) {
				throw new Unwritable("the audit spool " + this.directory + " is closed", null);
			}
			long used = this.activeBytes + this.replayingBytes;
			if (used + bytes.length > this.maxBytes) {
				this.refusing = true;
				throw new Unwritable(String.format(Locale.ROOT,
						"the audit spool %s is full (%d of %d bytes, smartermcp.audit.spool-max-size)", this.directory,
						used, this.maxBytes), null);
			}
			try {
				FileChannel channel = openAppender();
				ByteBuffer buffer = ByteBuffer.wrap(bytes);
				while (buffer.hasRemaining()) {
					channel.write(buffer);
				}
				channel.force(false);
			}
			catch (IOException ex) {
				// what was written may be a torn line: the file is reopened (and the line
				// ended) on the next append
				closeAppender();
				this.refusing = true;
				throw new Unwritable("the audit spool " + this.active + " could not be written", ex);
			}
			this.activeRows += rows;
			this.activeBytes += bytes.length;
			this.refusing = false;
		}
	}

	/**
	 * Moves the spooled rows into the store, {@code chunk} rows per call of the target;
	 * the file of the replayed rows is deleted once all of them are committed. Rows
	 * appended meanwhile wait for the next replay.
	 * @return the rows replayed (skipped lines not counted)
	 * @throws RuntimeException the target's failure: the rows stay, and the next replay
	 * starts again from the first (the target skips those already stored)
	 */
	long replay(Target target, int chunk, java.time.Duration timeout) throws IOException {
		synchronized (this.monitor) {
			if (!Files.exists(this.replaying)) {
				if (this.activeRows == 0 && this.activeBytes == 0) {
					return 0;
				}
				closeAppender();
				Files.move(this.active, this.replaying, StandardCopyOption.ATOMIC_MOVE);
				syncDirectory();
				this.replayingRows = this.activeRows;
				this.replayingBytes = this.activeBytes;
				this.activeRows = 0;
				this.activeBytes = 0;
			}
		}
		List<Entry> batch = new ArrayList<>(chunk);
		long[] replayed = { 0 };
		long skipped = SpoolLines.readLines(this.replaying, (line, entry) -> {
			batch.add(entry);
			if (batch.size() >= chunk) {
				send(target, batch, timeout);
				replayed[0] += batch.size();
				batch.clear();
			}
		});
		if (!batch.isEmpty()) {
			send(target, batch, timeout);
			replayed[0] += batch.size();
		}
		synchronized (this.monitor) {
			Files.delete(this.replaying);
			syncDirectory();
			this.replayingRows = 0;
			this.replayingBytes = 0;
			// room again: the next append finds out whether it is enough
			this.refusing = false;
			this.skippedLines += skipped;
		}
		return replayed[0];
	}

	/** Counts lines skipped elsewhere (an adopted file's). */
	void addSkipped(long lines) {
		synchronized (this.monitor) {
			this.skippedLines += lines;
		}
	}

	private static void send(Target target, List<Entry> batch, java.time.Duration timeout) {
		List<AuditRecord> inserts = new ArrayList<>();
		List<AuditRecord> completions = new ArrayList<>();
		for (Entry entry : batch) {
			(entry.completion() ? completions : inserts).add(entry.record());
		}
		target.replay(inserts, completions).block(timeout);
	}

	@Override
	public void close() {
		synchronized (this.monitor) {
			if (this.closed) {
				return;
			}
			this.closed = true;
			closeAppender();
			this.lock.close();
		}
	}

	// --- files
	// ------------------------------------------------------------------------------------

	private FileChannel openAppender() throws IOException {
		if (this.appender == null) {
			boolean created = !Files.exists(this.active);
			this.appender = FileChannel.open(this.active, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
					StandardOpenOption.APPEND);
			if (created) {
				syncDirectory();
			}
			else if (this.appender.size() > 0 && !endsWithNewline(this.active)) {
				// a failed append left a torn line: end it
				ByteBuffer end = ByteBuffer.wrap(new byte[] { '\n' });
				while (end.hasRemaining()) {
					this.appender.write(end);
				}
				this.activeBytes = this.appender.size();
			}
		}
		return this.appender;
	}

	private void closeAppender() {
		if (this.appender != null) {
			try {
				this.appender.close();
			}
			catch (IOException ex) {
				log.warn("audit spool {} could not be closed: {}", this.active, ex.toString());
			}
			this.appender = null;
		}
	}

	/** The file's entry (a creation, a rename, a deletion) on disk too. */
	void syncDirectory() {
		try (FileChannel dir = FileChannel.open(this.directory, StandardOpenOption.READ)) {
			dir.force(true);
		}
		catch (IOException ex) {
			// some file systems cannot open a directory: the file's own force still holds
			log.debug("audit spool directory {} could not be forced: {}", this.directory, ex.toString());
		}
	}

	private static boolean endsWithNewline(Path file) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			long size = channel.size();
			if (size == 0) {
				return true;
			}
			ByteBuffer last = ByteBuffer.allocate(1);
			channel.read(last, size - 1);
			return last.get(0) == '\n';
		}
	}

	@Override
	public String toString() {
		return "AuditSpool[" + this.directory + ", replica " + this.replica + "]";
	}

}
