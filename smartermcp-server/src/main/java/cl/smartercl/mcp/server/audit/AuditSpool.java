package cl.smartercl.mcp.server.audit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32C;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import cl.smartercl.mcp.core.schema.ToolJson;

/**
 * A replica's durable local audit spool: where the rows of calls that may be answered
 * without the audit store (reads, refusals, a write's completion) go while the store
 * cannot commit them, until {@link #replay} moves them into the store.
 * <p>
 * Files, in the spool directory, named by the replica id: {@code <id>.jsonl} takes
 * appends; {@code <id>.replaying.jsonl} is the part being moved into the store (renamed
 * from the first when a replay starts, deleted only once every row of it is committed);
 * {@code <id>.lock} is held by the process that owns both (a second process of the same
 * replica id in the same directory gets no spool). One line per row, JSON:
 * {@code {"crc32c":"<8 hex>","record":{…}}}, the checksum taken over the exact UTF-8
 * bytes of the {@code record} text, so a line torn by a crash (or damaged on disk) is
 * recognised, skipped with a warning, and never stops the replay. An append is on disk
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

	// {"crc32c":"xxxxxxxx","record":
	private static final String PREFIX_START = "{\"crc32c\":\"";

	private static final String PREFIX_END = "\",\"record\":";

	private static final int PREFIX_LENGTH = PREFIX_START.length() + 8 + PREFIX_END.length();

	private final Path directory;

	private final String replica;

	private final long maxBytes;

	private final Path active;

	private final Path replaying;

	private final FileChannel lockChannel;

	private final FileLock lock;

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

	private AuditSpool(Path directory, String replica, long maxBytes, FileChannel lockChannel, FileLock lock)
			throws IOException {
		this.directory = directory;
		this.replica = replica;
		this.maxBytes = maxBytes;
		this.active = directory.resolve(replica + ".jsonl");
		this.replaying = directory.resolve(replica + ".replaying.jsonl");
		this.lockChannel = lockChannel;
		this.lock = lock;
		long[] counted = count(this.replaying);
		this.replayingRows = counted[0];
		this.replayingBytes = counted[1];
		counted = count(this.active);
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
		FileChannel lockChannel = null;
		try {
			Files.createDirectories(dir);
			lockChannel = FileChannel.open(dir.resolve(replica + ".lock"), StandardOpenOption.CREATE,
					StandardOpenOption.WRITE);
			FileLock lock;
			try {
				lock = lockChannel.tryLock();
			}
			catch (OverlappingFileLockException ex) {
				lock = null;
			}
			if (lock == null) {
				lockChannel.close();
				log.warn("The audit spool of replica '{}' in {} is held by another process: this one has no spool, so"
						+ " reads are withheld while the audit store is down. Give each replica its own"
						+ " SMARTERMCP_REPLICA_ID or smartermcp.audit.spool-dir", replica, dir);
				return null;
			}
			return new AuditSpool(dir, replica, maxBytes, lockChannel, lock);
		}
		catch (IOException | RuntimeException ex) {
			if (lockChannel != null) {
				try {
					lockChannel.close();
				}
				catch (IOException closing) {
					ex.addSuppressed(closing);
				}
			}
			log.warn("The audit spool {} cannot be used ({}): reads are withheld while the audit store is down", dir,
					ex.toString());
			return null;
		}
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
			lines.writeBytes(line(entry));
		}
		byte[] bytes = lines.toByteArray();
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
			this.activeRows += entries.size();
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
		long replayed = 0;
		long skipped = 0;
		try (InputStream in = new BufferedInputStream(Files.newInputStream(this.replaying), 1 << 16)) {
			List<Entry> batch = new ArrayList<>(chunk);
			ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
			long number = 0;
			int b;
			while (true) {
				b = in.read();
				if (b == '\n' || b == -1) {
					if (b == -1 && line.size() == 0) {
						break;
					}
					number++;
					Entry entry = (b == -1) ? null : parse(line.toByteArray());
					if (entry == null) {
						skipped++;
						log.warn("audit spool {} line {}: {}; skipped", this.replaying, number,
								(b == -1) ? "torn (no line end)" : "checksum or format does not match");
					}
					else {
						batch.add(entry);
						if (batch.size() >= chunk) {
							send(target, batch, timeout);
							replayed += batch.size();
							batch.clear();
						}
					}
					line.reset();
					if (b == -1) {
						break;
					}
				}
				else {
					line.write(b);
				}
			}
			if (!batch.isEmpty()) {
				send(target, batch, timeout);
				replayed += batch.size();
			}
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
		return replayed;
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
			try {
				this.lock.release();
				this.lockChannel.close();
			}
			catch (IOException ex) {
				log.warn("audit spool lock {} could not be released: {}", this.directory, ex.toString());
			}
		}
	}

	// --- the file format
	// ------------------------------------------------------------------------

	static byte[] line(Entry entry) {
		byte[] record = ToolJson.mapper().writeValueAsString(json(entry)).getBytes(StandardCharsets.UTF_8);
		CRC32C crc = new CRC32C();
		crc.update(record);
		byte[] prefix = (PREFIX_START + String.format(Locale.ROOT, "%08x", crc.getValue()) + PREFIX_END)
			.getBytes(StandardCharsets.US_ASCII);
		byte[] line = new byte[prefix.length + record.length + 2];
		System.arraycopy(prefix, 0, line, 0, prefix.length);
		System.arraycopy(record, 0, line, prefix.length, record.length);
		line[line.length - 2] = '}';
		line[line.length - 1] = '\n';
		return line;
	}

	/** A line without its end; {@code null} when its checksum or form is wrong. */
	static Entry parse(byte[] line) {
		if (line.length < PREFIX_LENGTH + 3 || line[line.length - 1] != '}') {
			return null;
		}
		String prefix = new String(line, 0, PREFIX_LENGTH, StandardCharsets.US_ASCII);
		if (!prefix.startsWith(PREFIX_START) || !prefix.endsWith(PREFIX_END)) {
			return null;
		}
		long expected;
		try {
			expected = Long.parseLong(prefix.substring(PREFIX_START.length(), PREFIX_START.length() + 8), 16);
		}
		catch (NumberFormatException ex) {
			return null;
		}
		CRC32C crc = new CRC32C();
		crc.update(line, PREFIX_LENGTH, line.length - PREFIX_LENGTH - 1);
		if (crc.getValue() != expected) {
			return null;
		}
		try {
			JsonNode json = ToolJson.mapper()
				.readTree(new String(line, PREFIX_LENGTH, line.length - PREFIX_LENGTH - 1, StandardCharsets.UTF_8));
			return entry(json);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static ObjectNode json(Entry entry) {
		AuditRecord r = entry.record();
		ObjectNode node = ToolJson.mapper().createObjectNode();
		node.put("kind", entry.completion() ? "completion" : "insert");
		node.put("call_id", r.callId());
		node.put("started_at", r.startedAt().toString());
		node.put("completed_at", (r.completedAt() != null) ? r.completedAt().toString() : null);
		node.put("tenant_id", r.tenantId());
		node.put("token_id", r.tokenId());
		node.put("token_name", r.tokenName());
		node.put("tool", r.tool());
		node.put("write", r.write());
		node.put("arguments", r.arguments());
		node.put("outcome", r.outcome());
		node.put("duration_ms", r.durationMs());
		node.put("request_id", r.requestId());
		node.put("transport", r.transport());
		node.put("confirmation", r.confirmation());
		return node;
	}

	private static Entry entry(JsonNode json) {
		String kind = json.get("kind").asString();
		if (!kind.equals("insert") && !kind.equals("completion")) {
			throw new IllegalArgumentException("kind " + kind);
		}
		AuditRecord record = new AuditRecord(0, json.get("call_id").asString(),
				Instant.parse(json.get("started_at").asString()), instant(json.get("completed_at")),
				json.get("tenant_id").asString(), json.get("token_id").asString(), json.get("token_name").asString(),
				json.get("tool").asString(), json.get("write").asBoolean(), json.get("arguments").asString(),
				json.get("outcome").asString(),
				json.get("duration_ms").isNull() ? null : json.get("duration_ms").asLong(),
				json.get("request_id").asString(), json.get("transport").asString(), text(json.get("confirmation")),
				null);
		return new Entry(record, kind.equals("completion"));
	}

	private static Instant instant(JsonNode node) {
		return (node == null || node.isNull()) ? null : Instant.parse(node.asString());
	}

	private static String text(JsonNode node) {
		return (node == null || node.isNull()) ? null : node.asString();
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
	private void syncDirectory() {
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

	/** Valid rows and bytes of a spool file (0, 0 when absent). */
	private static long[] count(Path file) throws IOException {
		if (!Files.exists(file)) {
			return new long[] { 0, 0 };
		}
		long rows = 0;
		try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
			ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
			int b;
			while ((b = in.read()) != -1) {
				if (b == '\n') {
					if (parse(line.toByteArray()) != null) {
						rows++;
					}
					line.reset();
				}
				else {
					line.write(b);
				}
			}
		}
		return new long[] { rows, Files.size(file) };
	}

	@Override
	public String toString() {
		return "AuditSpool[" + this.directory + ", replica " + this.replica + "]";
	}

}
