package cl.smartercl.mcp.server.health;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import cl.smartercl.mcp.core.health.BackendProbe;
import cl.smartercl.mcp.core.health.ProbeResult;
import cl.smartercl.mcp.core.tools.services.HealthStatus;
import cl.smartercl.mcp.server.tenant.TenantDirectory;

/**
 * Live probes of every tenant's configured backends, run in parallel, each bounded by a
 * time-out and its answer reused for a few seconds (a Reactor cache per probe: callers
 * arriving while a probe runs share it).
 */
public class BackendHealth {

	private final TenantDirectory tenants;

	private final Duration timeout;

	private final Duration ttl;

	private final Map<BackendProbe, Mono<ProbeResult>> cached = new ConcurrentHashMap<>();

	public BackendHealth(TenantDirectory tenants, HealthProperties properties) {
		this.tenants = tenants;
		this.timeout = properties.probeTimeout();
		this.ttl = properties.cacheTtl();
	}

	/** Probe results per tenant id, then per backend name, for the given tenants. */
	public Mono<Map<String, Map<String, ProbeResult>>> probe(List<String> tenantIds) {
		return Flux.fromIterable(tenantIds)
			.flatMap((tenantId) -> Flux
				.fromIterable(this.tenants.tenantPorts(tenantId).map((ports) -> ports.probes()).orElse(List.of()))
				.flatMap((probe) -> cachedProbe(probe).map((result) -> new Probed(tenantId, probe.backend(), result))))
			.collectList()
			.map((all) -> {
				Map<String, Map<String, ProbeResult>> byTenant = new LinkedHashMap<>();
				tenantIds.forEach((id) -> byTenant.put(id, new TreeMap<>()));
				all.forEach((p) -> byTenant.get(p.tenantId()).put(p.backend(), p.result()));
				return byTenant;
			});
	}

	private Mono<ProbeResult> cachedProbe(BackendProbe probe) {
		return this.cached.computeIfAbsent(probe, (p) -> {
			long[] start = new long[1];
			return Mono.defer(() -> {
				start[0] = System.nanoTime();
				return p.probe();
			})
				.timeout(this.timeout)
				// a probe should never fail, but one that does (or hangs) is an unhealthy
				// backend
				.onErrorResume((ex) -> Mono
					.just(new ProbeResult(HealthStatus.UNHEALTHY, (System.nanoTime() - start[0]) / 1_000_000, null,
							(ex instanceof TimeoutException) ? "no answer within " + this.timeout.toMillis() + " ms"
									: "probe failed")))
				.cache((result) -> this.ttl, (ex) -> Duration.ZERO, () -> Duration.ZERO);
		});
	}

	private record Probed(String tenantId, String backend, ProbeResult result) {
	}

}
