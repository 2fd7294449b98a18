package cl.smartercl.mcp.connectors.docker;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.netty.channel.ChannelOption;
import io.netty.handler.timeout.ReadTimeoutException;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import cl.smartercl.mcp.connectors.config.ServiceConfig;
import cl.smartercl.mcp.core.health.BackendProbe;
import cl.smartercl.mcp.core.health.ProbeResult;
import cl.smartercl.mcp.core.tools.infrastructure.Container;
import cl.smartercl.mcp.core.tools.services.HealthStatus;
import cl.smartercl.mcp.core.tools.services.ServicesHealth;

/**
 * The health probe of a registered service: its {@code health} URL, the named backend's
 * own authenticated probe ({@code health: backend}, looked up by service id), or else the
 * state and health check of its container. A probe never fails: whatever happens is its
 * result.
 */
final class ServiceProbes {

	private final Function<String, Optional<BackendProbe>> backendProbes;

	private final Duration timeout;

	private final HttpClient http;

	ServiceProbes(Function<String, Optional<BackendProbe>> backendProbes, Duration timeout) {
		this.backendProbes = backendProbes;
		this.timeout = timeout;
		this.http = HttpClient.create().option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000).followRedirect(false);
	}

	/**
	 * @param container the service's container summary, empty when none; an empty Mono
	 * when the engine is down
	 */
	Mono<ServicesHealth.Check> check(ServiceConfig s, Mono<Optional<Engine.ContainerSummary>> container) {
		Instant started = Instant.now();
		Mono<Optional<ServicesHealth.Check>> external = external(s);
		return external.flatMap((probed) -> probed.map(Mono::just)
			.orElseGet(() -> container.map((c) -> containerCheck(s, c, started))
				.defaultIfEmpty(check(s, HealthStatus.UNKNOWN, started,
						"the Docker engine cannot be reached, so the container state is unknown"))));
	}

	/** The service's own probe (URL or backend), empty when it has none. */
	Mono<Optional<ServicesHealth.Check>> external(ServiceConfig s) {
		String health = (s.health() == null) ? "" : s.health().trim();
		Instant started = Instant.now();
		if (health.startsWith("http://") || health.startsWith("https://")) {
			return url(s, health, started).map(Optional::of);
		}
		if ("backend".equalsIgnoreCase(health)) {
			Optional<BackendProbe> probe = this.backendProbes.apply(s.id());
			if (probe.isEmpty()) {
				return Mono.just(Optional.of(check(s, HealthStatus.UNKNOWN, started,
						"health is 'backend' but no backend named '" + s.id() + "' is configured for this tenant")));
			}
			return probe.get()
				.probe()
				.timeout(this.timeout.plusSeconds(5))
				.map((r) -> new ServicesHealth.Check(s.id(), s.name(), r.status(), r.latencyMs(),
						backendDetail(probe.get(), r), Instant.now()))
				.onErrorResume((ex) -> Mono.just(check(s, HealthStatus.UNHEALTHY, started,
						"the " + probe.get().backend() + " probe did not answer in time")))
				.map(Optional::of);
		}
		return Mono.just(Optional.empty());
	}

	private static String backendDetail(BackendProbe probe, ProbeResult r) {
		return probe.backend() + " probe: " + r.detail()
				+ ((r.version() != null) ? " (version " + r.version() + ")" : "");
	}

	private Mono<ServicesHealth.Check> url(ServiceConfig s, String url, Instant started) {
		String shown = shown(url);
		return this.http.responseTimeout(this.timeout)
			.get()
			.uri(url)
			.responseSingle((response, body) -> Mono.just(response.status().code()))
			.timeout(this.timeout.plusSeconds(5))
			.map((code) -> check(s, (code >= 200 && code < 400) ? HealthStatus.HEALTHY : HealthStatus.UNHEALTHY,
					started, "GET " + shown + " answered HTTP " + code))
			.onErrorResume((ex) -> Mono.just(
					check(s, HealthStatus.UNHEALTHY, started, "GET " + shown + " got no answer (" + reason(ex) + ")")));
	}

	static ServicesHealth.Check containerCheck(ServiceConfig s, Optional<Engine.ContainerSummary> summary,
			Instant started) {
		if (summary.isEmpty()) {
			return check(s, HealthStatus.UNHEALTHY, started, "no container " + DockerServices.describe(s) + " exists");
		}
		Container c = DockerMapper.container(summary.get());
		String what = "container " + c.name() + " is " + c.state();
		if (!"running".equals(c.state())) {
			return check(s, HealthStatus.UNHEALTHY, started,
					what + ((c.exitCode() != null) ? " with exit code " + c.exitCode() : ""));
		}
		if (c.health() == null) {
			return check(s, HealthStatus.HEALTHY, started, what + " (it has no health check)");
		}
		return check(s, "healthy".equals(c.health()) ? HealthStatus.HEALTHY : HealthStatus.UNHEALTHY, started,
				what + ", its health check says " + c.health());
	}

	private static ServicesHealth.Check check(ServiceConfig s, HealthStatus status, Instant started, String detail) {
		Instant now = Instant.now();
		return new ServicesHealth.Check(s.id(), s.name(), status, Duration.between(started, now).toMillis(), detail,
				now);
	}

	/** A probe URL as shown: no user info, no query (either may carry a credential). */
	static String shown(String url) {
		try {
			URI u = URI.create(url);
			return u.getScheme() + "://" + u.getHost() + ((u.getPort() > 0) ? ":" + u.getPort() : "")
					+ ((u.getRawPath() == null) ? "" : u.getRawPath());
		}
		catch (IllegalArgumentException ex) {
			return "the configured URL";
		}
	}

	private static String reason(Throwable ex) {
		if (ex instanceof TimeoutException || ex instanceof ReadTimeoutException) {
			return "timed out";
		}
		if (ex instanceof ConnectException || ex.getCause() instanceof ConnectException) {
			return "connection refused";
		}
		return ex.getClass().getSimpleName();
	}

}
