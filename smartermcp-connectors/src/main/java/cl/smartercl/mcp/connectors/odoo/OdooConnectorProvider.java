package cl.smartercl.mcp.connectors.odoo;

import cl.smartercl.mcp.connectors.config.BackendsConfig;
import cl.smartercl.mcp.core.tool.Backend;
import cl.smartercl.mcp.connectors.config.TenantConfig;
import cl.smartercl.mcp.connectors.ports.ConnectorProvider;
import cl.smartercl.mcp.connectors.ports.PortRegistrar;
import cl.smartercl.mcp.core.tools.crm.CrmPort;

/** Gives a tenant with {@code backends.odoo} the CRM tools and the Odoo health probe. */
public final class OdooConnectorProvider implements ConnectorProvider {

	private final OdooOptions options;

	public OdooConnectorProvider() {
		this(OdooOptions.defaults());
	}

	OdooConnectorProvider(OdooOptions options) {
		this.options = options;
	}

	@Override
	public void contribute(TenantConfig tenant, PortRegistrar registrar) {
		BackendsConfig.Odoo odoo = tenant.backends().odoo();
		if (odoo == null) {
			return;
		}
		OdooApi api = new OdooApi(tenant.id(), odoo, this.options);
		registrar.closeable(api);
		registrar.port(CrmPort.class, new OdooConnector(api, registrar.locks(), tenant.id()));
		registrar.serves(Backend.ODOO);
		registrar.probe(new OdooProbe(api));
	}

}
