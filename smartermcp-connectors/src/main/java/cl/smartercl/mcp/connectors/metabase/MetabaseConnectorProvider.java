package cl.smartercl.mcp.connectors.metabase;

import java.time.Clock;

import cl.smartercl.mcp.connectors.config.BackendsConfig;
import cl.smartercl.mcp.core.tool.Backend;
import cl.smartercl.mcp.connectors.config.TenantConfig;
import cl.smartercl.mcp.connectors.ports.ConnectorProvider;
import cl.smartercl.mcp.connectors.ports.PortRegistrar;
import cl.smartercl.mcp.core.tools.analytics.AnalyticsPort;

/**
 * Gives a tenant with {@code backends.metabase} the analytics tools and the Metabase
 * health probe.
 */
public final class MetabaseConnectorProvider implements ConnectorProvider {

	private final MetabaseOptions options;

	private final Clock clock;

	public MetabaseConnectorProvider() {
		this(MetabaseOptions.defaults(), Clock.systemUTC());
	}

	MetabaseConnectorProvider(MetabaseOptions options, Clock clock) {
		this.options = options;
		this.clock = clock;
	}

	@Override
	public void contribute(TenantConfig tenant, PortRegistrar registrar) {
		BackendsConfig.Metabase metabase = tenant.backends().metabase();
		if (metabase == null) {
			return;
		}
		MetabaseApi api = new MetabaseApi(tenant.id(), metabase.url(), metabase.apiKey(), this.options);
		registrar.closeable(api);
		registrar.port(AnalyticsPort.class,
				new MetabaseConnector(api, metabase, tenant.kpis(), this.options, this.clock));
		registrar.serves(Backend.METABASE);
		registrar.probe(new MetabaseProbe(api));
	}

}
