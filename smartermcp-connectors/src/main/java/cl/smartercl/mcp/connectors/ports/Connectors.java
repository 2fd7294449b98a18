package cl.smartercl.mcp.connectors.ports;

import java.util.List;

import cl.smartercl.mcp.connectors.botpress.BotpressConnectorProvider;
import cl.smartercl.mcp.connectors.chatwoot.ChatwootConnectorProvider;
import cl.smartercl.mcp.connectors.codegen.CodegenConnectorProvider;
import cl.smartercl.mcp.connectors.docker.DockerConnectorProvider;
import cl.smartercl.mcp.connectors.docs.DocumentationConnectorProvider;
import cl.smartercl.mcp.connectors.metabase.MetabaseConnectorProvider;
import cl.smartercl.mcp.connectors.n8n.N8nConnectorProvider;
import cl.smartercl.mcp.connectors.odoo.OdooConnectorProvider;
import cl.smartercl.mcp.connectors.supabase.SupabaseConnectorProvider;

/**
 * Every connector provider of this build, in one list: adding a backend adds one line
 * here and nothing in the server.
 */
public final class Connectors {

	private Connectors() {
	}

	public static List<ConnectorProvider> providers() {
		return List.of(new DockerConnectorProvider(), new N8nConnectorProvider(), new SupabaseConnectorProvider(),
				new OdooConnectorProvider(), new ChatwootConnectorProvider(), new BotpressConnectorProvider(),
				new MetabaseConnectorProvider(), new DocumentationConnectorProvider(), new CodegenConnectorProvider());
	}

}
