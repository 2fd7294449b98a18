package cl.smartercl.mcp.connectors.docker;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import cl.smartercl.mcp.connectors.config.ServiceConfig;
import cl.smartercl.mcp.connectors.docker.DockerMapper.ImageRef;
import cl.smartercl.mcp.core.error.BackendException;
import cl.smartercl.mcp.core.error.ConflictException;
import cl.smartercl.mcp.core.error.InvalidArgumentsException;
import cl.smartercl.mcp.core.tool.ClientChannel;
import cl.smartercl.mcp.core.tool.LogLevel;
import cl.smartercl.mcp.core.tools.services.HealthStatus;
import cl.smartercl.mcp.core.tools.services.ServicesDeploy;

/**
 * A standalone (non-Swarm) deploy of a new image tag: pull (or the local image when the
 * registry cannot be reached), create a container with the old one's configuration and
 * the new image, stop the old, start the new, check its health, remove the old. If the
 * new one fails to start or to become healthy, the old one runs again
 * (backend-notes/docker.md §2, "Standalone/compose"). No step is ever retried: each is a
 * write.
 * <p>
 * Each step is sent to the caller as it happens, at level {@code info}; a step that
 * failed and was worked around (the pull, the removal of the old container) at
 * {@code warning}, the failure of the new container at {@code error}; what the health
 * wait sees of the new container at {@code debug} (not a step).
 */
final class ServiceDeployer {

	/** Docker's tag grammar. */
	private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

	private static final Duration POLL = Duration.ofMillis(500);

	private static final String PARKED_SUFFIX = "-prev-";

	private static final int FAILED_LOG_LINES = 5;

	private final DockerApi api;

	private final ServiceProbes probes;

	ServiceDeployer(DockerApi api, ServiceProbes probes) {
		this.api = api;
		this.probes = probes;
	}

	/**
	 * The name the old container carries while a deploy swaps it out:
	 * {@code <name>-prev-<epoch seconds>}.
	 */
	static String parkedName(String name, Instant when) {
		return name + PARKED_SUFFIX + when.getEpochSecond();
	}

	/**
	 * Whether {@code candidate} is a container {@link #parkedName parked} by a deploy of
	 * {@code name}.
	 */
	static boolean isParkedOf(String candidate, String name) {
		return candidate.startsWith(name + PARKED_SUFFIX)
				&& candidate.substring(name.length() + PARKED_SUFFIX.length()).matches("[0-9]+");
	}

	/**
	 * A version is an image tag; anything else is refused before the engine is asked
	 * anything.
	 */
	static void checkVersion(String version) {
		if (version != null && !TAG.matcher(version).matches()) {
			throw new InvalidArgumentsException("version",
					"expected an image tag (letters, digits, '_', '.', '-', at most 128), got '" + version + "'");
		}
	}

	Mono<ServicesDeploy.Output> deploy(ServiceConfig service, String containerId, String version, boolean force,
			ClientChannel channel) {
		checkVersion(version);
		return this.api.inspectContainer(containerId)
			.flatMap((old) -> new Run(service, old, channel).start(version, force));
	}

	/** One deploy: its steps, in order, are the record of what happened. */
	private final class Run {

		private final ServiceConfig service;

		private final Engine.ContainerDetails old;

		private final ClientChannel channel;

		private final List<String> steps = new ArrayList<>();

		private final String oldId;

		private final String name;

		private final String currentImage;

		Run(ServiceConfig service, Engine.ContainerDetails old, ClientChannel channel) {
			this.service = service;
			this.old = old;
			this.channel = channel;
			this.oldId = old.id();
			this.name = old.name();
			this.currentImage = old.image();
		}

		Mono<ServicesDeploy.Output> start(String version, boolean force) {
			if (this.currentImage.isEmpty() || this.currentImage.startsWith("sha256:")) {
				return Mono.error(new ConflictException("Container " + this.name + " of service '" + this.service.id()
						+ "' was created from an image id, not a name and tag, so there is no tag to move on from"));
			}
			ImageRef current = ImageRef.parse(this.currentImage);
			ImageRef target = new ImageRef(current.repository(), (version != null) ? version : current.tag());
			if (target.equals(current) && !force) {
				return Mono.just(new ServicesDeploy.Output(this.service.id(), ServicesDeploy.Outcome.UNCHANGED,
						this.currentImage, this.currentImage, shortOld(), shortOld(),
						List.of("container " + this.name + " already runs " + this.currentImage),
						"Nothing to do: service '" + this.service.id() + "' already runs " + this.currentImage
								+ ". Pass force=true to redeploy the same version."));
			}
			return step("container " + this.name + " (" + shortOld() + ") runs " + this.currentImage)
				.then(obtain(target))
				.then(ServiceDeployer.this.api.inspectImage(this.currentImage)
					.map(Optional::of)
					.defaultIfEmpty(Optional.empty()))
				.flatMap((oldImage) -> swap(target.reference(), oldImage.orElse(null)));
		}

		/**
		 * Pull; when that fails, a local image of that name will do, else nothing has
		 * changed.
		 */
		private Mono<Void> obtain(ImageRef target) {
			return ServiceDeployer.this.api.pull(target.repository(), target.tag())
				.flatMap((status) -> step("pulled " + target.reference() + (status.isEmpty() ? "" : ": " + status)))
				.onErrorResume(
						DockerApi.PullFailed.class, (
								ex) -> ServiceDeployer.this.api.inspectImage(target.reference())
									.hasElement()
									.flatMap((local) -> local
											? step(LogLevel.WARNING,
													"pull failed (" + ex.getMessage() + "); using the local image "
															+ target.reference())
											: Mono.error(new BackendException(DockerApi.SERVICE,
													"image " + target.reference() + " could not be pulled ("
															+ ex.getMessage()
															+ ") and is not on the host; nothing was changed"))));
		}

		private Mono<ServicesDeploy.Output> swap(String image, Engine.Image oldImage) {
			DockerApi api = ServiceDeployer.this.api;
			String parked = parkedName(this.name, Instant.now());
			AtomicReference<String> newId = new AtomicReference<>();
			Mono<Void> create = api.renameContainer(this.oldId, parked)
				.then(step("renamed the old container to " + parked))
				.then(api.createContainer(this.name,
						RecreateSpec.of(api.json(), this.old.document(),
								(oldImage != null) ? oldImage.document() : null, image)))
				.doOnNext(newId::set)
				.flatMap((id) -> step("created container " + this.name + " (" + DockerMapper.shortId(id) + ") from "
						+ image + " with the old one's configuration"))
				.onErrorResume((ex) -> api.renameContainer(this.oldId, this.name)
					.onErrorResume((again) -> Mono.empty())
					.then(Mono.error(new BackendException(DockerApi.SERVICE, "the new container could not be created ("
							+ message(ex) + "); nothing was changed, " + this.name + " keeps running"))));
			return create.then(Mono.defer(() -> afterCreate(newId.get())))
				.flatMap((failure) -> failure.isEmpty() ? finish(image, newId.get(), parked)
						: rollBack(image, newId.get(), parked, failure));
		}

		/**
		 * "" when the new container took over, else what failed; from here on a failure
		 * means rollback.
		 */
		private Mono<String> afterCreate(String newId) {
			DockerApi api = ServiceDeployer.this.api;
			AtomicReference<String> phase = new AtomicReference<>("stopping the old container failed: ");
			return api.stopContainer(this.oldId)
				.then(step("stopped the old container"))
				.then(Mono.fromRunnable(() -> phase.set("starting the new container failed: ")))
				.then(api.startContainer(newId))
				.then(step("started the new container"))
				.then(Mono.fromRunnable(() -> phase.set("checking the new container failed: ")))
				.then(healthy(newId))
				.onErrorResume((ex) -> Mono.just(phase.get() + message(ex)));
		}

		private Mono<ServicesDeploy.Output> finish(String image, String newId, String parked) {
			return ServiceDeployer.this.api.removeContainer(this.oldId, false)
				.then(step("removed the old container " + parked))
				.onErrorResume((ex) -> step(LogLevel.WARNING,
						"the old container " + parked + " could not be removed (" + message(ex)
								+ "); remove it by hand"))
				.then(Mono.fromSupplier(() -> new ServicesDeploy.Output(this.service.id(),
						ServicesDeploy.Outcome.DEPLOYED, this.currentImage, image, shortOld(),
						DockerMapper.shortId(newId), List.copyOf(this.steps), "Deployed " + image + " to service '"
								+ this.service.id() + "' (was " + this.currentImage + ").")));
		}

		/**
		 * The old container runs again under its own name; the failed new one is removed.
		 */
		private Mono<ServicesDeploy.Output> rollBack(String image, String newId, String parked, String failure) {
			DockerApi api = ServiceDeployer.this.api;
			return step(LogLevel.ERROR, "the new container failed: " + failure).then(api.removeContainer(newId, true))
				.then(Mono.defer(() -> step("removed the new container")))
				.then(api.renameContainer(this.oldId, this.name))
				.then(Mono.defer(() -> step("renamed the old container back to " + this.name)))
				.then(api.startContainer(this.oldId))
				.then(api.inspectContainer(this.oldId))
				.flatMap((inspect) -> {
					String state = inspect.state().status();
					if (!"running".equals(state)) {
						return Mono
							.error(new IllegalStateException("the old container is " + state + " after its start"));
					}
					return step("started the old container again: it is running");
				})
				.then(Mono
					.fromSupplier(() -> new ServicesDeploy.Output(this.service.id(), ServicesDeploy.Outcome.ROLLED_BACK,
							this.currentImage, this.currentImage, shortOld(), shortOld(), List.copyOf(this.steps),
							"Deploy of " + image + " failed: " + failure + ". Rolled back: " + this.name + " runs "
									+ this.currentImage + " again.")))
				.onErrorMap((ex) -> new BackendException(DockerApi.SERVICE,
						"deploy of " + image + " failed (" + failure + ") and the rollback failed too (" + message(ex)
								+ "): the old container is " + parked + " or " + this.name + " (" + shortOld()
								+ "); start it by hand"));
		}

		/**
		 * "" when the new container stayed running for the stable window and is healthy
		 * (its own health check, then the service's probe), else what went wrong.
		 */
		private Mono<String> healthy(String id) {
			DockerSettings settings = ServiceDeployer.this.api.settings();
			Instant deadline = Instant.now().plus(settings.deployHealthTimeout());
			AtomicReference<Instant> runningSince = new AtomicReference<>();
			AtomicReference<String> seen = new AtomicReference<>();
			return Flux.interval(Duration.ZERO, POLL)
				.onBackpressureDrop()
				.concatMap((tick) -> ServiceDeployer.this.api.inspectContainer(id))
				.concatMap((inspect) -> seen(inspect.state(), seen).thenReturn(inspect))
				.concatMap((inspect) -> verdict(inspect, runningSince, settings.deployStableFor(), id))
				.filter((v) -> v != null)
				.next()
				.timeout(settings.deployHealthTimeout(),
						Mono.just("the new container did not become healthy within "
								+ settings.deployHealthTimeout().toSeconds() + " s"))
				.flatMap((v) -> v.isEmpty() ? externalProbe(deadline).flatMap(this::stepIfHealthy) : Mono.just(v));
		}

		private Mono<String> stepIfHealthy(String failure) {
			return failure.isEmpty() ? step("the new container is healthy").thenReturn("") : Mono.just(failure);
		}

		/**
		 * What the health wait sees of the new container, sent at {@code debug} each time
		 * it changes.
		 */
		private Mono<Void> seen(Engine.ContainerState state, AtomicReference<String> seen) {
			String now = "the new container is " + state.status()
					+ ((state.health() == null || state.health().isEmpty()) ? "" : ", health " + state.health());
			return now.equals(seen.getAndSet(now)) ? Mono.empty() : log(LogLevel.DEBUG, now);
		}

		/** null: not decided yet. */
		private Mono<String> verdict(Engine.ContainerDetails inspect, AtomicReference<Instant> runningSince,
				Duration stableFor, String id) {
			Engine.ContainerState state = inspect.state();
			String status = state.status();
			String health = state.health();
			if ("exited".equals(status) || "dead".equals(status) || state.restarting()) {
				String error = DockerMapper.sanitize(state.error());
				return lastLines(id, inspect.tty())
					.map((lines) -> "it " + ("exited".equals(status) ? "exited" : "is " + status) + " with code "
							+ state.exitCode() + (error.isEmpty() ? "" : " (" + error + ")") + lines);
			}
			if ("unhealthy".equals(health)) {
				return Mono.just("its health check reports unhealthy");
			}
			if (!"running".equals(status) || "starting".equals(health)) {
				return Mono.empty();
			}
			Instant now = Instant.now();
			runningSince.compareAndSet(null, now);
			return Duration.between(runningSince.get(), now).compareTo(stableFor) >= 0 ? Mono.just("") : Mono.empty();
		}

		/**
		 * The last lines the failed container wrote: it is removed in the rollback, with
		 * its logs.
		 */
		private Mono<String> lastLines(String id, boolean tty) {
			return ServiceDeployer.this.api.logs(id, FAILED_LOG_LINES, false, tty)
				.map((line) -> DockerMapper.sanitize(DockerMapper.logLine(line).text()))
				.collectList()
				.map((lines) -> lines.isEmpty() ? "" : "; its last output: " + String.join(" | ", lines))
				.onErrorReturn("");
		}

		/**
		 * The service's own probe until healthy, within the deadline; "" when it has
		 * none.
		 */
		private Mono<String> externalProbe(Instant deadline) {
			return Flux.interval(Duration.ZERO, Duration.ofSeconds(1))
				.onBackpressureDrop()
				.concatMap((tick) -> ServiceDeployer.this.probes.external(this.service))
				.takeUntil((check) -> check.isEmpty() || check.get().status() == HealthStatus.HEALTHY
						|| Instant.now().isAfter(deadline))
				.last()
				.map((check) -> check.filter((c) -> c.status() != HealthStatus.HEALTHY)
					.map((c) -> "the service's health probe says " + c.status().name().toLowerCase(Locale.ROOT) + ": "
							+ c.detail())
					.orElse(""));
		}

		/** A step as it happens: on record in the answer, and sent at {@code info}. */
		private Mono<Void> step(String text) {
			return step(LogLevel.INFO, text);
		}

		private Mono<Void> step(LogLevel level, String text) {
			return Mono.defer(() -> {
				this.steps.add(text);
				return log(level, text);
			});
		}

		private Mono<Void> log(LogLevel level, String text) {
			return this.channel.log(level, "services_deploy", text).onErrorResume((ex) -> Mono.empty());
		}

		private String shortOld() {
			return DockerMapper.shortId(this.oldId);
		}

	}

	private static String message(Throwable ex) {
		return DockerMapper.sanitize(ex.getMessage());
	}

}
