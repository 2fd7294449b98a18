package cl.smartercl.mcp.connectors.config;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

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

	/**
	 * Odoo external API (JSON-2 on 19, JSON-RPC before). {@code companyIds} are the tenant's Odoo
	 * companies: every call is limited to them; {@code sharedRecords} says whether records of no company
	 * (shared by every company) are shown too.
	 */
	public record Odoo(URI url, String database, String username, Secret apiKey, Protocol protocol,
			List<Long> companyIds, SharedRecords sharedRecords) {

		public Odoo {
			protocol = (protocol == null) ? Protocol.AUTO : protocol;
			companyIds = (companyIds == null) ? List.of() : List.copyOf(companyIds);
			sharedRecords = (sharedRecords == null) ? SharedRecords.EXCLUDE : sharedRecords;
		}

		/** Which wire protocol: {@code auto} reads {@code /web/version} once (JSON-2 from Odoo 19). */
		public enum Protocol {

			@JsonProperty("auto")
			AUTO,

			@JsonProperty("json2")
			JSON2,

			@JsonProperty("jsonrpc")
			JSONRPC

		}

		/** Records whose {@code company_id} is empty (shared by all companies). */
		public enum SharedRecords {

			@JsonProperty("exclude")
			EXCLUDE,

			@JsonProperty("include")
			INCLUDE

		}

	}

	/** Chatwoot application API of one account. */
	public record Chatwoot(URI url, long accountId, Secret apiToken) {
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
