package cl.smartercl.mcp.connectors.docker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import cl.smartercl.mcp.connectors.config.BackendsConfig;
import cl.smartercl.mcp.connectors.config.ServiceConfig;
import cl.smartercl.mcp.connectors.config.TenantConfig;
import cl.smartercl.mcp.connectors.ports.TenantPorts;
import cl.smartercl.mcp.core.error.BackendException;
import cl.smartercl.mcp.core.error.ConflictException;
import cl.smartercl.mcp.core.error.NotFoundException;
import cl.smartercl.mcp.core.health.BackendProbe;
import cl.smartercl.mcp.core.health.ProbeResult;
import cl.smartercl.mcp.core.tool.ClientChannel;
import cl.smartercl.mcp.core.tools.services.HealthStatus;
import cl.smartercl.mcp.core.tools.services.ServiceType;
import cl.smartercl.mcp.core.tools.services.ServicesDeploy;
import cl.smartercl.mcp.core.tools.services.ServicesHealth;
import cl.smartercl.mcp.core.tools.services.ServicesList;
import cl.smartercl.mcp.core.tools.services.ServicesLogs;
import cl.smartercl.mcp.core.tools.services.ServicesPort;
import cl.smartercl.mcp.core.tools.services.ServicesRestart;
import cl.smartercl.mcp.testsupport.DockerPeer;
import cl.smartercl.mcp.testsupport.Eventually;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The services tools against podman's real Engine API: a registry of services whose
 * containers are real, logs read and followed, restarts, and deploys that succeed or roll
 * back.
 */
class DockerServicesIT {

	private static final Duration BLOCK = Duration.ofSeconds(120);

	private static DockerPeer peer;

	private static EngineFixture engine;

	private static TenantPorts ports;

	private static ServicesPort services;

	private static HttpServer probeTarget;

	private static String repository;

	@BeforeAll
	static void start() throws IOException {
		peer = DockerPeer.start();
		engine = new EngineFixture(peer);
		String p = engine.prefix;
		// an image repository of the test's own, with a good tag and a tag whose
		// containers exit at once
		repository = "localhost/" + p;
		engine.tag(peer.image(), repository, "1");
		engine.tag(peer.image(), repository, "2");
		String donor = engine.container(p + "-donor", List.of("true"), Map.of(), false);
		engine.commit(donor, repository, "bad", "ENTRYPOINT [\"false\"]");
		String lines = IntStream.rangeClosed(1, 30).mapToObj((i) -> "echo line-" + i).collect(Collectors.joining("; "));
		engine.container(p + "-web", List.of("sh", "-c", "echo boot-err >&2; sleep 1; " + lines + "; sleep 600"),
				Map.of(), true);
		engine.container(p + "-worker",
				List.of("sh", "-c", "i=0; while true; do i=$((i+1)); echo tick-$i; sleep 1; done"),
				Map.of("com.docker.compose.service", p + "-worker", "com.docker.compose.project", "it"), true);
		engine.container(p + "-ticker",
				List.of("sh", "-c", "i=0; while true; do i=$((i+1)); echo tick-$i; sleep 1; done"), Map.of(), true);
		engine.container(p + "-short", List.of("sh", "-c", "echo one; echo two; sleep 2"), Map.of(), true);
		engine.container(p + "-app", repository + ":1",
				List.of("sh", "-c", "while true; do echo serving; sleep 1; done"), Map.of(), true);
		probeTarget = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		probeTarget.createContext("/healthz", (exchange) -> {
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		probeTarget.start();
		String url = "http://127.0.0.1:" + probeTarget.getAddress().getPort() + "/healthz?token=s3cret";
		List<ServiceConfig> registry = List.of(
				new ServiceConfig("web", "Web", ServiceType.FRONTEND, p + "-web", null, null, "the site"),
				new ServiceConfig("worker", "Worker", ServiceType.BACKEND, null, p + "-worker", url, null),
				new ServiceConfig("ticker", "Ticker", ServiceType.INFRASTRUCTURE, p + "-ticker", null, null, null),
				new ServiceConfig("short", "Short", ServiceType.INFRASTRUCTURE, p + "-short", null, null, null),
				new ServiceConfig("app", "App", ServiceType.BACKEND, p + "-app", null, null, null),
				new ServiceConfig("ghost", "Ghost", ServiceType.BACKEND, p + "-ghost", null, null, null),
				new ServiceConfig("n8n", "N8N", ServiceType.BACKEND, p + "-web", null, "backend", null));
		BackendProbe n8nProbe = new BackendProbe() {
			@Override
			public String backend() {
				return "n8n";
			}

			@Override
			public Mono<ProbeResult> probe() {
				return Mono.just(new ProbeResult(HealthStatus.UNHEALTHY, 3, "1.0", "GET /healthz answered 503"));
			}
		};
		DockerSettings settings = DockerSettings.DEFAULTS.withStop(Duration.ofSeconds(1))
			.withFollow(Duration.ofSeconds(4), 3)
			.withDeploy(Duration.ofSeconds(3), Duration.ofSeconds(30));
		TenantConfig tenant = new TenantConfig("it", new BackendsConfig(null,
				new BackendsConfig.Docker(peer.host(), null, null, null), null, null, null, null, null, null), registry,
				null);
		ports = TenantPorts.build(tenant, List.of(new DockerConnectorProvider(settings,
				(t, backend) -> "it".equals(t) && "n8n".equals(backend) ? Optional.of(n8nProbe) : Optional.empty())));
		services = ports.find(ServicesPort.class).orElseThrow();
	}

	@AfterAll
	static void stop() {
		if (probeTarget != null) {
			probeTarget.stop(0);
		}
		if (ports != null) {
			ports.close();
		}
		if (engine != null) {
			engine.close();
			assertThat(engine.ownContainerCount()).isZero();
			for (String tag : List.of("1", "2", "bad")) {
				engine.removeImage(repository + ":" + tag);
			}
		}
		if (peer != null) {
			peer.close();
		}
	}

	@Test
	void listJoinsTheRegistryWithLiveContainers() {
		ServicesList.Output all = services.list(new ServicesList.Input(ServicesList.Filter.ALL)).block(BLOCK);
		assertThat(all.count()).isEqualTo(7);
		ServicesList.Service app = service(all, "app");
		assertThat(app.state()).isEqualTo("running");
		assertThat(app.image()).isEqualTo(repository + ":1");
		assertThat(app.version()).isEqualTo("1");
		ServicesList.Service worker = service(all, "worker");
		assertThat(worker.container()).isEqualTo(engine.prefix + "-worker");
		assertThat(service(all, "ghost").state()).isNull();
		ServicesList.Output frontends = services.list(new ServicesList.Input(ServicesList.Filter.FRONTEND))
			.block(BLOCK);
		assertThat(frontends.services()).extracting(ServicesList.Service::id).containsExactly("web");
	}

	@Test
	void healthProbesEveryServiceInParallelEachItsOwnWay() {
		ServicesHealth.Output out = services.health(new ServicesHealth.Input(null)).block(BLOCK);
		assertThat(out.services()).extracting(ServicesHealth.Check::id)
			.containsExactly("web", "worker", "ticker", "short", "app", "ghost", "n8n");
		ServicesHealth.Check web = check(out, "web");
		assertThat(web.status()).isEqualTo(HealthStatus.HEALTHY);
		assertThat(web.detail()).contains("running").contains("no health check");
		ServicesHealth.Check worker = check(out, "worker");
		assertThat(worker.status()).isEqualTo(HealthStatus.HEALTHY);
		assertThat(worker.detail()).contains("answered HTTP 200").contains("/healthz").doesNotContain("s3cret");
		assertThat(check(out, "ghost").status()).isEqualTo(HealthStatus.UNHEALTHY);
		assertThat(check(out, "ghost").detail()).contains("no container named");
		ServicesHealth.Check n8n = check(out, "n8n");
		assertThat(n8n.status()).isEqualTo(HealthStatus.UNHEALTHY);
		assertThat(n8n.detail()).contains("n8n probe").contains("503");
		assertThat(out.overall()).isEqualTo("degraded");
		ServicesHealth.Output one = services.health(new ServicesHealth.Input("web")).block(BLOCK);
		assertThat(one.services()).hasSize(1);
		assertThat(one.overall()).isEqualTo("healthy");
	}

	@Test
	void logsGiveExactlyTheLastLinesAfterDemultiplexing() throws InterruptedException {
		// stdout and stderr reach the log through separate pipes, so their relative order
		// is only
		// certain across the second the container waits between them
		awaitLog("web", "line-30");
		ServicesLogs.Output out = services.logs(new ServicesLogs.Input("web", 5, false), ClientChannel.NONE)
			.block(BLOCK);
		assertThat(out.lines()).extracting(ServicesLogs.Line::text)
			.containsExactly("line-26", "line-27", "line-28", "line-29", "line-30");
		assertThat(out.lines()).allMatch((l) -> l.stream().equals("stdout") && l.timestamp() != null);
		assertThat(out.endedBy()).isNull();
		ServicesLogs.Output everything = services.logs(new ServicesLogs.Input("web", 100, false), ClientChannel.NONE)
			.block(BLOCK);
		assertThat(everything.lines()).hasSize(31);
		assertThat(everything.lines().get(0)).extracting(ServicesLogs.Line::stream, ServicesLogs.Line::text)
			.containsExactly("stderr", "boot-err");
	}

	@Test
	void followStreamsNewLinesToTheCallerAndStopsAtTheLineBound() {
		List<String> sent = Collections.synchronizedList(new ArrayList<>());
		ServicesLogs.Output out = services
			.logs(new ServicesLogs.Input("ticker", 2, true), DockerServicesTests.recording(sent))
			.block(BLOCK);
		// 2 lines of tail and 3 more (the configured bound), each sent as it came
		assertThat(out.lines()).hasSize(5);
		assertThat(out.endedBy()).contains("line limit");
		assertThat(sent).hasSize(5).allMatch((s) -> s.startsWith("info stdout: tick-"));
		int first = Integer.parseInt(out.lines().get(0).text().substring(5));
		assertThat(out.lines()).extracting(ServicesLogs.Line::text)
			.containsExactly("tick-" + first, "tick-" + (first + 1), "tick-" + (first + 2), "tick-" + (first + 3),
					"tick-" + (first + 4));
	}

	@Test
	void followEndsWhenTheContainerStops() {
		List<String> sent = Collections.synchronizedList(new ArrayList<>());
		ServicesLogs.Output out = services
			.logs(new ServicesLogs.Input("short", 1, true), DockerServicesTests.recording(sent))
			.block(BLOCK);
		assertThat(out.endedBy()).satisfiesAnyOf((e) -> assertThat(e).contains("container stopped"),
				(e) -> assertThat(e).contains("time limit"));
		assertThat(out.lines()).extracting(ServicesLogs.Line::text).contains("two");
	}

	@Test
	void restartReportsTheNewStartedAt() {
		Instant before = DockerMapper
			.instant(engine.inspect(engine.prefix + "-worker").path("State").path("StartedAt"));
		ServicesRestart.Output out = services.restart(new ServicesRestart.Input("worker")).block(BLOCK);
		assertThat(out.container()).isEqualTo(engine.prefix + "-worker");
		assertThat(out.state()).isEqualTo("running");
		assertThat(out.startedAt()).isAfter(before);
	}

	@Test
	void unknownServicesAndMissingContainersAreNotFound() {
		assertThatThrownBy(() -> services.restart(new ServicesRestart.Input("crm")).block(BLOCK))
			.isInstanceOf(NotFoundException.class)
			.hasMessageContaining("Service 'crm' not found")
			.hasMessageContaining("Known services: web, worker, ticker, short, app, ghost, n8n");
		assertThatThrownBy(
				() -> services.logs(new ServicesLogs.Input("ghost", 10, false), ClientChannel.NONE).block(BLOCK))
			.isInstanceOf(NotFoundException.class)
			.hasMessageContaining("No container named '" + engine.prefix + "-ghost' exists");
	}

	@Test
	void deployReplacesTheContainerThenRollsBackABadTagAndLeavesTheOldRunning() {
		String name = engine.prefix + "-app";
		List<String> sent = Collections.synchronizedList(new ArrayList<>());

		ServicesDeploy.Output same = services
			.deploy(new ServicesDeploy.Input("app", "1", false), DockerServicesTests.recording(sent))
			.block(BLOCK);
		assertThat(same.outcome()).isEqualTo(ServicesDeploy.Outcome.UNCHANGED);
		assertThat(same.message()).contains("already runs " + repository + ":1").contains("force");

		String firstId = engine.inspect(name).path("Id").asString();
		ServicesDeploy.Output good = services
			.deploy(new ServicesDeploy.Input("app", "2", false), DockerServicesTests.recording(sent))
			.block(BLOCK);
		assertThat(good.outcome()).isEqualTo(ServicesDeploy.Outcome.DEPLOYED);
		assertThat(good.previousImage()).isEqualTo(repository + ":1");
		assertThat(good.image()).isEqualTo(repository + ":2");
		JsonNode now = engine.inspect(name);
		assertThat(now.path("Id").asString()).isNotEqualTo(firstId).startsWith(good.containerId());
		assertThat(now.path("Config").path("Image").asString()).isEqualTo(repository + ":2");
		assertThat(now.path("State").path("Status").asString()).isEqualTo("running");
		assertThat(now.path("HostConfig").path("NetworkMode").asString()).isEqualTo("none");
		assertThat(now.path("Config").path("Cmd").toString()).contains("serving");
		assertThat(good.steps()).anyMatch((s) -> s.contains("using the local image"))
			.anyMatch((s) -> s.startsWith("removed the old container"));
		// each step sent as it happened: the failed pull worked around at warning, the
		// others at info; what the health wait saw at debug, not a step
		assertThat(sent)
			.containsAll(good.steps()
				.stream()
				.map((s) -> (s.contains("using the local image") ? "warning " : "info ") + s)
				.toList())
			.anyMatch((s) -> s.startsWith("debug the new container is running"))
			.noneMatch((s) -> s.startsWith("error "));
		assertThatThrownBy(() -> engine.inspect(firstId)).hasMessageContaining("404");

		String secondId = now.path("Id").asString();
		ServicesDeploy.Output bad = services
			.deploy(new ServicesDeploy.Input("app", "bad", false), DockerServicesTests.recording(sent))
			.block(BLOCK);
		assertThat(bad.outcome()).isEqualTo(ServicesDeploy.Outcome.ROLLED_BACK);
		assertThat(bad.message()).contains("Deploy of " + repository + ":bad failed")
			.contains("exited with code 1")
			.contains("Rolled back");
		assertThat(bad.image()).isEqualTo(repository + ":2");
		JsonNode after = engine.inspect(name);
		assertThat(after.path("Id").asString()).isEqualTo(secondId);
		assertThat(after.path("State").path("Status").asString()).isEqualTo("running");
		assertThat(bad.steps()).anyMatch((s) -> s.startsWith("removed the new container"))
			.anyMatch((s) -> s.contains("it is running"));
		// the failed step at error, the rollback's steps at info
		assertThat(sent).anyMatch((s) -> s.startsWith("error the new container failed: it exited with code 1"))
			.contains("info removed the new container");
		assertThat(engine.ownContainerCount()).isEqualTo(countOwn());

		assertThatThrownBy(
				() -> services.deploy(new ServicesDeploy.Input("app", "no-such-tag", false), ClientChannel.NONE)
					.block(BLOCK))
			.isInstanceOf(BackendException.class)
			.hasMessageContaining("could not be pulled")
			.hasMessageContaining("nothing was changed");
		assertThat(engine.inspect(name).path("Id").asString()).isEqualTo(secondId);
	}

	@Test
	void aDeployWhoseCallerGoesAwayMidwayStillFinishes() throws InterruptedException {
		String name = engine.prefix + "-app";
		String current = engine.inspect(name).path("Config").path("Image").asString();
		String target = current.endsWith(":1") ? "2" : "1";
		List<String> sent = Collections.synchronizedList(new ArrayList<>());

		// the caller leaves once the old container is parked under another name: the
		// worst moment
		Disposable caller = services
			.deploy(new ServicesDeploy.Input("app", target, false), DockerServicesTests.recording(sent))
			.subscribe();
		Eventually.until(Duration.ofSeconds(60),
				() -> sent.stream().anyMatch((s) -> s.startsWith("info renamed the old container")));
		caller.dispose();
		assertThat(sent).anyMatch((s) -> s.startsWith("info renamed the old container"));

		// the deploy goes on to its end: the next deploy of the same version finds it
		// done
		ServicesDeploy.Output next = Eventually.poll(Duration.ofSeconds(60), Duration.ofMillis(200), () -> {
			try {
				return services.deploy(new ServicesDeploy.Input("app", target, false), ClientChannel.NONE).block(BLOCK);
			}
			catch (ConflictException stillRunning) {
				return null;
			}
		}, (answer) -> answer != null);
		assertThat(next).isNotNull();
		assertThat(next.outcome()).isEqualTo(ServicesDeploy.Outcome.UNCHANGED);
		assertThat(sent).anyMatch((s) -> s.startsWith("info removed the old container"));
		JsonNode now = engine.inspect(name);
		assertThat(now.path("Config").path("Image").asString()).isEqualTo(repository + ":" + target);
		assertThat(now.path("State").path("Status").asString()).isEqualTo("running");
		assertThat(engine.ownContainerCount()).isEqualTo(countOwn());

		// back to where the other deploy test expects the service
		String before = current.substring(current.lastIndexOf(':') + 1);
		assertThat(services.deploy(new ServicesDeploy.Input("app", before, false), ClientChannel.NONE)
			.block(BLOCK)
			.outcome()).isEqualTo(ServicesDeploy.Outcome.DEPLOYED);
	}

	/**
	 * web, worker, ticker, short, app, the donor: the deploys leave no container of
	 * theirs behind.
	 */
	private static int countOwn() {
		return 6;
	}

	private static void awaitLog(String service, String text) {
		Eventually.poll(Duration.ofSeconds(5), Duration.ofMillis(100),
				() -> services.logs(new ServicesLogs.Input(service, 1, false), ClientChannel.NONE).block(BLOCK),
				(out) -> !out.lines().isEmpty() && out.lines().get(0).text().equals(text));
	}

	private static ServicesList.Service service(ServicesList.Output out, String id) {
		return out.services().stream().filter((s) -> s.id().equals(id)).findFirst().orElseThrow();
	}

	private static ServicesHealth.Check check(ServicesHealth.Output out, String id) {
		return out.services().stream().filter((c) -> c.id().equals(id)).findFirst().orElseThrow();
	}

}
