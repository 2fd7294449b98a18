package cl.smartercl.mcp.server.start;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cl.smartercl.mcp.server.support.SdkTestStack;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bin/fast-start}, exactly as docs/operations.md ("Start-up") and the README give
 * it: {@code prepare} extracts the packaged jar and writes its class-data archive by a
 * training run; {@code run} starts the prepared server (here with
 * {@code FAST_START_C1=1}), which must then serve a tool call. Both processes are the
 * script's own; the started server is stopped by its PID.
 */
class FastStartIT {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	private Path work;

	private Process server;

	@BeforeEach
	void workDirectory() throws IOException {
		this.work = Files.createTempDirectory("smartermcp-fast-start-it");
	}

	@AfterEach
	void stop() throws InterruptedException {
		if (this.server != null) {
			this.server.destroy();
			if (!this.server.waitFor(30, TimeUnit.SECONDS)) {
				this.server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
			assertThat(this.server.isAlive()).as("the server started by bin/fast-start run is stopped").isFalse();
		}
		SdkTestStack.delete(this.work);
	}

	@Test
	void preparedThenRunServesAToolCall() throws Exception {
		Path jar = ROOT.resolve("smartermcp-server/target/smartermcp-server.jar");
		assertThat(jar).as("the packaged server jar (failsafe runs after package)").exists();
		Path app = this.work.resolve("app");

		Process prepare = script(List.of("prepare"), Map.of("SMARTERMCP_APP_DIR", app.toString()), "prepare.txt");
		assertThat(prepare.waitFor(5, TimeUnit.MINUTES)).as("bin/fast-start prepare ends").isTrue();
		String prepared = Files.readString(this.work.resolve("prepare.txt"));
		assertThat(prepare.exitValue()).as(prepared).isZero();
		assertThat(prepared).contains("prepared " + app);
		assertThat(app.resolve("smartermcp.jsa")).as("the class-data archive").exists();
		assertThat(app.resolve("smartermcp-server.jar")).as("the extracted jar").exists();
		assertThat(Files.readAllLines(app.resolve("prepared-from"))).as("what prepare started from")
			.first()
			.isEqualTo(jar.toRealPath().toString());

		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		String token = "smcp_fast_start_it_" + UUID.randomUUID().toString().replace("-", "");
		this.server = script(List.of("run", "-Dserver.port=" + port, "-Dserver.address=127.0.0.1"),
				Map.of("SMARTERMCP_APP_DIR", app.toString(), "FAST_START_C1", "1", "SMARTERMCP_ADMIN_TOKEN", token,
						"SMARTERMCP_DATA_DIR", this.work.resolve("data").toString(), "SMARTERMCP_LOCAL_DOCKER",
						"false"),
				"run.txt");

		HttpClient http = HttpClient.newHttpClient();
		HttpRequest call = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/tools/docs_services"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(10))
			.POST(HttpRequest.BodyPublishers.ofString("{\"service_id\":\"n8n\"}"))
			.build();
		HttpResponse<String> answer = null;
		Instant end = Instant.now().plus(Duration.ofMinutes(2));
		while (answer == null && Instant.now().isBefore(end)) {
			assertThat(this.server.isAlive()).as(() -> "bin/fast-start run stopped:\n" + output("run.txt")).isTrue();
			try {
				answer = http.send(call, HttpResponse.BodyHandlers.ofString());
			}
			catch (IOException notYet) {
				Thread.sleep(200);
			}
		}
		assertThat(answer).as(() -> "no answer within 2 minutes:\n" + output("run.txt")).isNotNull();
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		assertThat(answer.body()).contains("n8n");
		// the archive was mapped: the JVM prints CDS errors (-Xlog:cds=error) when it
		// cannot use it
		assertThat(output("run.txt")).doesNotContainIgnoringCase("[cds]").doesNotContain(token);
	}

	@Test
	void runRefusesWhenTheJarChangedSincePrepare() throws Exception {
		// a prepared directory as prepare leaves it, from a jar that then changes
		Path app = Files.createDirectories(this.work.resolve("app"));
		Files.writeString(app.resolve("smartermcp.jsa"), "");
		Path jar = Files.writeString(this.work.resolve("built.jar"), "first build");
		Files.writeString(app.resolve("prepared-from"), jar.toRealPath() + "\n" + Files.size(jar) + " "
				+ Files.getLastModifiedTime(jar).to(TimeUnit.SECONDS) + "\n");
		Files.writeString(jar, "a later build");

		Process refused = script(List.of("run"), Map.of("SMARTERMCP_APP_DIR", app.toString()), "refused.txt");
		assertThat(refused.waitFor(1, TimeUnit.MINUTES)).isTrue();
		assertThat(refused.exitValue()).isEqualTo(1);
		assertThat(output("refused.txt")).contains(jar.toRealPath() + " has changed since bin/fast-start prepare")
			.contains("run bin/fast-start prepare again");

		// told to, it starts what was prepared (here nothing that can run: java says so)
		Process anyway = script(List.of("run"), Map.of("SMARTERMCP_APP_DIR", app.toString(), "FAST_START_STALE", "1"),
				"anyway.txt");
		assertThat(anyway.waitFor(1, TimeUnit.MINUTES)).isTrue();
		assertThat(output("anyway.txt")).doesNotContain("has changed since");
		assertThat(anyway.exitValue()).isNotZero();
	}

	private Process script(List<String> arguments, Map<String, String> environment, String outputFile)
			throws IOException {
		List<String> command = new ArrayList<>(List.of(ROOT.resolve("bin/fast-start").toString()));
		command.addAll(arguments);
		ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile())
			.redirectErrorStream(true)
			.redirectOutput(this.work.resolve(outputFile).toFile());
		builder.environment().remove("SMARTERMCP_TENANTS_FILE");
		builder.environment().remove("DOCKER_HOST");
		builder.environment().putAll(environment);
		return builder.start();
	}

	private String output(String file) {
		try {
			return Files.readString(this.work.resolve(file), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "(no output: " + ex.getMessage() + ")";
		}
	}

}
