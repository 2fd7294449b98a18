package cl.smartercl.mcp.connectors.chatwoot;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;

import cl.smartercl.mcp.connectors.config.BackendsConfig;
import cl.smartercl.mcp.core.tool.Backend;
import cl.smartercl.mcp.connectors.config.TenantConfig;
import cl.smartercl.mcp.connectors.ports.ConnectorProvider;
import cl.smartercl.mcp.connectors.ports.PortRegistrar;
import cl.smartercl.mcp.core.tools.support.SupportPort;

/**
 * Gives a tenant with {@code backends.chatwoot} the support tools and the Chatwoot health
 * probe.
 */
public final class ChatwootConnectorProvider implements ConnectorProvider {

	/** The time zone of report periods when the tenant names none. */
	static final String DEFAULT_TIMEZONE = "UTC";

	private final ChatwootOptions options;

	private final Clock clock;

	public ChatwootConnectorProvider() {
		this(ChatwootOptions.defaults(), Clock.systemUTC());
	}

	ChatwootConnectorProvider(ChatwootOptions options, Clock clock) {
		this.options = options;
		this.clock = clock;
	}

	@Override
	public void contribute(TenantConfig tenant, PortRegistrar registrar) {
		BackendsConfig.Chatwoot chatwoot = tenant.backends().chatwoot();
		if (chatwoot == null) {
			return;
		}
		ZoneId zone = zone(tenant.id(), chatwoot.timezone());
		ChatwootApi api = new ChatwootApi(tenant.id(), chatwoot.url(), chatwoot.accountId(), chatwoot.apiToken(),
				this.options);
		registrar.closeable(api);
		registrar.port(SupportPort.class, new ChatwootConnector(api, this.options, zone, this.clock));
		registrar.serves(Backend.CHATWOOT);
		registrar.probe(new ChatwootProbe(api));
	}

	private static ZoneId zone(String tenantId, String timezone) {
		String name = (timezone == null || timezone.isBlank()) ? DEFAULT_TIMEZONE : timezone.strip();
		try {
			return ZoneId.of(name);
		}
		catch (DateTimeException ex) {
			throw new IllegalArgumentException("tenant " + tenantId + ": backends.chatwoot.timezone '" + name
					+ "' is not an IANA time zone such as America/Santiago or UTC", ex);
		}
	}

}
