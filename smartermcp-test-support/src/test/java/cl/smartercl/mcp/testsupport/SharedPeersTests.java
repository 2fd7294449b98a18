package cl.smartercl.mcp.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SharedPeersTests {

	@Test
	void theRepositoryRootIsTheReactorNotThisModule() {
		Path root = SharedPeers.repositoryRoot();

		assertThat(root.resolve("smartermcp-test-support/pom.xml")).isRegularFile();
		assertThat(root.resolve("examples/pom.xml")).isRegularFile();
	}

	@Test
	void thePeerScriptsAreBesideTheRepository() {
		Path peers = SharedPeers.shared().resolve("peers");

		assertThat(peers.resolve("docker/start.sh")).isRegularFile();
		assertThat(peers.resolve("n8n/start.sh")).isRegularFile();
	}

	@Test
	void runGivesTheOutputWithStderr() {
		String out = SharedPeers.run(Duration.ofSeconds(10), "sh", "-c", "echo out; echo err >&2");

		assertThat(out).contains("out\n").contains("err\n");
	}

	@Test
	void aFailingCommandFailsLoudlyWithItsOutput() {
		assertThatIllegalStateException()
			.isThrownBy(() -> SharedPeers.run(Duration.ofSeconds(10), "sh", "-c", "echo why; exit 3"))
			.withMessageContaining("failed (3)")
			.withMessageContaining("why");
	}

	@Test
	void stopEndsTheProcessOfThatPid() throws Exception {
		Process sleeper = new ProcessBuilder("sleep", "300").start();

		SharedPeers.stop(Long.toString(sleeper.pid()));

		assertThat(sleeper.waitFor(5, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void deleteRemovesAFolderWithItsContent() throws Exception {
		Path dir = Files.createTempDirectory("shared-peers-tests");
		Files.writeString(Files.createDirectories(dir.resolve("a/b")).resolve("n8n.log"), "log");

		SharedPeers.delete(dir);

		assertThat(dir).doesNotExist();
	}

}
