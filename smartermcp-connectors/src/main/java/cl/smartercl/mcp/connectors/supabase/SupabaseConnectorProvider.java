package cl.smartercl.mcp.connectors.supabase;

import cl.smartercl.mcp.connectors.config.TenantConfig;
import cl.smartercl.mcp.core.tool.Backend;
import cl.smartercl.mcp.connectors.ports.ConnectorProvider;
import cl.smartercl.mcp.connectors.ports.PortRegistrar;

/**
 * Registers a tenant's {@link SupabaseConnector} (looked up by the documentation port for
 * {@code docs_schemas} and {@code docs_apis}), its probe and its connection pool. Nothing
 * when the tenant has no usable supabase configuration.
 */
public final class SupabaseConnectorProvider implements ConnectorProvider {

	@Override
	public void contribute(TenantConfig tenant, PortRegistrar registrar) {
		if (!SupabaseConnector.usable(tenant.backends().supabase())) {
			return;
		}
		SupabaseConnector connector = new SupabaseConnector(tenant.backends().supabase());
		registrar.port(SupabaseConnector.class, connector);
		registrar.serves(Backend.SUPABASE);
		registrar.probe(connector.probe());
		registrar.closeable(connector);
	}

}
