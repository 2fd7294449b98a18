package cl.smartercl.mcp.connectors.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import cl.smartercl.mcp.core.error.BackendException;
import cl.smartercl.mcp.core.error.InvalidArgumentsException;
import cl.smartercl.mcp.core.error.NotFoundException;
import cl.smartercl.mcp.core.tools.infrastructure.Container;
import cl.smartercl.mcp.core.tools.infrastructure.ContainersList;
import cl.smartercl.mcp.core.tools.infrastructure.ContainersRestart;
import cl.smartercl.mcp.core.tools.infrastructure.InfraMetrics;
import cl.smartercl.mcp.core.tools.infrastructure.InfraStatus;
import cl.smartercl.mcp.core.tools.infrastructure.InfrastructurePort;

/**
 * The infrastructure tools over one Docker Engine API endpoint. Metrics come from
 * whatever source the provider chose: Prometheus range queries when the tenant has a
 * Prometheus, else the own sampler.
 */
public final class DockerConnector implements InfrastructurePort {

	private static final int STATS_CONCURRENCY = 8;

	private static final Path LOADAVG = Path.of("/proc/loadavg");

	private final DockerApi api;

	private final Function<InfraMetrics.Input, Mono<InfraMetrics.Output>> metrics;

	DockerConnector(DockerApi api, Function<InfraMetrics.Input, Mono<InfraMetrics.Output>> metrics) {
		this.api = api;
		this.metrics = Objects.requireNonNull(metrics, "metrics");
	}

	@Override
	public Mono<ContainersList.Output> listContainers(ContainersList.Input input) {
		ContainersList.Filter filter = input.filter();
		Mono<List<Engine.ContainerSummary>> listed = switch (filter) {
			case RUNNING -> this.api.listContainers(false, Map.of("status", List.of("running")));
			case STOPPED -> this.api.listContainers(true, Map.of("status", List.of("exited", "created")));
			// no engine filter says "error" (backend-notes/docker.md §5.2): list all,
			// judge each
			case ALL, ERROR -> this.api.listContainers(true, null);
		};
		return listed.map((summaries) -> {
			List<Container> containers = new ArrayList<>();
			for (Engine.ContainerSummary summary : summaries) {
				Container c = DockerMapper.container(summary);
				if (filter != ContainersList.Filter.ERROR || DockerMapper.inError(c)) {
					containers.add(c);
				}
			}
			return new ContainersList.Output(containers, containers.size());
		});
	}

	@Override
	public Mono<ContainersRestart.Output> restartContainer(ContainersRestart.Input input) {
		String ref = containerRef(input.containerId(), "container_id");
		// a write: sent once, never retried
		return this.api.restartContainer(ref)
			.then(this.api.inspectContainer(ref))
			.map(DockerMapper::restarted)
			.onErrorMap(DockerApi.NotFound.class, (ex) -> new NotFoundException("Container", ref,
					"Use containers_list to see the ids and names of the containers on this host"));
	}

	@Override
	public Mono<InfraStatus.Output> status(InfraStatus.Input input) {
		return Mono.zip(this.api.version(), this.api.info(), this.api.listContainers(true, null))
			.flatMap((t) -> Mono.zip(usage(t.getT3()), diskUsed().map(Optional::of).defaultIfEmpty(Optional.empty()))
				.map((u) -> status(t.getT1(), t.getT2(), t.getT3(), u.getT1(), u.getT2().orElse(null))));
	}

	@Override
	public Mono<InfraMetrics.Output> metrics(InfraMetrics.Input input) {
		return this.metrics.apply(input);
	}

	private InfraStatus.Output status(DockerEngineVersion version, Engine.Info info,
			List<Engine.ContainerSummary> containers, Usage usage, Long diskUsed) {
		int running = 0;
		int paused = 0;
		int stopped = 0;
		int unhealthy = 0;
		for (Engine.ContainerSummary summary : containers) {
			Container c = DockerMapper.container(summary);
			switch (c.state()) {
				case "running", "restarting" -> running++;
				case "paused" -> paused++;
				default -> stopped++;
			}
			if ("unhealthy".equals(c.health())) {
				unhealthy++;
			}
		}
		InfraStatus.Engine engine = new InfraStatus.Engine(version.version(), version.apiVersion(),
				info.operatingSystem(), info.kernelVersion(), info.storageDriver());
		InfraStatus.Host host = new InfraStatus.Host(info.name(), info.cpus(), info.memoryTotal(), usage.cpuPercent(),
				usage.memoryBytes(), diskUsed, load());
		return new InfraStatus.Output(engine, host,
				new InfraStatus.Containers(containers.size(), running, paused, stopped, unhealthy), info.images());
	}

	private record Usage(Double cpuPercent, Long memoryBytes) {
	}

	/**
	 * CPU and memory of the running containers. Docker fills {@code precpu_stats}; podman
	 * does not, so then a second reading a second later gives the CPU delta.
	 */
	private Mono<Usage> usage(List<Engine.ContainerSummary> containers) {
		List<String> ids = new ArrayList<>();
		for (Engine.ContainerSummary summary : containers) {
			if (summary.running()) {
				ids.add(summary.id());
			}
		}
		if (ids.isEmpty()) {
			return Mono.just(new Usage(0.0, 0L));
		}
		return readings(ids).flatMap((first) -> {
			boolean complete = first.stream().allMatch((r) -> r.cpuPercentFromPrevious() != null);
			if (complete) {
				return Mono.just(sum(first, first));
			}
			return Mono.delay(Duration.ofSeconds(1)).then(readings(ids)).map((second) -> sum(first, second));
		}).onErrorResume(BackendException.class, (ex) -> Mono.just(new Usage(null, null)));
	}

	private Mono<List<StatsReading>> readings(List<String> ids) {
		return Flux.fromIterable(ids)
			.flatMap((id) -> this.api.stats(id, id)
				// a container that stopped meanwhile is simply not counted
				.onErrorResume(DockerApi.NotFound.class, (ex) -> Mono.empty()), STATS_CONCURRENCY)
			.collectList();
	}

	private static Usage sum(List<StatsReading> first, List<StatsReading> second) {
		double cpu = 0;
		long memory = 0;
		boolean cpuKnown = true;
		for (StatsReading later : second) {
			memory += later.memoryUsed();
			Double percent = later.cpuPercentFromPrevious();
			if (percent == null) {
				StatsReading earlier = first.stream()
					.filter((r) -> r.name().equals(later.name()))
					.findFirst()
					.orElse(null);
				percent = (earlier == null || earlier == later) ? null : later.cpuPercentSince(earlier);
			}
			if (percent == null) {
				cpuKnown = false;
			}
			else {
				cpu += percent;
			}
		}
		return new Usage(cpuKnown ? Math.round(cpu * 100) / 100.0 : null, memory);
	}

	/**
	 * Bytes of image layers, container layers and volumes; absent when the engine cannot
	 * say.
	 */
	private Mono<Long> diskUsed() {
		return this.api.diskUsage()
			// an engine without /system/df (404) or failing it cannot say: the status
			// goes out without it
			.onErrorResume((ex) -> ex instanceof BackendException || ex instanceof DockerApi.NotFound,
					(ex) -> Mono.empty());
	}

	/**
	 * The Engine API reports no load. Over a unix socket the engine runs on this machine
	 * (load averages are not namespaced, so this holds inside a container too); over TCP
	 * it is unknown.
	 */
	private List<Double> load() {
		if (!this.api.local() || !Files.isReadable(LOADAVG)) {
			return null;
		}
		try {
			String[] parts = Files.readString(LOADAVG).trim().split("\\s+");
			return List.of(Double.valueOf(parts[0]), Double.valueOf(parts[1]), Double.valueOf(parts[2]));
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	/**
	 * A container id or name as the engine allows them: anything else could never name
	 * one.
	 */
	static String containerRef(String value, String argument) {
		if (value == null || value.isBlank()) {
			throw new InvalidArgumentsException(argument, "a container id or name is required");
		}
		String ref = value.trim();
		if (ref.startsWith("/")) {
			ref = ref.substring(1);
		}
		if (!DockerApi.CONTAINER_REF.matcher(ref).matches()) {
			throw new InvalidArgumentsException(argument,
					"expected a container id or name (letters, digits, '_', '.', '-'), got '" + value + "'");
		}
		return ref;
	}

}
