package cl.smartercl.mcp.connectors.botpress;

import java.net.URI;

import cl.smartercl.mcp.connectors.config.BackendsConfig;
import cl.smartercl.mcp.core.tool.Backend;
import cl.smartercl.mcp.connectors.config.TenantConfig;
import cl.smartercl.mcp.connectors.ports.ConnectorProvider;
import cl.smartercl.mcp.connectors.ports.PortRegistrar;
import cl.smartercl.mcp.core.tools.bots.BotsPort;

/**
 * Gives a tenant with {@code backends.botpress} the bot tools and the Botpress health
 * probe.
 */
public final class BotpressConnectorProvider implements ConnectorProvider {

	private static final URI CLOUD = URI.create("https://api.botpress.cloud");

	private final BotpressOptions options;

	public BotpressConnectorProvider() {
		this(BotpressOptions.defaults());
	}

	BotpressConnectorProvider(BotpressOptions options) {
		this.options = options;
	}

	@Override
	public void contribute(TenantConfig tenant, PortRegistrar registrar) {
		BackendsConfig.Botpress botpress = tenant.backends().botpress();
		if (botpress == null) {
			return;
		}
		BotpressFlavourApi api = api(tenant.id(), botpress, this.options);
		registrar.closeable(api);
		registrar.port(BotsPort.class, new BotpressConnector(api, this.options));
		registrar.serves(Backend.BOTPRESS);
		registrar.probe(new BotpressProbe(api));
	}

	static BotpressFlavourApi api(String tenantId, BackendsConfig.Botpress botpress, BotpressOptions options) {
		String where = "tenant " + tenantId + ": backends.botpress.";
		if (botpress.flavour() == null) {
			throw new IllegalArgumentException(where + "flavour is required (cloud or v12)");
		}
		if (botpress.workspaceId() == null || botpress.workspaceId().isBlank()) {
			throw new IllegalArgumentException(where + "workspace-id is required (v12: usually default)");
		}
		if (botpress.flavour() == BackendsConfig.Botpress.Flavour.CLOUD) {
			if (botpress.token() == null) {
				throw new IllegalArgumentException(
						where + "token (a personal access token) is required for Botpress Cloud");
			}
			URI url = (botpress.url() == null) ? CLOUD : botpress.url();
			return new BotpressCloudApi(new BotpressHttp(tenantId, url, options), botpress.workspaceId(),
					botpress.token());
		}
		if (botpress.url() == null) {
			throw new IllegalArgumentException(where + "url is required for self-hosted Botpress v12");
		}
		if (botpress.email() == null || botpress.password() == null) {
			throw new IllegalArgumentException(where + "email and password are required for self-hosted Botpress v12");
		}
		return new BotpressV12Api(new BotpressHttp(tenantId, botpress.url(), options), botpress.workspaceId(),
				botpress.email(), botpress.password(), botpress.archives());
	}

}
