package cl.smartercl.mcp.server.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A spool lock is the lock of the file its name names once it is held: a lock file
 * deleted (or replaced) between its opening and its locking is noticed and the name
 * opened again, so a process never holds the lock of a deleted file while another holds
 * that of the new one. The file is deleted (while held) only where files have an
 * identity, and only the one the lock is on.
 */
class SpoolLockTests {

	private static final SpoolLock.Opened NOTHING = (file) -> {
	};

	@TempDir
	Path dir;

	@TempDir
	Path work;

	@AutoClose
	private final Closeables open = new Closeables();

	@Test
	void aLockFileDeletedBetweenItsOpeningAndItsLockingIsOpenedAgain() throws Exception {
		Path file = this.dir.resolve("r1.lock");
		AtomicInteger openings = new AtomicInteger();
		// an adopter deletes the file (and lets its lock go) after this process opened it
		SpoolLock lock = lock(file, (opened) -> {
			if (openings.incrementAndGet() == 1) {
				Files.delete(opened);
			}
		});

		assertThat(lock).isNotNull();
		assertThat(openings).as("the deleted file let go, the name opened again").hasValue(2);
		assertThat(file).exists();
		// the lock held is that of the file the name names: no other process gets it
		assertThat(OtherProcess.canLock(file, this.work)).isFalse();
	}

	@Test
	void aLockFileReplacedBetweenItsOpeningAndItsLockingByOneAnotherProcessHoldsIsNotTaken() throws Exception {
		Path file = this.dir.resolve("r1.lock");
		AtomicReference<Process> holder = new AtomicReference<>();
		AtomicReference<Object> key = new AtomicReference<>();
		try {
			// the classic race: deleted after this process opened it, and a new file made
			// and locked by another process before this one locks the deleted one
			SpoolLock lock = lock(file, (opened) -> {
				if (holder.get() == null) {
					Files.delete(opened);
					holder.set(OtherProcess.holdLock(opened, this.work));
					key.set(SpoolLock.fileKey(opened));
				}
			});

			assertThat(lock).as("the name's file is the other process's").isNull();
			assertThat(key.get()).isNotNull();
			assertThat(SpoolLock.fileKey(file)).as("its file untouched").isEqualTo(key.get());
			assertThat(OtherProcess.canLock(file, this.work)).as("and still locked").isFalse();
		}
		finally {
			if (holder.get() != null) {
				OtherProcess.release(holder.get());
			}
		}
		// that process gone, the lock is free again
		assertThat(lock(file, NOTHING)).isNotNull();
	}

	@Test
	void aLockFileAnotherProcessHoldsIsNotTakenAndTheOneThisProcessHoldsNotTwice() throws Exception {
		Path file = this.dir.resolve("r1.lock");
		Process holder = OtherProcess.holdLock(file, this.work);
		try {
			assertThat(lock(file, NOTHING)).isNull();
		}
		finally {
			OtherProcess.release(holder);
		}
		assertThat(lock(file, NOTHING)).isNotNull();
		assertThat(lock(file, NOTHING)).isNull();
	}

	@Test
	void theLockFileIsDeletedWhileHeldAndTheNameIsFreeForANewOne() throws Exception {
		Path file = this.dir.resolve("r1.lock");
		SpoolLock lock = lock(file, NOTHING);

		assertThat(lock.deleteFile()).isTrue();
		assertThat(file).doesNotExist();
		// the deleted file's lock, still held, keeps no one out of the name's new file
		assertThat(OtherProcess.canLock(file, this.work)).isTrue();
		lock.close();
		assertThat(lock(file, NOTHING)).isNotNull();
	}

	@Test
	void whereFilesHaveNoIdentityOrItCannotBeReadTheLockFileIsKept() throws Exception {
		Path file = this.dir.resolve("r1.lock");
		SpoolLock lock = SpoolLock.tryLock(file, NOTHING, (path) -> null);
		this.open.add(lock);

		assertThat(lock.deleteFile()).isFalse();
		assertThat(file).exists();
		assertThat(OtherProcess.canLock(file, this.work)).isFalse();

		// nor where it cannot be read: the lock is held all the same
		Path other = this.dir.resolve("r2.lock");
		SpoolLock unread = SpoolLock.tryLock(other, NOTHING, (path) -> {
			throw new IOException("no attributes here");
		});
		this.open.add(unread);
		assertThat(unread.deleteFile()).isFalse();
		assertThat(other).exists();
		assertThat(OtherProcess.canLock(other, this.work)).isFalse();
	}

	@Test
	void aFileThatIsNoLongerTheLockedOneIsNotDeleted() throws Exception {
		Path file = this.dir.resolve("r1.lock");
		SpoolLock lock = lock(file, NOTHING);
		// a hand outside the protocol replaced it
		Files.delete(file);
		Files.createFile(file);
		Object replacement = SpoolLock.fileKey(file);

		assertThat(lock.deleteFile()).isFalse();
		assertThat(SpoolLock.fileKey(file)).isEqualTo(replacement);
	}

	private SpoolLock lock(Path file, SpoolLock.Opened opened) throws Exception {
		SpoolLock lock = SpoolLock.tryLock(file, opened, SpoolLock::fileKey);
		if (lock != null) {
			this.open.add(lock);
		}
		return lock;
	}

}
