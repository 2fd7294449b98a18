package cl.smartercl.mcp.connectors.n8n;

import cl.smartercl.mcp.connectors.config.BackendsConfig;
import cl.smartercl.mcp.core.tool.Backend;
import cl.smartercl.mcp.connectors.config.TenantConfig;
import cl.smartercl.mcp.connectors.ports.ConnectorProvider;
import cl.smartercl.mcp.connectors.ports.PortRegistrar;
import cl.smartercl.mcp.core.tools.workflows.WorkflowsPort;

/**
 * Gives a tenant with {@code backends.n8n} the workflow tools and the n8n health probe.
 */
public final class N8nConnectorProvider implements ConnectorProvider {

	private final N8nOptions options;

	public N8nConnectorProvider() {
		this(N8nOptions.defaults());
	}

	N8nConnectorProvider(N8nOptions options) {
		this.options = options;
	}

	@Override
	public void contribute(TenantConfig tenant, PortRegistrar registrar) {
		BackendsConfig.N8n n8n = tenant.backends().n8n();
		if (n8n == null) {
			return;
		}
		N8nApi api = new N8nApi(tenant.id(), n8n.url(), n8n.apiKey(), this.options);
		registrar.closeable(api);
		registrar.port(WorkflowsPort.class, new N8nConnector(api, this.options));
		registrar.serves(Backend.N8N);
		registrar.probe(new N8nProbe(api));
	}

}
