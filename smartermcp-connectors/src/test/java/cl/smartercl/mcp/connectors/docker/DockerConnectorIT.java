package cl.smartercl.mcp.connectors.docker;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cl.smartercl.mcp.connectors.config.BackendsConfig;
import cl.smartercl.mcp.connectors.config.TenantConfig;
import cl.smartercl.mcp.connectors.ports.TenantPorts;
import cl.smartercl.mcp.core.error.InvalidArgumentsException;
import cl.smartercl.mcp.core.error.NotFoundException;
import cl.smartercl.mcp.core.health.ProbeResult;
import cl.smartercl.mcp.core.tools.infrastructure.Container;
import cl.smartercl.mcp.core.tools.infrastructure.ContainersList;
import cl.smartercl.mcp.core.tools.infrastructure.ContainersList.Filter;
import cl.smartercl.mcp.core.tools.infrastructure.ContainersRestart;
import cl.smartercl.mcp.core.tools.infrastructure.InfraMetrics;
import cl.smartercl.mcp.core.tools.infrastructure.InfraStatus;
import cl.smartercl.mcp.core.tools.infrastructure.InfrastructurePort;
import cl.smartercl.mcp.core.tools.services.HealthStatus;
import cl.smartercl.mcp.testsupport.DockerPeer;
import cl.smartercl.mcp.testsupport.Eventually;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The infrastructure tools against podman's real Docker-compatible Engine API, with real
 * containers.
 */
class DockerConnectorIT {

	private static final Duration BLOCK = Duration.ofSeconds(60);

	private static DockerPeer peer;

	private static EngineFixture engine;

	private static TenantPorts ports;

	private static InfrastructurePort infra;

	private static String running;

	private static String failed;

	private static String succeeded;

	private static String created;

	@BeforeAll
	static void start() {
		peer = DockerPeer.start();
		engine = new EngineFixture(peer);
		running = engine.prefix + "-running";
		failed = engine.prefix + "-exit1";
		succeeded = engine.prefix + "-exit0";
		created = engine.prefix + "-created";
		engine.container(running, List.of("sh", "-c", "while true; do echo alive; sleep 1; done"), Map.of(), true);
		engine.container(failed, List.of("sh", "-c", "exit 1"), Map.of(), true);
		engine.container(succeeded, List.of("true"), Map.of(), true);
		engine.container(created, List.of("true"), Map.of(), false);
		DockerSettings settings = DockerSettings.DEFAULTS.withStop(Duration.ofSeconds(1))
			.withSampler(Duration.ofSeconds(1), 100);
		TenantConfig tenant = new TenantConfig("it", new BackendsConfig(null,
				new BackendsConfig.Docker(peer.host(), null, null, null), null, null, null, null, null, null), null,
				null);
		ports = TenantPorts.build(tenant,
				List.of(new DockerConnectorProvider(settings, DockerConnectorProvider.ProbeLookup.NONE)));
		infra = ports.find(InfrastructurePort.class).orElseThrow();
		awaitExited(failed);
		awaitExited(succeeded);
	}

	@AfterAll
	static void stop() {
		if (ports != null) {
			ports.close();
		}
		if (engine != null) {
			engine.close();
			assertThat(engine.ownContainerCount()).isZero();
		}
		if (peer != null) {
			peer.close();
		}
	}

	@Test
	void allListsEveryContainerWithItsStateAndExitCode() {
		List<Container> all = list(Filter.ALL);
		assertThat(named(all, running).state()).isEqualTo("running");
		assertThat(named(all, failed).state()).isEqualTo("exited");
		assertThat(named(all, failed).exitCode()).isEqualTo(1);
		assertThat(named(all, succeeded).exitCode()).isZero();
		assertThat(named(all, created).state()).isEqualTo("created");
		assertThat(named(all, running).image()).isEqualTo(peer.image());
		assertThat(named(all, running).createdAt()).isBefore(Instant.now().plusSeconds(5));
	}

	@Test
	void runningListsOnlyRunningContainers() {
		List<Container> listed = list(Filter.RUNNING);
		assertThat(listed).extracting(Container::name).contains(running).doesNotContain(failed, succeeded, created);
		assertThat(listed).allMatch((c) -> c.state().equals("running"));
	}

	@Test
	void stoppedListsExitedAndCreatedContainers() {
		List<Container> listed = list(Filter.STOPPED);
		assertThat(listed).extracting(Container::name).contains(failed, succeeded, created).doesNotContain(running);
	}

	@Test
	void errorListsTheContainerThatExitedOneAndNothingHealthy() {
		List<Container> listed = list(Filter.ERROR);
		assertThat(listed).extracting(Container::name).contains(failed).doesNotContain(running, succeeded, created);
	}

	@Test
	void restartGivesTheContainerANewStartedAt() {
		Instant before = DockerMapper.instant(engine.inspect(running).path("State").path("StartedAt"));
		ContainersRestart.Output out = infra.restartContainer(new ContainersRestart.Input(running)).block(BLOCK);
		assertThat(out.name()).isEqualTo(running);
		assertThat(out.state()).isEqualTo("running");
		assertThat(out.startedAt()).isAfter(before);
		assertThat(DockerMapper.instant(engine.inspect(running).path("State").path("StartedAt")))
			.isEqualTo(out.startedAt());
	}

	@Test
	void restartOfAnUnknownContainerIsNotFound() {
		assertThatThrownBy(
				() -> infra.restartContainer(new ContainersRestart.Input(engine.prefix + "-nope")).block(BLOCK))
			.isInstanceOf(NotFoundException.class)
			.hasMessageContaining("Container '" + engine.prefix + "-nope' not found")
			.hasMessageContaining("containers_list");
	}

	@Test
	void restartRefusesWhatCannotBeAContainerName() {
		assertThatThrownBy(() -> infra.restartContainer(new ContainersRestart.Input("../images/x")).block(BLOCK))
			.isInstanceOf(InvalidArgumentsException.class)
			.hasMessageContaining("container_id");
	}

	@Test
	void statusReportsEngineHostAndContainers() {
		InfraStatus.Output status = infra.status(new InfraStatus.Input()).block(BLOCK);
		assertThat(status.engine().version()).isNotBlank();
		assertThat(status.engine().apiVersion()).isNotBlank();
		assertThat(status.engine().kernel()).isNotBlank();
		assertThat(status.host().cpus()).isEqualTo(Runtime.getRuntime().availableProcessors());
		assertThat(status.host().memoryBytes()).isPositive();
		assertThat(status.containers().total()).isGreaterThanOrEqualTo(4);
		assertThat(status.containers().running()).isGreaterThanOrEqualTo(1);
		assertThat(status.containers().stopped()).isGreaterThanOrEqualTo(3);
		assertThat(status.images()).isGreaterThanOrEqualTo(1);
		// podman gives no precpu_stats: the second reading a second later is what makes
		// this known
		assertThat(status.host().containersCpuPercent()).isNotNull().isBetween(0.0, 100.0);
		assertThat(status.host().containersMemoryBytes()).isPositive();
		assertThat(status.host().diskUsedBytes()).isPositive();
		assertThat(status.host().load()).hasSize(3);
	}

	@Test
	void probeSaysHealthyWithTheEngineVersion() {
		ProbeResult result = ports.probes().get(0).probe().block(BLOCK);
		assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
		assertThat(result.version()).isNotBlank();
		assertThat(result.detail()).contains("/_ping answered OK");
	}

	@Test
	void metricsComeFromTheOwnSamplerAndSayHowLittleHistoryThereIs() throws InterruptedException {
		// the sampler reads every second; two readings make the first sample
		InfraMetrics.Output out = Eventually.poll(Duration.ofSeconds(10), Duration.ofMillis(500),
				() -> infra.metrics(new InfraMetrics.Input(InfraMetrics.Metric.ALL, "1h")).block(BLOCK),
				(answer) -> answer.series()
					.stream()
					.anyMatch((s) -> s.target().equals(running) && s.points().size() >= 2));
		assertThat(out.source()).isEqualTo("sampler");
		assertThat(out.note()).contains("History starts at").contains("every 1 s");
		assertThat(out.from()).isBefore(out.to());
		assertThat(out.series()).filteredOn((s) -> s.target().equals(running))
			.extracting(InfraMetrics.Series::name)
			.contains("cpu_percent", "memory_used_bytes", "network_receive", "network_transmit", "disk_read",
					"disk_write");
		InfraMetrics.Series memory = out.series()
			.stream()
			.filter((s) -> s.target().equals(running) && s.name().equals("memory_used_bytes"))
			.findFirst()
			.orElseThrow();
		assertThat(memory.unit()).isEqualTo("bytes");
		assertThat(memory.points()).hasSizeGreaterThanOrEqualTo(2).allMatch((p) -> p.value() > 0);
		InfraMetrics.Output cpuOnly = infra.metrics(new InfraMetrics.Input(InfraMetrics.Metric.CPU, "15m"))
			.block(BLOCK);
		assertThat(cpuOnly.series()).isNotEmpty()
			.allMatch((s) -> s.name().equals("cpu_percent") && s.unit().equals("percent"));
	}

	private static List<Container> list(Filter filter) {
		return infra.listContainers(new ContainersList.Input(filter)).block(BLOCK).containers();
	}

	private static Container named(List<Container> containers, String name) {
		return containers.stream()
			.filter((c) -> c.name().equals(name))
			.findFirst()
			.orElseThrow(
					() -> new AssertionError(name + " not in " + containers.stream().map(Container::name).toList()));
	}

	private static void awaitExited(String name) {
		Eventually.until(Duration.ofSeconds(5),
				() -> "exited".equals(engine.inspect(name).path("State").path("Status").asString()));
	}

}
