package cl.smartercl.mcp.connectors.ports;

import java.util.List;

import cl.smartercl.mcp.connectors.docker.DockerConnectorProvider;
import cl.smartercl.mcp.connectors.docs.DocumentationConnectorProvider;
import cl.smartercl.mcp.connectors.supabase.SupabaseConnectorProvider;

/**
 * Every connector provider of this build, in one list: adding a backend adds one line here and
 * nothing in the server.
 */
public final class Connectors {

	private Connectors() {
	}

	public static List<ConnectorProvider> providers() {
		return List.of(new DockerConnectorProvider(), new SupabaseConnectorProvider(),
				new DocumentationConnectorProvider());
	}

}
