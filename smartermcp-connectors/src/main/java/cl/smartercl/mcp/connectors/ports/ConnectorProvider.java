package cl.smartercl.mcp.connectors.ports;

import cl.smartercl.mcp.connectors.config.TenantConfig;

/**
 * Builds the ports one backend (or one group of tools) offers to a tenant, from the
 * tenant's configuration. A provider whose backend is not configured registers nothing,
 * so the tools answer that the backend is not configured.
 */
public interface ConnectorProvider {

	void contribute(TenantConfig tenant, PortRegistrar registrar);

}
