package cl.smartercl.mcp.connectors.config;

import cl.smartercl.mcp.testsupport.N8nPeer;

/** Tenants whose backends are the real peers of an integration test. */
public final class PeerTenants {

	private PeerTenants() {
	}

	/** A tenant whose only backend is this n8n. */
	public static TenantConfig n8n(N8nPeer n8n, String id) {
		return new TenantConfig(id, new BackendsConfig(new BackendsConfig.N8n(n8n.url(), Secret.of(n8n.apiKey())), null,
				null, null, null, null, null, null), null, null);
	}

}
