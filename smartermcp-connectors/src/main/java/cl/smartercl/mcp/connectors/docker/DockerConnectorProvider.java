package cl.smartercl.mcp.connectors.docker;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;

import cl.smartercl.mcp.connectors.config.BackendsConfig;
import cl.smartercl.mcp.core.tool.Backend;
import cl.smartercl.mcp.connectors.config.TenantConfig;
import cl.smartercl.mcp.connectors.ports.ConnectorProvider;
import cl.smartercl.mcp.connectors.ports.PortRegistrar;
import cl.smartercl.mcp.connectors.ports.TenantPorts;
import cl.smartercl.mcp.connectors.prometheus.PrometheusMetrics;
import cl.smartercl.mcp.core.health.BackendProbe;
import cl.smartercl.mcp.core.tools.infrastructure.InfraMetrics;
import cl.smartercl.mcp.core.tools.infrastructure.InfrastructurePort;
import cl.smartercl.mcp.core.tools.services.ServicesPort;

/**
 * Builds a tenant's infrastructure and services ports when the tenant has a Docker
 * backend: one Engine API client, the docker probe, and metrics from the tenant's
 * Prometheus (whose probe it registers too) or else from an own sampler started here and
 * stopped with the tenant's ports.
 */
public final class DockerConnectorProvider implements ConnectorProvider {

	/**
	 * The live probe of another backend of a tenant, for services whose {@code health} is
	 * {@code backend}; asked at probe time, so it may look at ports built after these.
	 */
	@FunctionalInterface
	public interface ProbeLookup {

		Optional<BackendProbe> find(String tenantId, String backend);

		ProbeLookup NONE = (tenant, backend) -> Optional.empty();

	}

	private final DockerSettings settings;

	private final ProbeLookup probes;

	/**
	 * Default bounds; a service with {@code health: backend} uses the probe its tenant's
	 * ports offer for that backend.
	 */
	public DockerConnectorProvider() {
		this(DockerSettings.DEFAULTS, ProbeLookup.NONE);
	}

	public DockerConnectorProvider(DockerSettings settings, ProbeLookup probes) {
		this.settings = Objects.requireNonNull(settings, "settings");
		this.probes = Objects.requireNonNull(probes, "probes");
	}

	@Override
	public void contribute(TenantConfig tenant, PortRegistrar registrar) {
		BackendsConfig.Docker docker = tenant.backends().docker();
		if (docker == null) {
			return;
		}
		DockerApi api = new DockerApi(DockerTransport.create(docker, tenant.id()), this.settings, tenant.id());
		Function<InfraMetrics.Input, Mono<InfraMetrics.Output>> metrics;
		BackendsConfig.Prometheus prometheus = tenant.backends().prometheus();
		if (prometheus != null && prometheus.url() != null) {
			PrometheusMetrics source = new PrometheusMetrics(prometheus.url(), this.settings.requestTimeout());
			registrar.closeable(source);
			registrar.probe(source.probe());
			metrics = source::metrics;
			registrar.serves(Backend.PROMETHEUS);
		}
		else {
			ContainerSampler sampler = new ContainerSampler(api, this.settings.samplerInterval(),
					this.settings.samplerCapacity(), Clock.systemUTC())
				.start();
			registrar.closeable(sampler);
			metrics = sampler::metrics;
		}
		// registered after what uses it, so it is closed last
		registrar.closeable(api);
		registrar.port(InfrastructurePort.class, new DockerConnector(api, metrics));
		// by default a "health: backend" service asks that backend's probe among the
		// tenant's finished ports
		Supplier<TenantPorts> finished = registrar.finished();
		ProbeLookup lookup = (this.probes != ProbeLookup.NONE) ? this.probes
				: (tenantId, backend) -> finished.get()
					.probes()
					.stream()
					.filter((probe) -> probe.backend().equals(backend))
					.findFirst();
		registrar.port(ServicesPort.class,
				new DockerServices(tenant.services(), api, (backend) -> lookup.find(tenant.id(), backend)));
		registrar.probe(new DockerProbe(api));
		registrar.serves(Backend.DOCKER);
	}

}
