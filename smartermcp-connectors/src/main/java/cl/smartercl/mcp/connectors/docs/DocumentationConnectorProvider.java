package cl.smartercl.mcp.connectors.docs;

import java.util.function.Supplier;

import cl.smartercl.mcp.connectors.config.TenantConfig;
import cl.smartercl.mcp.connectors.ports.ConnectorProvider;
import cl.smartercl.mcp.connectors.ports.PortRegistrar;
import cl.smartercl.mcp.connectors.ports.TenantPorts;
import cl.smartercl.mcp.connectors.supabase.SupabaseConnector;
import cl.smartercl.mcp.core.tools.documentation.DocumentationPort;

/**
 * Documentation is there for every tenant: bundled docs need no backend. The probes and
 * the Supabase connector it consults are looked up when a tool is called, once every
 * provider has contributed. {@link DocumentationService} is also registered under its own
 * type, for the code generator that reads its API descriptions.
 */
public final class DocumentationConnectorProvider implements ConnectorProvider {

	@Override
	public void contribute(TenantConfig tenant, PortRegistrar registrar) {
		Supplier<TenantPorts> ports = registrar.finished();
		DocumentationService service = new DocumentationService(tenant,
				(backend) -> ports.get()
					.probes()
					.stream()
					.filter((probe) -> probe.backend().equals(backend))
					.findFirst(),
				() -> ports.get().find(SupabaseConnector.class));
		registrar.port(DocumentationPort.class, service);
		registrar.port(DocumentationService.class, service);
	}

}
