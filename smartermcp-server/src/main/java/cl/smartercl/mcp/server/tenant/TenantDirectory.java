package cl.smartercl.mcp.server.tenant;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cl.smartercl.mcp.connectors.config.TenantConfig;
import cl.smartercl.mcp.connectors.ports.ConnectorProvider;
import cl.smartercl.mcp.connectors.ports.TenantPorts;
import cl.smartercl.mcp.core.tool.PortDirectory;

/**
 * Each configured tenant's connectors, built once at start from the tenants file. A tenant of the
 * store that the file does not name has no backends: its tools answer that the backend is not
 * configured.
 */
public class TenantDirectory implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(TenantDirectory.class);

	private final Map<String, TenantConfig> configs;

	private final Map<String, TenantPorts> ports;

	public TenantDirectory(List<TenantConfig> tenants, List<ConnectorProvider> providers) {
		Map<String, TenantConfig> configs = new LinkedHashMap<>();
		Map<String, TenantPorts> ports = new LinkedHashMap<>();
		for (TenantConfig tenant : tenants) {
			configs.put(tenant.id(), tenant);
			ports.put(tenant.id(), TenantPorts.build(tenant, providers));
			log.info("tenant '{}': backends configured: {}", tenant.id(), configuredBackends(tenant));
		}
		this.configs = Map.copyOf(configs);
		this.ports = Map.copyOf(ports);
	}

	/** The tenant's ports; none for a tenant the tenants file does not name. */
	public PortDirectory portsFor(String tenantId) {
		TenantPorts tenantPorts = this.ports.get(tenantId);
		return (tenantPorts != null) ? tenantPorts : PortDirectory.EMPTY;
	}

	/** The tenant's connectors (probes, resources), if the tenants file names it. */
	public java.util.Optional<TenantPorts> tenantPorts(String tenantId) {
		return java.util.Optional.ofNullable(this.ports.get(tenantId));
	}

	public java.util.Optional<TenantConfig> config(String tenantId) {
		return java.util.Optional.ofNullable(this.configs.get(tenantId));
	}

	/** The tenant ids the tenants file names. */
	public Set<String> tenantIds() {
		return this.configs.keySet();
	}

	private static String configuredBackends(TenantConfig tenant) {
		var b = tenant.backends();
		StringBuilder names = new StringBuilder();
		appendIf(names, b.n8n() != null, "n8n");
		appendIf(names, b.docker() != null, "docker");
		appendIf(names, b.supabase() != null, "supabase");
		appendIf(names, b.odoo() != null, "odoo");
		appendIf(names, b.chatwoot() != null, "chatwoot");
		appendIf(names, b.botpress() != null, "botpress");
		appendIf(names, b.metabase() != null, "metabase");
		appendIf(names, b.prometheus() != null, "prometheus");
		return names.isEmpty() ? "none" : names.toString();
	}

	private static void appendIf(StringBuilder names, boolean condition, String name) {
		if (condition) {
			names.append(names.isEmpty() ? "" : ", ").append(name);
		}
	}

	@Override
	public void close() {
		this.ports.values().forEach(TenantPorts::close);
	}

}
