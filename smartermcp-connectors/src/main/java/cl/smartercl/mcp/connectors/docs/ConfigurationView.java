package cl.smartercl.mcp.connectors.docs;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;

import cl.smartercl.mcp.connectors.config.BackendsConfig;
import cl.smartercl.mcp.connectors.config.Secret;
import cl.smartercl.mcp.connectors.config.ServiceConfig;

/**
 * How a service is configured for a tenant, safe to show: addresses without user info or
 * query, and for every credential only whether it is set. {@link Secret#reveal()} is
 * never called here.
 */
final class ConfigurationView {

	static final String SET = "set (hidden)";

	static final String NOT_SET = "not set";

	private ConfigurationView() {
	}

	static Map<String, String> of(ServiceConfig service) {
		Map<String, String> view = new LinkedHashMap<>();
		view.put("type", service.type().name().toLowerCase());
		putIfPresent(view, "container", service.container());
		putIfPresent(view, "compose_service", service.composeService());
		if (service.health() != null) {
			view.put("health", service.health().startsWith("http") ? address(service.health()) : service.health());
		}
		return view;
	}

	static Map<String, String> of(BackendKind kind, BackendsConfig backends) {
		Map<String, String> view = new LinkedHashMap<>();
		switch (kind) {
			case N8N -> {
				BackendsConfig.N8n n8n = backends.n8n();
				view.put("url", address(n8n.url()));
				view.put("api_key", secret(n8n.apiKey()));
			}
			case DOCKER -> {
				BackendsConfig.Docker docker = backends.docker();
				view.put("host", address(docker.host()));
				boolean tls = docker.tlsCert() != null || docker.tlsKey() != null || docker.tlsCaCert() != null;
				view.put("tls", tls ? "mutual TLS (client certificate " + (docker.tlsCert() == null ? "missing" : "set")
						+ ", CA " + (docker.tlsCaCert() == null ? "system" : "set") + ")" : "none");
			}
			case SUPABASE -> {
				BackendsConfig.Supabase supabase = backends.supabase();
				putIfPresent(view, "url", (supabase.url() == null) ? null : address(supabase.url()));
				putIfPresent(view, "username", supabase.username());
				if (supabase.url() != null) {
					view.put("password", secret(supabase.password()));
				}
				putIfPresent(view, "rest_url", (supabase.restUrl() == null) ? null : address(supabase.restUrl()));
				if (supabase.restUrl() != null) {
					view.put("api_key", secret(supabase.apiKey()));
				}
			}
			case ODOO -> {
				BackendsConfig.Odoo odoo = backends.odoo();
				view.put("url", address(odoo.url()));
				putIfPresent(view, "database", odoo.database());
				putIfPresent(view, "username", odoo.username());
				view.put("api_key", secret(odoo.apiKey()));
				view.put("protocol", odoo.protocol().name().toLowerCase(java.util.Locale.ROOT));
				view.put("company_ids", odoo.companyIds().toString());
				view.put("shared_records", odoo.sharedRecords().name().toLowerCase(java.util.Locale.ROOT));
			}
			case CHATWOOT -> {
				BackendsConfig.Chatwoot chatwoot = backends.chatwoot();
				view.put("url", address(chatwoot.url()));
				view.put("account_id", Long.toString(chatwoot.accountId()));
				view.put("api_token", secret(chatwoot.apiToken()));
				view.put("timezone", (chatwoot.timezone() == null) ? "UTC (default)" : chatwoot.timezone());
			}
			case BOTPRESS -> {
				BackendsConfig.Botpress botpress = backends.botpress();
				putIfPresent(view, "flavour", (botpress.flavour() == null) ? null : botpress.flavour().label());
				view.put("url", address(botpress.url()));
				putIfPresent(view, "workspace_id", botpress.workspaceId());
				if (botpress.flavour() == BackendsConfig.Botpress.Flavour.V12) {
					putIfPresent(view, "email", botpress.email());
					view.put("password", secret(botpress.password()));
					putIfPresent(view, "archives",
							(botpress.archives() == null) ? null : botpress.archives().toString());
				}
				else {
					view.put("token", secret(botpress.token()));
				}
			}
			case METABASE -> {
				BackendsConfig.Metabase metabase = backends.metabase();
				view.put("url", address(metabase.url()));
				view.put("api_key", secret(metabase.apiKey()));
			}
			case PROMETHEUS -> view.put("url", address(backends.prometheus().url()));
		}
		return view;
	}

	private static String secret(Secret secret) {
		return (secret == null) ? NOT_SET : SET;
	}

	private static void putIfPresent(Map<String, String> view, String key, String value) {
		if (value != null) {
			view.put(key, value);
		}
	}

	static String address(URI uri) {
		return (uri == null) ? NOT_SET : address(uri.toString());
	}

	/**
	 * An address without the parts that may carry credentials: user info
	 * ({@code user:pass@}) and the query string. Something that is not a URI at all is
	 * not shown.
	 */
	static String address(String value) {
		if (value == null) {
			return NOT_SET;
		}
		String scheme = "";
		String rest = value;
		// r2dbc:postgresql://… and jdbc:postgresql://… carry two schemes; java.net.URI
		// sees only the first.
		int nested = value.indexOf(":", value.indexOf(':') + 1);
		if ((value.startsWith("r2dbc:") || value.startsWith("jdbc:")) && nested > 0) {
			scheme = value.substring(0, value.indexOf(':') + 1);
			rest = value.substring(scheme.length());
		}
		try {
			URI uri = new URI(rest);
			if (uri.getScheme() == null) {
				return "(not a URL)";
			}
			if (uri.getRawUserInfo() == null && uri.getRawQuery() == null && uri.getRawFragment() == null
					&& (uri.getRawAuthority() == null || !uri.getRawAuthority().contains("@"))) {
				return value;
			}
			URI clean = new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null);
			return scheme + clean;
		}
		catch (URISyntaxException ex) {
			return "(not a URL)";
		}
	}

}
