package cl.smartercl.mcp.connectors.config;

import java.net.URI;

/** The backends of one tenant; a {@code null} member is a backend that is not configured. */
public record BackendsConfig(N8n n8n, Docker docker, Supabase supabase, Odoo odoo, Chatwoot chatwoot,
		Botpress botpress, Metabase metabase, Prometheus prometheus) {

	public static final BackendsConfig NONE = new BackendsConfig(null, null, null, null, null, null, null, null);

	/** n8n public API v1. */
	public record N8n(URI url, Secret apiKey) {
	}

	/**
	 * A Docker Engine API: {@code unix:///var/run/docker.sock} or {@code tcp://host:2376} (with the
	 * TLS files for mutual TLS).
	 */
	public record Docker(String host, String tlsCaCert, String tlsCert, String tlsKey) {
	}

	/**
	 * A self-hosted Supabase or plain PostgreSQL: an R2DBC URL for catalog reads, and optionally the
	 * PostgREST URL with an API key for the OpenAPI alternative.
	 */
	public record Supabase(String url, String username, Secret password, URI restUrl, Secret apiKey) {
	}

	/** Odoo external API (JSON-2 on 19, JSON-RPC before). */
	public record Odoo(URI url, String database, String username, Secret apiKey) {
	}

	/**
	 * Chatwoot application API of one account: the tenant's calls can reach that account only.
	 *
	 * @param url where Chatwoot answers, e.g. {@code http://chatwoot:3000}
	 * @param accountId the account (in Chatwoot's URLs, {@code /app/accounts/{id}})
	 * @param apiToken a user's access token (Profile settings); {@code support_metrics} needs an
	 * administrator's
	 * @param timezone the IANA time zone {@code support_metrics} starts its days, weeks and months in;
	 * {@code UTC} when absent
	 */
	public record Chatwoot(URI url, long accountId, Secret apiToken, String timezone) {

		public Chatwoot(URI url, long accountId, Secret apiToken) {
			this(url, accountId, apiToken, null);
		}

	}

	/** Botpress: {@code flavour} is {@code cloud} or {@code v12} (self-hosted). */
	public record Botpress(String flavour, URI url, String workspaceId, Secret token) {
	}

	/** Metabase API, with an API key. */
	public record Metabase(URI url, Secret apiKey) {
	}

	/** A Prometheus server for range queries. */
	public record Prometheus(URI url) {
	}

}
