package cl.smartercl.mcp.connectors.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One tenant of the tenants file: where its backends are, which services it runs, which
 * Metabase questions are its KPIs, whether destructive MCP calls need a client that can
 * ask for confirmation. Every part is optional.
 */
public record TenantConfig(String id, BackendsConfig backends, List<ServiceConfig> services,
		Map<String, KpiConfig> kpis, ConfirmationConfig confirmation) {

	public TenantConfig {
		Objects.requireNonNull(id, "id");
		backends = (backends == null) ? BackendsConfig.NONE : backends;
		services = (services == null) ? List.of() : List.copyOf(services);
		// keeps the file's order: the KPIs are answered in it
		kpis = (kpis == null) ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(kpis));
		confirmation = (confirmation == null) ? ConfirmationConfig.DEFAULT : confirmation;
	}

	/** A tenant with the default confirmation setting. */
	public TenantConfig(String id, BackendsConfig backends, List<ServiceConfig> services, Map<String, KpiConfig> kpis) {
		this(id, backends, services, kpis, null);
	}

	/** A tenant with nothing configured. */
	public static TenantConfig empty(String id) {
		return new TenantConfig(id, null, null, null);
	}

}
