package cl.smartercl.mcp.benchmarks.stub;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import cl.smartercl.mcp.connectors.config.BackendsConfig;
import cl.smartercl.mcp.core.tool.Backend;
import cl.smartercl.mcp.connectors.config.TenantConfig;
import cl.smartercl.mcp.connectors.ports.ConnectorProvider;
import cl.smartercl.mcp.connectors.ports.Connectors;
import cl.smartercl.mcp.connectors.ports.PortRegistrar;
import cl.smartercl.mcp.connectors.ports.TenantPorts;
import cl.smartercl.mcp.core.health.BackendProbe;
import cl.smartercl.mcp.core.tools.services.ServicesPort;

/**
 * The providers and the tenant of a benchmark run: the production providers, except that
 * {@code services_list} is answered by {@link StubServicesPort}. When a Docker stub URL
 * is given, the tenant's Docker backend points at it, so {@code containers_list} goes
 * through the real Docker connector to that stub over HTTP (what the connector adds is
 * then measured too).
 */
final class BenchmarkProviders {

	private BenchmarkProviders() {
	}

	static TenantConfig tenant(String tenantId, String dockerStubUrl) {
		if (dockerStubUrl == null || dockerStubUrl.isBlank()) {
			return TenantConfig.empty(tenantId);
		}
		// Prometheus configured (never called by containers_list) keeps the Docker
		// connector from
		// starting its own stats sampler, which would poll the stub in the background
		// during runs.
		BackendsConfig backends = new BackendsConfig(null, new BackendsConfig.Docker(dockerStubUrl, null, null, null),
				null, null, null, null, null, new BackendsConfig.Prometheus(URI.create(dockerStubUrl)));
		return new TenantConfig(tenantId, backends, null, null);
	}

	static List<ConnectorProvider> providers() {
		List<ConnectorProvider> providers = new ArrayList<>();
		providers.add((tenant, registrar) -> registrar.port(ServicesPort.class, new StubServicesPort()));
		for (ConnectorProvider provider : Connectors.providers()) {
			providers.add((tenant, registrar) -> provider.contribute(tenant, new WithoutServicesPort(registrar)));
		}
		return providers;
	}

	/**
	 * Lets a production provider register everything but its own {@link ServicesPort}.
	 */
	private record WithoutServicesPort(PortRegistrar delegate) implements PortRegistrar {

		@Override
		public <P> void port(Class<P> portType, P implementation) {
			if (portType != ServicesPort.class) {
				this.delegate.port(portType, implementation);
			}
		}

		@Override
		public void serves(Backend backend) {
			this.delegate.serves(backend);
		}

		@Override
		public void probe(BackendProbe probe) {
			this.delegate.probe(probe);
		}

		@Override
		public void closeable(AutoCloseable resource) {
			this.delegate.closeable(resource);
		}

		@Override
		public Supplier<TenantPorts> finished() {
			return this.delegate.finished();
		}

	}

}
