package cl.smartercl.mcp.connectors.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One tenant of the tenants file: where its backends are, which services it runs, which Metabase
 * questions are its KPIs. Every part is optional.
 */
public record TenantConfig(String id, BackendsConfig backends, List<ServiceConfig> services, Map<String, Long> kpis) {

	public TenantConfig {
		Objects.requireNonNull(id, "id");
		backends = (backends == null) ? BackendsConfig.NONE : backends;
		services = (services == null) ? List.of() : List.copyOf(services);
		kpis = (kpis == null) ? Map.of() : Map.copyOf(kpis);
	}

	/** A tenant with nothing configured. */
	public static TenantConfig empty(String id) {
		return new TenantConfig(id, null, null, null);
	}

}
