package cl.smartercl.mcp.server.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Another process (a JVM of its own) and a spool lock file: it holds the file's lock, or
 * tries it once. OS file locks keep processes apart, not the channels of one process.
 */
final class OtherProcess {

	private static final String SOURCE = """
			import java.nio.channels.FileChannel;
			import java.nio.channels.FileLock;
			import java.nio.file.Path;
			import java.nio.file.StandardOpenOption;

			public class LockHolder {
				public static void main(String[] args) throws Exception {
					try (FileChannel channel = FileChannel.open(Path.of(args[1]), StandardOpenOption.CREATE,
							StandardOpenOption.WRITE)) {
						if (args[0].equals("hold")) {
							try (FileLock lock = channel.lock()) {
								System.out.println("locked");
								System.out.flush();
								System.in.read();
							}
						}
						else {
							try (FileLock lock = channel.tryLock()) {
								System.out.println((lock != null) ? "locked" : "busy");
							}
						}
					}
				}
			}
			""";

	private OtherProcess() {
	}

	/**
	 * Holds the lock of {@code lockFile} (created when missing) until its standard input
	 * closes; returns once it has it.
	 * @param work a directory for the program's source
	 */
	static Process holdLock(Path lockFile, Path work) throws IOException {
		Process process = start("hold", lockFile, work);
		BufferedReader out = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		assertThat(out.readLine()).as("the other process took the lock").isEqualTo("locked");
		return process;
	}

	/** Lets a holder of {@link #holdLock} go, and waits for it to end. */
	static void release(Process holder) throws IOException, InterruptedException {
		holder.getOutputStream().close();
		assertThat(holder.waitFor(60, TimeUnit.SECONDS)).isTrue();
	}

	/**
	 * Whether another process gets the lock of {@code lockFile} (created when missing)
	 * without waiting; it lets it go at once.
	 */
	static boolean canLock(Path lockFile, Path work) throws IOException, InterruptedException {
		Process process = start("try", lockFile, work);
		String answer = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(answer).isIn("locked", "busy");
		return answer.equals("locked");
	}

	private static Process start(String mode, Path lockFile, Path work) throws IOException {
		Path source = work.resolve("LockHolder.java");
		Files.createDirectories(work);
		Files.writeString(source, SOURCE);
		String java = ProcessHandle.current().info().command().orElse("java");
		return new ProcessBuilder(java, source.toString(), mode, lockFile.toString())
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
	}

}
