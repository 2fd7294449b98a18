package cl.smartercl.mcp.connectors.odoo;

import java.time.Duration;
import java.util.List;

import cl.smartercl.mcp.connectors.config.BackendsConfig;
import cl.smartercl.mcp.connectors.config.Secret;
import cl.smartercl.mcp.connectors.config.TenantConfig;
import cl.smartercl.mcp.connectors.ports.InProcessKeyedLock;
import cl.smartercl.mcp.connectors.ports.KeyedLock;
import cl.smartercl.mcp.connectors.ports.TenantPorts;
import cl.smartercl.mcp.core.health.BackendProbe;
import cl.smartercl.mcp.core.tools.crm.CrmPort;
import cl.smartercl.mcp.testsupport.odoo.OdooDouble;

/** Tenants of the Odoo double, built through the provider as the server builds them. */
final class OdooTestTenants {

	static final OdooOptions FAST = new OdooOptions(Duration.ofSeconds(5), Duration.ofSeconds(20));

	/** For the tests of a backend that hangs. */
	static final OdooOptions SHORT = new OdooOptions(Duration.ofSeconds(2), Duration.ofSeconds(1));

	private OdooTestTenants() {
	}

	static BackendsConfig.Odoo config(OdooDouble odoo, String protocol, String login, String key, List<Long> companies,
			String shared) {
		return new BackendsConfig.Odoo(odoo.url(), odoo.database(), login, Secret.of(key),
				BackendsConfig.Odoo.Protocol.valueOf(protocol.toUpperCase()), companies,
				BackendsConfig.Odoo.SharedRecords.valueOf(shared.toUpperCase()));
	}

	static TenantPorts ports(String tenant, BackendsConfig.Odoo odoo) {
		return ports(tenant, odoo, new InProcessKeyedLock());
	}

	static TenantPorts ports(String tenant, BackendsConfig.Odoo odoo, KeyedLock locks) {
		return ports(tenant, odoo, locks, FAST);
	}

	static TenantPorts ports(String tenant, BackendsConfig.Odoo odoo, KeyedLock locks, OdooOptions options) {
		BackendsConfig backends = new BackendsConfig(null, null, null, odoo, null, null, null, null);
		return TenantPorts.build(new TenantConfig(tenant, backends, null, null),
				List.of(new OdooConnectorProvider(options)), locks);
	}

	static CrmPort crm(TenantPorts ports) {
		return ports.find(CrmPort.class).orElseThrow();
	}

	static BackendProbe probe(TenantPorts ports) {
		return ports.probes().get(0);
	}

}
