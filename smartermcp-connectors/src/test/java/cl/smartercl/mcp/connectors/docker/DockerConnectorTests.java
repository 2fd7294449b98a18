package cl.smartercl.mcp.connectors.docker;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import cl.smartercl.mcp.connectors.config.BackendsConfig;
import cl.smartercl.mcp.core.error.BackendException;
import cl.smartercl.mcp.core.error.InvalidArgumentsException;
import cl.smartercl.mcp.core.error.NotFoundException;
import cl.smartercl.mcp.core.error.ServiceUnavailableException;
import cl.smartercl.mcp.core.tools.infrastructure.Container;
import cl.smartercl.mcp.core.tools.infrastructure.ContainersList;
import cl.smartercl.mcp.core.tools.infrastructure.ContainersList.Filter;
import cl.smartercl.mcp.core.tools.infrastructure.ContainersRestart;
import cl.smartercl.mcp.core.tools.infrastructure.InfraStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The infrastructure tools against a local HTTP stub: the requests they send and what
 * they make of the answers.
 */
class DockerConnectorTests {

	private static final Duration BLOCK = Duration.ofSeconds(10);

	private final JsonMapper json = JsonMapper.builder().build();

	private MockWebServer server;

	private DockerApi api;

	private DockerConnector connector;

	@BeforeEach
	void start() throws IOException {
		this.server = new MockWebServer();
		this.server.start();
		this.api = api("tcp://127.0.0.1:" + this.server.getPort());
		this.connector = new DockerConnector(this.api, (in) -> Mono.error(new IllegalStateException("not used")));
	}

	@AfterEach
	void stop() {
		this.api.close();
		this.server.close();
	}

	static DockerApi api(String host) {
		return new DockerApi(DockerTransport.create(new BackendsConfig.Docker(host, null, null, null), "test"),
				DockerSettings.DEFAULTS, "test");
	}

	@Test
	void runningAsksTheEngineForStatusRunningInTheFiltersJson() throws Exception {
		this.server.enqueue(Fixtures.json(200, "containers-list-mixed.json"));
		this.connector.listContainers(new ContainersList.Input(Filter.RUNNING)).block(BLOCK);
		RecordedRequest request = this.server.takeRequest();
		assertThat(request.getMethod()).isEqualTo("GET");
		assertThat(request.getUrl().encodedPath()).isEqualTo("/v1.44/containers/json");
		assertThat(request.getUrl().queryParameter("all")).isEqualTo("false");
		assertThat(this.json.readTree(request.getUrl().queryParameter("filters")))
			.isEqualTo(this.json.readTree("{\"status\":[\"running\"]}"));
	}

	@Test
	void stoppedAsksForExitedAndCreatedAmongAll() throws Exception {
		this.server.enqueue(Fixtures.json(200, "containers-list-mixed.json"));
		this.connector.listContainers(new ContainersList.Input(Filter.STOPPED)).block(BLOCK);
		RecordedRequest request = this.server.takeRequest();
		assertThat(request.getUrl().queryParameter("all")).isEqualTo("true");
		assertThat(this.json.readTree(request.getUrl().queryParameter("filters")))
			.isEqualTo(this.json.readTree("{\"status\":[\"exited\",\"created\"]}"));
	}

	@Test
	void errorListsAllAndKeepsExitedNonZeroDeadRestartingAndUnhealthy() throws Exception {
		this.server.enqueue(Fixtures.json(200, "containers-list-mixed.json"));
		ContainersList.Output out = this.connector.listContainers(new ContainersList.Input(Filter.ERROR)).block(BLOCK);
		RecordedRequest request = this.server.takeRequest();
		assertThat(request.getUrl().queryParameter("all")).isEqualTo("true");
		assertThat(request.getUrl().queryParameter("filters")).isNull();
		assertThat(out.containers()).extracting(Container::name)
			.containsExactly("metabase", "odoo", "old-redis", "chatwoot-worker");
		assertThat(out.count()).isEqualTo(4);
	}

	@Test
	void allMapsEveryField() {
		this.server.enqueue(Fixtures.json(200, "containers-list-mixed.json"));
		List<Container> all = this.connector.listContainers(new ContainersList.Input(null)).block(BLOCK).containers();
		assertThat(all).hasSize(9);
		assertThat(all.get(0)).isEqualTo(new Container("8dfafdbc3a40", "n8n", "n8nio/n8n:1.123.81", "running",
				"Up 2 hours (healthy)", null, "healthy", Instant.ofEpochSecond(1795500000)));
		assertThat(all.get(3).exitCode()).isEqualTo(137);
		assertThat(all.get(2).exitCode()).isZero();
		assertThat(all.get(8).health()).isEqualTo("starting");
		assertThat(all.get(7).health()).isNull();
	}

	@Test
	void restartPostsOnceWithTheStopTimeoutThenReadsTheNewStartedAt() throws Exception {
		this.server.enqueue(Fixtures.status(204));
		this.server.enqueue(Fixtures.json(200, "container-inspect-running.json"));
		ContainersRestart.Output out = this.connector.restartContainer(new ContainersRestart.Input("n8n")).block(BLOCK);
		RecordedRequest restart = this.server.takeRequest();
		assertThat(restart.getMethod()).isEqualTo("POST");
		assertThat(restart.getTarget()).isEqualTo("/v1.44/containers/n8n/restart?t=10");
		RecordedRequest inspect = this.server.takeRequest();
		assertThat(inspect.getMethod()).isEqualTo("GET");
		assertThat(inspect.getTarget()).isEqualTo("/v1.44/containers/n8n/json");
		assertThat(out).isEqualTo(new ContainersRestart.Output("8dfafdbc3a40", "n8n", "running",
				Instant.parse("2026-11-25T10:30:01.987654321Z")));
	}

	@Test
	void restartOfAnUnknownContainerIsNotFoundAndNotRetried() {
		this.server.enqueue(Fixtures.json(404, "error-404-no-such-container.json"));
		assertThatThrownBy(() -> this.connector.restartContainer(new ContainersRestart.Input("web")).block(BLOCK))
			.isInstanceOf(NotFoundException.class)
			.hasMessage(
					"Container 'web' not found. Use containers_list to see the ids and names of the containers on this host");
		assertThat(this.server.getRequestCount()).isEqualTo(1);
	}

	@Test
	void anEngineErrorIsSanitisedAndAWriteIsSentOnlyOnce() {
		this.server.enqueue(Fixtures.json(500, "error-500-with-credentials.json"));
		assertThatThrownBy(() -> this.connector.restartContainer(new ContainersRestart.Input("web")).block(BLOCK))
			.isInstanceOf(BackendException.class)
			.hasMessageStartingWith("Service 'docker' reported an error: restart container failed (HTTP 500): ")
			.hasMessageContaining("https://****@registry.example.com/v2/")
			.hasMessageContaining("token=****")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("hunter2").doesNotContain("eyJhbGci"));
		assertThat(this.server.getRequestCount()).isEqualTo(1);
	}

	@Test
	void whatCannotBeAContainerNameNeverReachesThePath() {
		assertThatThrownBy(() -> this.connector.restartContainer(new ContainersRestart.Input("../../images/x")))
			.isInstanceOf(InvalidArgumentsException.class)
			.hasMessageContaining("Invalid argument 'container_id'");
		assertThat(this.server.getRequestCount()).isZero();
	}

	/**
	 * Issue 15 #9: an engine answering 404 to /system/df (podman, proxies) gave
	 * infra_status a 500.
	 */
	@Test
	void statusGoesOutWithoutDiskUsageWhenTheEngineHasNoSystemDf() {
		this.server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				String path = request.getUrl().encodedPath();
				if (path.equals("/v1.44/version")) {
					return Fixtures.json(200, "version.json");
				}
				if (path.equals("/v1.44/info")) {
					return Fixtures.json(200, "info.json");
				}
				if (path.equals("/v1.44/containers/json")) {
					return Fixtures.json(200, "containers-list-mixed.json");
				}
				if (path.endsWith("/stats") && "false".equals(request.getUrl().queryParameter("stream"))) {
					return Fixtures.json(200, "stats-n8n.json");
				}
				return Fixtures.status(404);
			}
		});
		InfraStatus.Output out = this.connector.status(new InfraStatus.Input()).block(BLOCK);
		assertThat(out.host().diskUsedBytes()).isNull();
		assertThat(out.containers()).isEqualTo(new InfraStatus.Containers(9, 4, 1, 4, 1));
	}

	@Test
	void statusCombinesVersionInfoContainersStatsAndDiskUsage() throws Exception {
		this.server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				String path = request.getUrl().encodedPath();
				if (path.equals("/v1.44/version")) {
					return Fixtures.json(200, "version.json");
				}
				if (path.equals("/v1.44/info")) {
					return Fixtures.json(200, "info.json");
				}
				if (path.equals("/v1.44/containers/json")) {
					return Fixtures.json(200, "containers-list-mixed.json");
				}
				if (path.equals("/v1.44/system/df")) {
					return Fixtures.json(200, "system-df.json");
				}
				if (path.endsWith("/stats") && "false".equals(request.getUrl().queryParameter("stream"))) {
					return Fixtures.json(200, "stats-n8n.json");
				}
				return Fixtures.status(418);
			}
		});
		InfraStatus.Output out = this.connector.status(new InfraStatus.Input()).block(BLOCK);
		assertThat(out.engine())
			.isEqualTo(new InfraStatus.Engine("29.1.2", "1.52", "Ubuntu 24.04.1 LTS", "6.8.0-49-generic", "overlayfs"));
		assertThat(out.host().name()).isEqualTo("prod-host-1");
		assertThat(out.host().cpus()).isEqualTo(8);
		assertThat(out.host().memoryBytes()).isEqualTo(33547472896L);
		// three running containers, each 0.4 s of CPU over 8 s of host CPU time = 5 % of
		// the host
		assertThat(out.host().containersCpuPercent()).isEqualTo(15.0);
		assertThat(out.host().containersMemoryBytes()).isEqualTo(3 * (314572800L - 52428800L));
		assertThat(out.host().diskUsedBytes()).isEqualTo(5368709120L + 104857600L + 52428800L + 209715200L);
		// over TCP the engine's host is elsewhere: its load is not this machine's
		assertThat(out.host().load()).isNull();
		assertThat(out.containers()).isEqualTo(new InfraStatus.Containers(9, 4, 1, 4, 1));
		assertThat(out.images()).isEqualTo(14);
		List<String> statsPaths = new java.util.ArrayList<>();
		for (int i = 0; i < this.server.getRequestCount(); i++) {
			String target = this.server.takeRequest().getTarget();
			if (target.contains("/stats")) {
				statsPaths.add(target);
			}
		}
		assertThat(statsPaths).containsExactlyInAnyOrder(
				"/v1.44/containers/8dfafdbc3a40f1b9e3c3e4b4c1b8c5d1a1f0e7c6b5a4d3c2b1a0f9e8d7c6b5a4/stats?stream=false",
				"/v1.44/containers/9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b/stats?stream=false",
				"/v1.44/containers/7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c/stats?stream=false");
	}

	@Test
	void anEngineThatCannotBeReachedIsUnavailable() throws IOException {
		int closed;
		try (ServerSocket socket = new ServerSocket(0)) {
			closed = socket.getLocalPort();
		}
		try (DockerApi down = api("tcp://127.0.0.1:" + closed)) {
			DockerConnector connector = new DockerConnector(down, (in) -> Mono.empty());
			assertThatThrownBy(() -> connector.listContainers(new ContainersList.Input(Filter.ALL)).block(BLOCK))
				.isInstanceOf(ServiceUnavailableException.class)
				.hasMessage(
						"Service 'docker' is currently unavailable: cannot connect to the Docker engine at 127.0.0.1:"
								+ closed + " (connection refused)");
		}
	}

}
