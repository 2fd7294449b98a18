package cl.smartercl.mcp.server.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adopts the spool files of other replica ids in this spool's directory whose lock no
 * live process holds (a replica whose id changed, a container recreated under another
 * host name): their rows are moved into this spool, which replays them into the store as
 * its own (idempotent on call id), and the file is deleted once they are on disk here.
 * <p>
 * A file is touched only while its owner's lock is held here, taken without waiting as
 * the owner takes it: a live owner (appending, or replaying) holds it, so its files are
 * left alone, and two adopters never move the same file at once. Once none of an owner's
 * files is left, its lock file is deleted too, before the lock is released
 * ({@link SpoolLock}: whoever opened it meanwhile finds it gone and takes a new one). The
 * rows are moved under the lock rather than replayed under it: moving takes a moment and
 * needs no store, so a replica starting again under that id is not locked out of its
 * spool while the store is slow or down.
 */
final class SpoolOrphans {

	private static final Logger log = LoggerFactory.getLogger(SpoolOrphans.class);

	/** Bytes moved per append (each forced to disk). */
	private static final int CHUNK_BYTES = 1 << 20;

	private final AuditSpool spool;

	/** Files already warned about (no room, no valid line), once each. */
	private final Set<Path> warned = ConcurrentHashMap.newKeySet();

	SpoolOrphans(AuditSpool spool) {
		this.spool = spool;
	}

	/**
	 * Moves every orphaned file that fits into this spool's room.
	 * @return the rows moved
	 */
	long adopt() {
		List<Path> files;
		try (Stream<Path> listing = Files.list(this.spool.directory())) {
			files = listing.filter((file) -> file.getFileName().toString().endsWith(AuditSpool.SUFFIX))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			log.warn("audit spool directory {} could not be listed for files of other replicas: {}",
					this.spool.directory(), ex.toString());
			return 0;
		}
		long moved = 0;
		for (Path file : files) {
			List<String> owners = owners(file);
			if (owners.contains(this.spool.replica()) || !Files.isRegularFile(file)) {
				continue;
			}
			try {
				moved += adopt(file, owners);
			}
			catch (IOException | RuntimeException ex) {
				log.warn("audit spool {} of replica '{}' could not be adopted (it stays for a later pass): {}", file,
						owners.get(0), ex.toString());
			}
		}
		return moved;
	}

	/**
	 * The replica ids that may own a file: {@code <id>.jsonl} is {@code <id>}'s, and
	 * {@code <id>.replaying.jsonl} is {@code <id>}'s — or, as ids may hold dots, the
	 * active file of {@code <id>.replaying}: both locks are taken.
	 */
	static List<String> owners(Path file) {
		String name = file.getFileName().toString();
		String base = name.substring(0, name.length() - AuditSpool.SUFFIX.length());
		if (base.endsWith(AuditSpool.REPLAYING) && base.length() > AuditSpool.REPLAYING.length()) {
			return List.of(base.substring(0, base.length() - AuditSpool.REPLAYING.length()), base);
		}
		return List.of(base);
	}

	private long adopt(Path file, List<String> owners) throws IOException {
		long size;
		try {
			size = Files.size(file);
		}
		catch (NoSuchFileException ex) {
			return 0;
		}
		if (this.spool.bytes() + size > this.spool.maxBytes()) {
			if (this.warned.add(file)) {
				log.warn("audit spool {} of replica '{}' ({} bytes) waits: this replica's spool has no room for it"
						+ " (smartermcp.audit.spool-max-size)", file, owners.get(0), size);
			}
			return 0;
		}
		List<SpoolLock> locks = new ArrayList<>(owners.size());
		try {
			for (String owner : owners) {
				SpoolLock lock = SpoolLock.tryLock(AuditSpool.lockFile(this.spool.directory(), owner));
				if (lock == null) {
					// a live process owns it: its file is not ours to touch
					return 0;
				}
				locks.add(lock);
			}
			if (!Files.exists(file)) {
				// another replica adopted it before this one took the lock
				return 0;
			}
			long[] moved = move(file, owners.get(0));
			if (moved[0] == 0 && size > 0) {
				if (this.warned.add(file)) {
					log.warn("audit spool {} holds no valid line ({} skipped): not a spool file, or wholly damaged;"
							+ " left alone", file, moved[1]);
				}
				return 0;
			}
			Files.delete(file);
			this.spool.syncDirectory();
			this.spool.addSkipped(moved[1]);
			for (int i = 0; i < owners.size(); i++) {
				deleteLockFile(owners.get(i), locks.get(i));
			}
			log.info(
					"audit spool: adopted {} of replica '{}' (no live process holds its lock): {} row(s) moved into"
							+ " this replica's spool for the store{}",
					file, owners.get(0), moved[0], (moved[1] > 0) ? ", " + moved[1] + " damaged line(s) skipped" : "");
			return moved[0];
		}
		finally {
			locks.forEach(SpoolLock::close);
		}
	}

	/**
	 * Deletes an owner's lock file, still held, once none of its spool files is left: the
	 * id is gone. Kept while one is (it waits for room, or holds no valid line), and
	 * where the file system gives files no identity ({@link SpoolLock#deleteFile}).
	 */
	private void deleteLockFile(String owner, SpoolLock lock) {
		Path directory = this.spool.directory();
		if (Files.exists(directory.resolve(owner + AuditSpool.SUFFIX))
				|| Files.exists(directory.resolve(owner + AuditSpool.REPLAYING + AuditSpool.SUFFIX))) {
			return;
		}
		try {
			if (!lock.deleteFile()) {
				log.debug("audit spool lock {} is kept: its file system gives files no identity, or the name names"
						+ " another file", lock.file());
			}
		}
		catch (IOException ex) {
			log.warn("audit spool lock {} could not be deleted (it stays, empty): {}", lock.file(), ex.toString());
		}
	}

	/**
	 * Appends the file's valid lines to this spool, forced to disk; a line that names no
	 * replica (written before lines did) is given the file's.
	 * @return the rows moved and the lines skipped
	 */
	private long[] move(Path file, String owner) throws IOException {
		ByteArrayOutputStream chunk = new ByteArrayOutputStream(64 * 1024);
		long[] rows = { 0, 0 };
		long skipped = SpoolLines.readLines(file, (line, entry) -> {
			if (entry.record().replica() != null) {
				chunk.write(line);
				chunk.write('\n');
			}
			else {
				chunk.write(SpoolLines.line(SpoolLines.servedBy(entry, owner)));
			}
			rows[1]++;
			if (chunk.size() >= CHUNK_BYTES) {
				this.spool.appendLines(chunk.toByteArray(), rows[1]);
				rows[0] += rows[1];
				rows[1] = 0;
				chunk.reset();
			}
		});
		if (chunk.size() > 0) {
			this.spool.appendLines(chunk.toByteArray(), rows[1]);
			rows[0] += rows[1];
		}
		return new long[] { rows[0], skipped };
	}

}
