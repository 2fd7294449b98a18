package cl.smartercl.mcp.connectors.ports;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cl.smartercl.mcp.connectors.config.TenantConfig;
import cl.smartercl.mcp.core.health.BackendProbe;
import cl.smartercl.mcp.core.tool.Backend;
import cl.smartercl.mcp.core.tool.PortDirectory;

/** The ports of one tenant, built by every provider from the tenant's configuration. */
public final class TenantPorts implements PortDirectory, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(TenantPorts.class);

	private final String tenantId;

	private final Map<Class<?>, Object> ports;

	private final List<BackendProbe> probes;

	private final List<AutoCloseable> resources;

	private final Set<Backend> live;

	private TenantPorts(String tenantId, Map<Class<?>, Object> ports, Set<Backend> live, List<BackendProbe> probes,
			List<AutoCloseable> resources) {
		this.tenantId = tenantId;
		this.ports = Map.copyOf(ports);
		this.live = Collections.unmodifiableSet(EnumSet.copyOf(live));
		this.probes = List.copyOf(probes);
		this.resources = List.copyOf(resources);
	}

	public static TenantPorts build(TenantConfig tenant, List<ConnectorProvider> providers) {
		return build(tenant, providers, PortRegistrar.InProcessLocks.SHARED);
	}

	/**
	 * @param locks the lock connectors use for check-then-act sequences (see
	 * {@link KeyedLock})
	 */
	public static TenantPorts build(TenantConfig tenant, List<ConnectorProvider> providers, KeyedLock locks) {
		Map<Class<?>, Object> ports = new LinkedHashMap<>();
		List<BackendProbe> probes = new ArrayList<>();
		List<AutoCloseable> resources = new ArrayList<>();
		Set<Backend> live = EnumSet.noneOf(Backend.class);
		AtomicReference<TenantPorts> built = new AtomicReference<>();
		PortRegistrar registrar = new PortRegistrar() {
			@Override
			public <P> void port(Class<P> portType, P implementation) {
				if (ports.putIfAbsent(portType, portType.cast(implementation)) != null) {
					throw new IllegalStateException(
							"two implementations of " + portType.getSimpleName() + " for tenant " + tenant.id());
				}
			}

			@Override
			public void serves(Backend backend) {
				live.add(backend);
			}

			@Override
			public void probe(BackendProbe probe) {
				probes.add(probe);
			}

			@Override
			public void closeable(AutoCloseable resource) {
				resources.add(resource);
			}

			@Override
			public KeyedLock locks() {
				return locks;
			}

			@Override
			public Supplier<TenantPorts> finished() {
				return () -> {
					TenantPorts done = built.get();
					if (done == null) {
						throw new IllegalStateException(
								"the ports of tenant " + tenant.id() + " are still being built");
					}
					return done;
				};
			}
		};
		for (ConnectorProvider provider : providers) {
			provider.contribute(tenant, registrar);
		}
		TenantPorts done = new TenantPorts(tenant.id(), ports, live, probes, resources);
		built.set(done);
		return done;
	}

	@Override
	public <P> Optional<P> find(Class<P> portType) {
		return Optional.ofNullable(portType.cast(this.ports.get(portType)));
	}

	@Override
	public Set<Backend> liveBackends() {
		return this.live;
	}

	/** The live probes of the tenant's configured backends. */
	public List<BackendProbe> probes() {
		return this.probes;
	}

	public String tenantId() {
		return this.tenantId;
	}

	@Override
	public void close() {
		for (AutoCloseable resource : this.resources) {
			try {
				resource.close();
			}
			catch (Exception ex) {
				log.warn("closing a connector resource of tenant {} failed: {}", this.tenantId, ex.toString());
			}
		}
	}

}
