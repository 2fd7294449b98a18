package cl.smartercl.mcp.server.audit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lock of a spool lock file ({@link AuditSpool#lockFile}), held by this process until
 * {@link #close}: an OS lock, released by the OS when the process dies.
 * <p>
 * A lock file is deleted by the replica that adopted its id's files ({@link #deleteFile},
 * while it holds the lock). A lock taken on a file opened by its name may then be the
 * lock of a file that no longer has that name: opened just before the deletion, locked
 * just after it, while another process creates and locks a new file of that name — two
 * owners of one id. So whoever takes a lock checks that the name still names the file it
 * locked, and if not (deleted, or replaced), lets it go and starts again from the name.
 * <p>
 * Java reads no identity from an open channel (no {@code fstat}), and comparing the
 * name's {@code fileKey()} before the opening with that after the locking would miss a
 * new file given the inode number of one deleted meanwhile. The JVM, though, knows which
 * file a channel is on: it keys its table of the locks it holds by the file's identity
 * (device and inode on Unix), and refuses a lock overlapping one of them with
 * {@link OverlappingFileLockException} ({@link FileChannel#tryLock}). The check opens the
 * name again and asks that second channel for the lock: refused as overlapping, it is on
 * the file this process just locked (no other lock of that name is held in this process:
 * {@link #HELD}); granted, or refused by another process, it is on another file; and
 * absent, the file was deleted. The second channel stays open until the lock is released:
 * closing a channel drops every lock the process holds on its file (POSIX locks belong to
 * the process).
 */
final class SpoolLock implements AutoCloseable {

	/** Runs between opening a lock file and taking its lock (a test's window). */
	interface Opened {

		void opened(Path file) throws IOException;

	}

	/** A file's identity as its file system reports it; {@code null} when it has none. */
	interface Identity {

		Object of(Path file) throws IOException;

	}

	private static final Logger log = LoggerFactory.getLogger(SpoolLock.class);

	/**
	 * Lock files whose lock this JVM holds, or is taking. No other channel of this JVM
	 * locks one of them meanwhile: closing it would drop the process's lock on the file
	 * at the OS level, and the check above counts on it. Keyed by the path as
	 * {@link AuditSpool#open} spells it (absolute, normalised): a process spells its
	 * spool directory one way.
	 */
	private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

	/**
	 * How often a lock found on a file that no longer has its name is let go and taken
	 * again at once: each time, another process deleted the file, or made a new one.
	 */
	private static final int ATTEMPTS = 10;

	private final Path file;

	private final FileChannel channel;

	private final FileLock lock;

	/** The check's second channel on the file, closed once the lock is released. */
	private final FileChannel check;

	private final Identity identity;

	/** The file's identity when the lock was taken; {@code null} when it has none. */
	private final Object key;

	private boolean closed;

	private SpoolLock(Path file, FileChannel channel, FileLock lock, FileChannel check, Identity identity, Object key) {
		this.file = file;
		this.channel = channel;
		this.lock = lock;
		this.check = check;
		this.identity = identity;
		this.key = key;
	}

	/**
	 * Takes the lock of a spool lock file (created when missing) without waiting, on the
	 * file its name names once it is held.
	 * @return {@code null} when a live process holds it (this one included), or the name
	 * kept changing under the attempts
	 */
	static SpoolLock tryLock(Path file) throws IOException {
		return tryLock(file, (opened) -> {
		}, SpoolLock::fileKey);
	}

	static SpoolLock tryLock(Path file, Opened opened, Identity identity) throws IOException {
		if (!HELD.add(file)) {
			return null;
		}
		SpoolLock held = null;
		try {
			for (int attempt = 0; held == null && attempt < ATTEMPTS; attempt++) {
				FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
				try {
					opened.opened(file);
					FileLock lock = lock(channel);
					if (lock == null) {
						channel.close();
						return null;
					}
					held = check(file, channel, lock, identity);
					if (held == null) {
						log.debug(
								"audit spool lock {} was deleted or replaced while it was being locked; taking it again",
								file);
						channel.close();
					}
				}
				catch (IOException | RuntimeException ex) {
					closeQuietly(channel, ex);
					throw ex;
				}
			}
			return held;
		}
		finally {
			if (held == null) {
				HELD.remove(file);
			}
		}
	}

	/** The lock, without waiting; {@code null} when a live process holds it. */
	private static FileLock lock(FileChannel channel) throws IOException {
		try {
			return channel.tryLock();
		}
		catch (OverlappingFileLockException ex) {
			// this process holds it through another name of the file
			return null;
		}
	}

	/**
	 * The held lock, when the name still names the file of {@code channel}; {@code null}
	 * when it names another file, or none (the caller closes the channel).
	 */
	private static SpoolLock check(Path file, FileChannel channel, FileLock lock, Identity identity)
			throws IOException {
		FileChannel check;
		try {
			check = FileChannel.open(file, StandardOpenOption.WRITE);
		}
		catch (NoSuchFileException ex) {
			return null;
		}
		try {
			FileLock other = check.tryLock();
			if (other != null) {
				other.release();
			}
			check.close();
			return null;
		}
		catch (OverlappingFileLockException same) {
			return new SpoolLock(file, channel, lock, check, identity, key(file, identity));
		}
		catch (IOException | RuntimeException ex) {
			closeQuietly(check, ex);
			throw ex;
		}
	}

	/**
	 * The file's identity, for {@link #deleteFile}; {@code null} (the file is kept) when
	 * it cannot be read: the lock is held all the same.
	 */
	private static Object key(Path file, Identity identity) {
		try {
			return identity.of(file);
		}
		catch (IOException | RuntimeException ex) {
			log.debug("audit spool lock {}: its identity could not be read ({}); the file is kept", file,
					ex.toString());
			return null;
		}
	}

	/** {@code fileKey()}, or {@code null} when the file is gone or has none. */
	static Object fileKey(Path file) throws IOException {
		try {
			return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
		}
		catch (NoSuchFileException ex) {
			return null;
		}
	}

	Path file() {
		return this.file;
	}

	/**
	 * Deletes the lock file while its lock is held (the lock is still to be released): a
	 * process that opened it before sees, once it has the lock, that the name is gone and
	 * starts again from it. Kept where the file system gives its files no identity
	 * ({@code fileKey()} {@code null}, as on Windows): what tells the deleted file from
	 * its successor is missing there, and a lock file kept is safe (empty, it holds
	 * nothing and is locked again); kept too when the name no longer names the file of
	 * the lock (a change no process of this protocol makes while the lock is held).
	 * @return whether it was deleted
	 */
	boolean deleteFile() throws IOException {
		if (this.key == null || !this.key.equals(this.identity.of(this.file))) {
			return false;
		}
		Files.delete(this.file);
		return true;
	}

	@Override
	public void close() {
		synchronized (this) {
			if (this.closed) {
				// a second close must not free the name of a lock taken since
				return;
			}
			this.closed = true;
		}
		try {
			this.lock.release();
		}
		catch (IOException ex) {
			// closing the channel below drops it all the same
			log.warn("audit spool lock {} could not be released: {}", this.file, ex.toString());
		}
		finally {
			close(this.channel);
			close(this.check);
			HELD.remove(this.file);
		}
	}

	private void close(FileChannel channel) {
		try {
			channel.close();
		}
		catch (IOException ex) {
			log.warn("audit spool lock {} could not be closed: {}", this.file, ex.toString());
		}
	}

	private static void closeQuietly(FileChannel channel, Exception failure) {
		try {
			channel.close();
		}
		catch (IOException closing) {
			failure.addSuppressed(closing);
		}
	}

}
