package cl.smartercl.mcp.connectors.docker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import cl.smartercl.mcp.connectors.config.BackendsConfig;
import cl.smartercl.mcp.connectors.config.ServiceConfig;
import cl.smartercl.mcp.core.error.BackendException;
import cl.smartercl.mcp.core.error.ConflictException;
import cl.smartercl.mcp.core.error.InvalidArgumentsException;
import cl.smartercl.mcp.core.error.NotFoundException;
import cl.smartercl.mcp.core.tool.ClientChannel;
import cl.smartercl.mcp.core.tool.LogLevel;
import cl.smartercl.mcp.core.tools.services.ServiceType;
import cl.smartercl.mcp.core.tools.services.ServicesDeploy;
import cl.smartercl.mcp.core.tools.services.ServicesList;
import cl.smartercl.mcp.core.tools.services.ServicesLogs;
import cl.smartercl.mcp.core.tools.services.ServicesRestart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The services tools against a local HTTP stub: what they ask the engine, and what they
 * answer.
 */
class DockerServicesTests {

	private static final Duration BLOCK = Duration.ofSeconds(20);

	private static final List<ServiceConfig> REGISTRY = List.of(
			new ServiceConfig("n8n", "N8N", ServiceType.BACKEND, null, "n8n", null, null),
			new ServiceConfig("bi", "Metabase", ServiceType.FRONTEND, "metabase", null, null, null),
			new ServiceConfig("crm", "Odoo", ServiceType.BACKEND, "odoo-web", null, null, null));

	private MockWebServer server;

	private DockerApi api;

	private DockerServices services;

	@BeforeEach
	void start() throws IOException {
		this.server = new MockWebServer();
		this.server.start();
		DockerSettings settings = DockerSettings.DEFAULTS.withFollow(Duration.ofSeconds(1), 1000);
		this.api = new DockerApi(DockerTransport
			.create(new BackendsConfig.Docker("tcp://127.0.0.1:" + this.server.getPort(), null, null, null), "test"),
				settings, "test");
		this.services = new DockerServices(REGISTRY, this.api, (backend) -> Optional.empty());
	}

	@AfterEach
	void stop() {
		this.api.close();
		this.server.close();
	}

	@Test
	void listFindsContainersByComposeLabelOrNameInOneListing() throws Exception {
		this.server.enqueue(Fixtures.json(200, "containers-list-mixed.json"));
		ServicesList.Output out = this.services.list(new ServicesList.Input(null)).block(BLOCK);
		assertThat(this.server.takeRequest().getTarget()).isEqualTo("/v1.44/containers/json?all=true");
		assertThat(out.services()).containsExactly(
				new ServicesList.Service("n8n", "N8N", ServiceType.BACKEND, "running", "healthy", "n8n",
						"n8nio/n8n:1.123.81", "1.123.81"),
				new ServicesList.Service("bi", "Metabase", ServiceType.FRONTEND, "running", "unhealthy", "metabase",
						"metabase/metabase:v0.50.1", "v0.50.1"),
				new ServicesList.Service("crm", "Odoo", ServiceType.BACKEND, null, null, "odoo-web", null, null));
		assertThat(this.server.getRequestCount()).isEqualTo(1);
	}

	@Test
	void logsAskForBothStreamsTimestampsAndTheTailThenDemultiplex() throws Exception {
		this.server.enqueue(Fixtures.json(200, "containers-list-mixed.json"));
		this.server.enqueue(Fixtures.json(200, "container-inspect-running.json"));
		Buffer body = new Buffer();
		body.write(Fixtures.frame(1, "2026-11-25T10:31:00.000000001Z Editor is now accessible\n"));
		body.write(Fixtures.frame(2, "2026-11-25T10:31:01.5Z Error: connect ECONNREFUSED\n"));
		body.write(Fixtures.frame(1, "2026-11-25T10:31:02Z done\n"));
		this.server.enqueue(new MockResponse.Builder().code(200)
			.setHeader("Content-Type", "application/vnd.docker.multiplexed-stream")
			.body(body)
			.build());
		ServicesLogs.Output out = this.services.logs(new ServicesLogs.Input("n8n", 3, false), ClientChannel.NONE)
			.block(BLOCK);
		this.server.takeRequest();
		assertThat(this.server.takeRequest().getTarget())
			.isEqualTo("/v1.44/containers/8dfafdbc3a40f1b9e3c3e4b4c1b8c5d1a1f0e7c6b5a4d3c2b1a0f9e8d7c6b5a4/json");
		RecordedRequest logs = this.server.takeRequest();
		assertThat(logs.getUrl().encodedPath())
			.isEqualTo("/v1.44/containers/8dfafdbc3a40f1b9e3c3e4b4c1b8c5d1a1f0e7c6b5a4d3c2b1a0f9e8d7c6b5a4/logs");
		assertThat(logs.getUrl().queryParameter("stdout")).isEqualTo("true");
		assertThat(logs.getUrl().queryParameter("stderr")).isEqualTo("true");
		assertThat(logs.getUrl().queryParameter("timestamps")).isEqualTo("true");
		assertThat(logs.getUrl().queryParameter("tail")).isEqualTo("3");
		assertThat(logs.getUrl().queryParameter("follow")).isEqualTo("false");
		assertThat(out.containerId()).isEqualTo("8dfafdbc3a40");
		assertThat(out.lines()).containsExactly(
				new ServicesLogs.Line("stdout", Instant.parse("2026-11-25T10:31:00.000000001Z"),
						"Editor is now accessible"),
				new ServicesLogs.Line("stderr", Instant.parse("2026-11-25T10:31:01.5Z"), "Error: connect ECONNREFUSED"),
				new ServicesLogs.Line("stdout", Instant.parse("2026-11-25T10:31:02Z"), "done"));
	}

	@Test
	void followSendsEachLineToTheCallerAndEndsAtTheTimeBound() throws Exception {
		this.server.enqueue(Fixtures.json(200, "containers-list-mixed.json"));
		this.server.enqueue(Fixtures.json(200, "container-inspect-running.json"));
		ByteArrayOutputStream frames = new ByteArrayOutputStream();
		for (int i = 1; i <= 200; i++) {
			// odd ticks on stdout (1), even ones on stderr (2)
			frames.writeBytes(Fixtures.frame((i % 2 == 1) ? 1 : 2, "2026-11-25T10:31:00Z tick-" + i + "\n"));
		}
		// an endless-looking stream: one frame (36 bytes) every 100 ms, far longer than
		// the 1 s bound
		this.server.enqueue(new MockResponse.Builder().code(200)
			.body(new Buffer().write(frames.toByteArray()))
			.throttleBody(36, 100, TimeUnit.MILLISECONDS)
			.build());
		List<String> sent = Collections.synchronizedList(new ArrayList<>());
		ServicesLogs.Output out = this.services.logs(new ServicesLogs.Input("n8n", 5, true), recording(sent))
			.block(BLOCK);
		assertThat(out.endedBy()).isEqualTo("time limit: followed for 1 s");
		assertThat(out.lines()).hasSizeBetween(3, 15);
		// stdout at info, stderr a level above it (notice)
		assertThat(sent).hasSize(out.lines().size()).startsWith("info stdout: tick-1", "notice stderr: tick-2");
		this.server.takeRequest();
		this.server.takeRequest();
		assertThat(this.server.takeRequest().getUrl().queryParameter("follow")).isEqualTo("true");
	}

	@Test
	void anUnknownServiceNamesTheKnownOnes() {
		assertThatThrownBy(() -> this.services.logs(new ServicesLogs.Input("erp", 10, false), ClientChannel.NONE))
			.isInstanceOf(NotFoundException.class)
			.hasMessage("Service 'erp' not found. Known services: n8n, bi, crm");
		assertThat(this.server.getRequestCount()).isZero();
	}

	@Test
	void aServiceWhoseContainerIsMissingSaysWhatWasLookedFor() {
		this.server.enqueue(Fixtures.json(200, "containers-list-mixed.json"));
		assertThatThrownBy(
				() -> this.services.logs(new ServicesLogs.Input("crm", 10, false), ClientChannel.NONE).block(BLOCK))
			.isInstanceOf(NotFoundException.class)
			.hasMessageContaining("No container named 'odoo-web' exists on the Docker host");
	}

	@Test
	void aContainerParkedByAnInterruptedDeployIsNamedWithHowToBringItBack() {
		// the server stopped mid-deploy: the old container is parked, no new one was
		// created
		this.server.enqueue(new MockResponse.Builder().code(200)
			.setHeader("Content-Type", "application/json")
			.body("[{\"Id\":\"a1\",\"Names\":[\"/odoo-web-prev-1764000000\"],\"State\":\"exited\",\"Created\":1764000000},"
					+ "{\"Id\":\"a2\",\"Names\":[\"/odoo-web-prev-1764009999\"],\"State\":\"exited\",\"Created\":1764009999},"
					+ "{\"Id\":\"a3\",\"Names\":[\"/odoo-web-prev-x\"],\"State\":\"exited\",\"Created\":1764099999}]")
			.build());
		assertThatThrownBy(() -> this.services.restart(new ServicesRestart.Input("crm")).block(BLOCK))
			.isInstanceOf(NotFoundException.class)
			.hasMessageContaining(
					"No container named 'odoo-web' exists on the Docker host, but 'odoo-web-prev-1764009999'"
							+ " does: a deploy was interrupted")
			.hasMessageContaining("'docker rename odoo-web-prev-1764009999 odoo-web' and 'docker start odoo-web'");
	}

	@Test
	void theSameVersionWithoutForceChangesNothing() throws Exception {
		this.server.enqueue(Fixtures.json(200, "containers-list-mixed.json"));
		this.server.enqueue(Fixtures.json(200, "container-inspect-running.json"));
		ServicesDeploy.Output out = this.services
			.deploy(new ServicesDeploy.Input("n8n", "1.123.81", false), ClientChannel.NONE)
			.block(BLOCK);
		assertThat(out.outcome()).isEqualTo(ServicesDeploy.Outcome.UNCHANGED);
		assertThat(out.message()).isEqualTo("Nothing to do: service 'n8n' already runs n8nio/n8n:1.123.81. "
				+ "Pass force=true to redeploy the same version.");
		assertThat(this.server.getRequestCount()).isEqualTo(2);
		assertThat(this.server.takeRequest().getMethod()).isEqualTo("GET");
		assertThat(this.server.takeRequest().getMethod()).isEqualTo("GET");
	}

	@Test
	void aPullErrorInsideTheOkStreamWithNoLocalImageChangesNothing() throws Exception {
		this.server.enqueue(Fixtures.json(200, "containers-list-mixed.json"));
		this.server.enqueue(Fixtures.json(200, "container-inspect-running.json"));
		this.server.enqueue(Fixtures.json(200, "pull-error-in-stream.ndjson"));
		this.server.enqueue(Fixtures.json(404, "error-404-no-such-container.json"));
		assertThatThrownBy(
				() -> this.services.deploy(new ServicesDeploy.Input("n8n", "1.124.0", false), ClientChannel.NONE)
					.block(BLOCK))
			.isInstanceOf(BackendException.class)
			.hasMessage("Service 'docker' reported an error: image n8nio/n8n:1.124.0 could not be pulled (manifest for "
					+ "n8nio/n8n:1.124.0 not found: manifest unknown: manifest unknown) and is not on the host; nothing was changed");
		this.server.takeRequest();
		this.server.takeRequest();
		RecordedRequest pull = this.server.takeRequest();
		assertThat(pull.getMethod()).isEqualTo("POST");
		assertThat(pull.getTarget()).isEqualTo("/v1.44/images/create?fromImage=n8nio%2Fn8n&tag=1.124.0");
		RecordedRequest local = this.server.takeRequest();
		assertThat(local.getTarget()).isEqualTo("/v1.44/images/n8nio/n8n:1.124.0/json");
		// no rename, create, stop or start was sent
		assertThat(this.server.getRequestCount()).isEqualTo(4);
	}

	@Test
	void aVersionThatIsNoTagIsRefusedBeforeAnyRequest() {
		assertThatThrownBy(() -> this.services.deploy(new ServicesDeploy.Input("n8n", "1.0 && rm -rf /", false),
				ClientChannel.NONE))
			.isInstanceOf(InvalidArgumentsException.class)
			.hasMessageContaining("Invalid argument 'version'");
		assertThat(this.server.getRequestCount()).isZero();
	}

	@Test
	void aSecondDeployOfTheSameServiceWhileOneRunsIsAConflict() {
		// the first deploy waits on a slow engine answer while the second one is asked
		// for
		this.server.enqueue(new MockResponse.Builder(Fixtures.json(200, "containers-list-mixed.json"))
			.headersDelay(2, TimeUnit.SECONDS)
			.build());
		this.server.enqueue(Fixtures.json(200, "container-inspect-running.json"));
		Mono<ServicesDeploy.Output> first = this.services
			.deploy(new ServicesDeploy.Input("n8n", "1.123.81", false), ClientChannel.NONE)
			.cache();
		first.subscribe((out) -> {
		}, (ex) -> {
		});
		assertThatThrownBy(
				() -> this.services.deploy(new ServicesDeploy.Input("n8n", "1.124.0", false), ClientChannel.NONE)
					.block(BLOCK))
			.isInstanceOf(ConflictException.class)
			.hasMessage("A deploy of service 'n8n' is already running; wait for it to finish");
		assertThat(first.block(BLOCK).outcome()).isEqualTo(ServicesDeploy.Outcome.UNCHANGED);
		// once it is over, the service can be deployed again
		this.server.enqueue(Fixtures.json(200, "containers-list-mixed.json"));
		this.server.enqueue(Fixtures.json(200, "container-inspect-running.json"));
		assertThat(this.services.deploy(new ServicesDeploy.Input("n8n", null, false), ClientChannel.NONE)
			.block(BLOCK)
			.outcome()).isEqualTo(ServicesDeploy.Outcome.UNCHANGED);
	}

	/** A channel that keeps each log line it is sent as "level message". */
	static ClientChannel recording(List<String> sent) {
		return new ClientChannel() {
			@Override
			public Mono<Void> progress(double progress, Double total, String message) {
				return Mono.empty();
			}

			@Override
			public Mono<Void> log(LogLevel level, String logger, String message) {
				return Mono.fromRunnable(() -> sent.add(level.spelling() + " " + message));
			}

			@Override
			public boolean canSample() {
				return false;
			}

			@Override
			public Mono<String> sample(String systemPrompt, String userMessage, int maxTokens) {
				return Mono.error(new UnsupportedOperationException());
			}
		};
	}

}
