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

	/** Chatwoot application API of one account. */
	public record Chatwoot(URI url, long accountId, Secret apiToken) {
	}

	/** Botpress: {@code flavour} is {@code cloud} or {@code v12} (self-hosted). */
	public record Botpress(String flavour, URI url, String workspaceId, Secret token) {
	}

	/**
	 * Metabase API, with an API key. The tenant sees only the saved questions and dashboards of its
	 * collection ({@code collection-id}) and queries only its database ({@code database-id}); CSV exports
	 * stop at {@code max-csv-bytes} (default 50 MiB).
	 */
	public record Metabase(URI url, Secret apiKey, Long collectionId, Long databaseId, Long maxCsvBytes) {

		public static final long DEFAULT_MAX_CSV_BYTES = 50L * 1024 * 1024;

		public Metabase {
			maxCsvBytes = (maxCsvBytes == null || maxCsvBytes <= 0) ? DEFAULT_MAX_CSV_BYTES : maxCsvBytes;
		}

	}

	/** A Prometheus server for range queries. */
	public record Prometheus(URI url) {
	}

}
