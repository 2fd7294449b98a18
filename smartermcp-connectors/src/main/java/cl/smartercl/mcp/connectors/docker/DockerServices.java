package cl.smartercl.mcp.connectors.docker;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import cl.smartercl.mcp.connectors.config.ServiceConfig;
import cl.smartercl.mcp.core.error.ConflictException;
import cl.smartercl.mcp.core.error.NotFoundException;
import cl.smartercl.mcp.core.health.BackendProbe;
import cl.smartercl.mcp.core.tool.ClientChannel;
import cl.smartercl.mcp.core.tool.LogLevel;
import cl.smartercl.mcp.core.tools.services.HealthStatus;
import cl.smartercl.mcp.core.tools.services.ServicesDeploy;
import cl.smartercl.mcp.core.tools.services.ServicesHealth;
import cl.smartercl.mcp.core.tools.services.ServicesList;
import cl.smartercl.mcp.core.tools.services.ServicesLogs;
import cl.smartercl.mcp.core.tools.services.ServicesPort;
import cl.smartercl.mcp.core.tools.services.ServicesRestart;

/**
 * The services tools over a tenant's service registry ({@code services:} in the tenants
 * file) and its Docker engine. A service's container is found by name, or by the compose
 * label {@code com.docker.compose.service}; with neither set, by a container named like
 * the service id.
 */
public final class DockerServices implements ServicesPort {

	static final String COMPOSE_SERVICE = "com.docker.compose.service";

	private static final Logger log = LoggerFactory.getLogger(DockerServices.class);

	private final Map<String, ServiceConfig> services;

	private final DockerApi api;

	private final ServiceProbes probes;

	private final ServiceDeployer deployer;

	private final Set<String> deploying = ConcurrentHashMap.newKeySet();

	DockerServices(List<ServiceConfig> services, DockerApi api,
			Function<String, Optional<BackendProbe>> backendProbes) {
		this.services = new LinkedHashMap<>();
		services.forEach((s) -> this.services.put(s.id(), s));
		this.api = api;
		this.probes = new ServiceProbes(backendProbes, api.settings().requestTimeout());
		this.deployer = new ServiceDeployer(api, this.probes);
	}

	@Override
	public Mono<ServicesList.Output> list(ServicesList.Input input) {
		List<ServiceConfig> selected = this.services.values()
			.stream()
			.filter((s) -> input.filter() == ServicesList.Filter.ALL || s.type().name().equals(input.filter().name()))
			.toList();
		return this.api.listContainers(true, null).map((all) -> {
			List<ServicesList.Service> out = new ArrayList<>();
			for (ServiceConfig s : selected) {
				out.add(DockerMapper.service(s, pick(s, all).orElse(null)));
			}
			return new ServicesList.Output(out, out.size());
		});
	}

	@Override
	public Mono<ServicesHealth.Output> health(ServicesHealth.Input input) {
		List<ServiceConfig> targets = (input.serviceId() == null) ? List.copyOf(this.services.values())
				: List.of(service(input.serviceId()));
		// one container listing for every state-only check; a down engine is a result,
		// not a failure
		Mono<List<Engine.ContainerSummary>> containers = this.api.listContainers(true, null)
			.onErrorResume((ex) -> Mono.empty())
			.cache();
		return Flux.fromIterable(targets)
			.flatMapSequential((s) -> this.probes.check(s, containers.map((all) -> pick(s, all))))
			.collectList()
			.map((checks) -> new ServicesHealth.Output(overall(checks), checks));
	}

	@Override
	public Mono<ServicesRestart.Output> restart(ServicesRestart.Input input) {
		ServiceConfig s = service(input.serviceId());
		return container(s)
			.flatMap((id) -> this.api.restartContainer(id)
				.then(this.api.inspectContainer(id))
				.map((inspect) -> new ServicesRestart.Output(s.id(), DockerMapper.shortId(inspect.id()), inspect.name(),
						DockerMapper.nullIfEmpty(inspect.state().status()), inspect.state().startedAt())))
			.onErrorMap(DockerApi.NotFound.class, (ex) -> containerGone(s));
	}

	@Override
	public Mono<ServicesDeploy.Output> deploy(ServicesDeploy.Input input, ClientChannel channel) {
		ServiceConfig s = service(input.serviceId());
		ServiceDeployer.checkVersion(input.version());
		// two deploys of one service at once would swap containers under each other
		return Mono.defer(() -> {
			if (!this.deploying.add(s.id())) {
				return Mono.error(new ConflictException(
						"A deploy of service '" + s.id() + "' is already running; wait for it to finish"));
			}
			// once started, a deploy runs to its end even when its caller goes away (a
			// cancelled call, a
			// closed connection, a time-out): stopped between two steps it could leave
			// the old container
			// stopped and the new one not started. The caller gets the outcome if it
			// still waits.
			Sinks.One<ServicesDeploy.Output> outcome = Sinks.one();
			container(s).flatMap((id) -> this.deployer.deploy(s, id, input.version(), input.force(), channel))
				// released before the outcome reaches the caller (doFinally would run
				// after it, so a caller
				// deploying again right away could still find the service busy)
				.doOnTerminate(() -> this.deploying.remove(s.id()))
				.subscribe((done) -> {
					if (outcome.tryEmitValue(done).isFailure()) {
						log.info("deploy of service '{}' ended after its caller left: {}", s.id(), done.message());
					}
				}, (ex) -> {
					if (outcome.tryEmitError(ex).isFailure()) {
						log.warn("deploy of service '{}' failed after its caller left: {}", s.id(), ex.getMessage());
					}
				});
			return outcome.asMono();
		});
	}

	@Override
	public Mono<ServicesLogs.Output> logs(ServicesLogs.Input input, ClientChannel channel) {
		ServiceConfig s = service(input.serviceId());
		return container(s).flatMap(this.api::inspectContainer).flatMap((inspect) -> {
			String id = inspect.id();
			Flux<ServicesLogs.Line> lines = this.api.logs(id, input.lines(), input.follow(), inspect.tty())
				.map(DockerMapper::logLine);
			String shortId = DockerMapper.shortId(id);
			if (!input.follow()) {
				// tail=N counts log entries; decoding cannot add lines, but the answer is
				// held to N exactly
				return lines.takeLast(input.lines())
					.collectList()
					.map((l) -> new ServicesLogs.Output(s.id(), shortId, l, null));
			}
			return follow(s, shortId, lines, input.lines(), channel);
		}).onErrorMap(DockerApi.NotFound.class, (ex) -> containerGone(s));
	}

	/**
	 * The last N lines, then new ones as they come, each sent to the caller at once; the
	 * stream ends by itself at the time or line bound (settings), or when the container
	 * stops.
	 */
	private Mono<ServicesLogs.Output> follow(ServiceConfig s, String containerId, Flux<ServicesLogs.Line> lines,
			int tail, ClientChannel channel) {
		DockerSettings settings = this.api.settings();
		int maxLines = tail + settings.followMaxLines();
		AtomicReference<String> endedBy = new AtomicReference<>();
		AtomicInteger count = new AtomicInteger();
		return lines
			.takeUntilOther(Mono.delay(settings.followMaxDuration())
				.doOnNext((t) -> endedBy.compareAndSet(null,
						"time limit: followed for " + settings.followMaxDuration().toSeconds() + " s")))
			.takeUntil((line) -> count.incrementAndGet() >= maxLines && endedBy.compareAndSet(null,
					"line limit: " + settings.followMaxLines() + " lines after the last " + tail))
			.concatMap((line) -> channel.log(level(line), "services_logs", line.stream() + ": " + line.text())
				.onErrorResume((ex) -> Mono.empty())
				.thenReturn(line))
			.collectList()
			.map((l) -> new ServicesLogs.Output(s.id(), containerId, l,
					(endedBy.get() != null) ? endedBy.get() : "the log stream ended: the container stopped"));
	}

	/**
	 * A followed line's level: stdout {@code info}, stderr {@code notice}. Most servers
	 * write their whole log to stderr (it is where diagnostics go, unbuffered), so stderr
	 * does not mean trouble and is not a warning; one level above stdout lets a client
	 * ask for the stderr lines alone ({@code notice}). The line's text is not read for a
	 * severity: log formats differ from image to image.
	 */
	static LogLevel level(ServicesLogs.Line line) {
		return StreamDecoder.STDERR.equals(line.stream()) ? LogLevel.NOTICE : LogLevel.INFO;
	}

	// ---- registry and containers

	ServiceConfig service(String id) {
		ServiceConfig s = (id == null) ? null : this.services.get(id);
		if (s == null) {
			throw new NotFoundException("Service", String.valueOf(id),
					this.services.isEmpty() ? "This tenant has no services registered"
							: "Known services: " + String.join(", ", this.services.keySet()));
		}
		return s;
	}

	/**
	 * The id of the service's container, or a not-found error that says what was looked
	 * for.
	 */
	private Mono<String> container(ServiceConfig s) {
		return this.api.listContainers(true, null)
			.flatMap((all) -> pick(s, all).map((summary) -> Mono.just(summary.id()))
				.orElseGet(() -> Mono.error(containerGone(s, parked(s, all)))));
	}

	private static NotFoundException containerGone(ServiceConfig s) {
		return containerGone(s, Optional.empty());
	}

	private static NotFoundException containerGone(ServiceConfig s, Optional<String> parked) {
		if (parked.isPresent()) {
			// the server stopped mid-deploy, between parking the old container and
			// creating the new one:
			// the old one is all there is, and only the operator should decide to bring
			// it back
			String name = containerName(s);
			return new NotFoundException("Container of service", s.id(),
					"No container " + describe(s) + " exists on the Docker host, but '" + parked.get()
							+ "' does: a deploy was interrupted and left"
							+ " the old container parked under that name. Bring it back with 'docker rename "
							+ parked.get() + " " + name + "' and 'docker start " + name + "', then deploy again");
		}
		return new NotFoundException("Container of service", s.id(), "No container " + describe(s)
				+ " exists on the Docker host; check the service's container or compose-service in the tenants file");
	}

	/**
	 * The newest container a deploy of the service parked and never brought back, if any.
	 */
	static Optional<String> parked(ServiceConfig s, List<Engine.ContainerSummary> all) {
		if (s.container() == null && s.composeService() != null) {
			// found by label: a parked container still carries it, so pick() already
			// found it
			return Optional.empty();
		}
		String name = containerName(s);
		return all.stream()
			.filter((summary) -> ServiceDeployer.isParkedOf(summary.name(), name))
			.max(Comparator.comparingLong(Engine.ContainerSummary::createdEpochSecond))
			.map(Engine.ContainerSummary::name);
	}

	static String describe(ServiceConfig s) {
		if (s.container() == null && s.composeService() != null) {
			return "with label " + COMPOSE_SERVICE + "=" + s.composeService();
		}
		return "named '" + containerName(s) + "'";
	}

	static String containerName(ServiceConfig s) {
		return (s.container() != null) ? s.container() : s.id();
	}

	/**
	 * The service's container among all of the host's: by exact name, or by compose
	 * label, where several replicas may match: a running one first, then the newest.
	 */
	static Optional<Engine.ContainerSummary> pick(ServiceConfig s, List<Engine.ContainerSummary> all) {
		List<Engine.ContainerSummary> matches = new ArrayList<>();
		for (Engine.ContainerSummary summary : all) {
			boolean match = (s.container() == null && s.composeService() != null)
					? s.composeService().equals(summary.labels().get(COMPOSE_SERVICE))
					: containerName(s).equals(summary.name());
			if (match) {
				matches.add(summary);
			}
		}
		return matches.stream()
			.max(Comparator.comparing(Engine.ContainerSummary::running)
				.thenComparingLong(Engine.ContainerSummary::createdEpochSecond));
	}

	private static String overall(List<ServicesHealth.Check> checks) {
		Map<HealthStatus, Long> counts = checks.stream()
			.filter((c) -> c.status() != HealthStatus.UNKNOWN)
			.collect(Collectors.groupingBy(ServicesHealth.Check::status, Collectors.counting()));
		long probed = counts.values().stream().mapToLong(Long::longValue).sum();
		if (probed == 0) {
			return "unknown";
		}
		long healthy = counts.getOrDefault(HealthStatus.HEALTHY, 0L);
		return (healthy == probed) ? "healthy" : (healthy == 0) ? "unhealthy" : "degraded";
	}

}
