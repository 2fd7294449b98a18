package cl.smartercl.mcp.server.tenant;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cl.smartercl.mcp.connectors.config.TenantConfig;
import cl.smartercl.mcp.connectors.ports.ConnectorProvider;
import cl.smartercl.mcp.connectors.ports.InProcessKeyedLock;
import cl.smartercl.mcp.connectors.ports.KeyedLock;
import cl.smartercl.mcp.connectors.ports.TenantPorts;
import cl.smartercl.mcp.core.tool.Backend;
import cl.smartercl.mcp.core.tool.PortDirectory;

/**
 * Each tenant's connectors: built at start for the tenants the tenants file names, and on
 * first use for a tenant it does not name (which has no backends, so only the tools that
 * need none work — the generators, the bundled documentation — and the others answer that
 * their backend is not configured).
 */
public class TenantDirectory implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(TenantDirectory.class);

	private final Map<String, TenantConfig> configs;

	private final Map<String, TenantPorts> ports;

	private final Map<String, TenantPorts> unconfigured = new ConcurrentHashMap<>();

	private final List<ConnectorProvider> providers;

	private final KeyedLock locks;

	public TenantDirectory(List<TenantConfig> tenants, List<ConnectorProvider> providers) {
		this(tenants, providers, new InProcessKeyedLock());
	}

	/**
	 * @param locks the lock connectors hold for check-then-act sequences, shared by
	 * replicas when it can be
	 */
	public TenantDirectory(List<TenantConfig> tenants, List<ConnectorProvider> providers, KeyedLock locks) {
		this.providers = List.copyOf(providers);
		this.locks = locks;
		Map<String, TenantConfig> configs = new LinkedHashMap<>();
		Map<String, TenantPorts> ports = new LinkedHashMap<>();
		for (TenantConfig tenant : tenants) {
			configs.put(tenant.id(), tenant);
			TenantPorts built = TenantPorts.build(tenant, providers, locks);
			ports.put(tenant.id(), built);
			Set<Backend> unserved = EnumSet.noneOf(Backend.class);
			unserved.addAll(tenant.backends().configured());
			unserved.removeAll(built.liveBackends());
			for (Backend backend : unserved) {
				log.warn("tenant '{}': {} is in the tenants file but no connector serves it: its tools stay "
						+ "unavailable (see {})", tenant.id(), backend.configKey(), Backend.CONFIGURATION_DOC);
			}
			log.info("tenant '{}': live backends: {}", tenant.id(), names(built.liveBackends()));
		}
		this.configs = Map.copyOf(configs);
		this.ports = Map.copyOf(ports);
	}

	/** The tenant's ports. */
	public PortDirectory portsFor(String tenantId) {
		TenantPorts tenantPorts = this.ports.get(tenantId);
		return (tenantPorts != null) ? tenantPorts : this.unconfigured.computeIfAbsent(tenantId,
				(id) -> TenantPorts.build(TenantConfig.empty(id), this.providers, this.locks));
	}

	/** The tenant's connectors (probes, resources), if the tenants file names it. */
	public Optional<TenantPorts> tenantPorts(String tenantId) {
		return Optional.ofNullable(this.ports.get(tenantId));
	}

	public Optional<TenantConfig> config(String tenantId) {
		return Optional.ofNullable(this.configs.get(tenantId));
	}

	/** The tenant ids the tenants file names. */
	public Set<String> tenantIds() {
		return this.configs.keySet();
	}

	/** The backends a tenant's tools can use: configured and served by a connector. */
	public Set<Backend> liveBackends(String tenantId) {
		return portsFor(tenantId).liveBackends();
	}

	/** Backend names for people, {@code none} when there are none. */
	public static String names(Set<Backend> backends) {
		return backends.isEmpty() ? "none" : backends.stream().map(Backend::id).collect(Collectors.joining(", "));
	}

	@Override
	public void close() {
		this.ports.values().forEach(TenantPorts::close);
		this.unconfigured.values().forEach(TenantPorts::close);
	}

}
