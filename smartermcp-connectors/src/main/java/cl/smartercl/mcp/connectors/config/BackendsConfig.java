package cl.smartercl.mcp.connectors.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;

import cl.smartercl.mcp.core.tool.Backend;

/**
 * The backends of one tenant; a {@code null} member is a backend that is not configured.
 */
public record BackendsConfig(N8n n8n, Docker docker, Supabase supabase, Odoo odoo, Chatwoot chatwoot, Botpress botpress,
		Metabase metabase, Prometheus prometheus) {

	public static final BackendsConfig NONE = new BackendsConfig(null, null, null, null, null, null, null, null);

	/**
	 * The backends this tenant's file configures, whether or not a connector serves them.
	 */
	public Set<Backend> configured() {
		Set<Backend> configured = EnumSet.noneOf(Backend.class);
		addIf(configured, this.n8n, Backend.N8N);
		addIf(configured, this.docker, Backend.DOCKER);
		addIf(configured, this.supabase, Backend.SUPABASE);
		addIf(configured, this.odoo, Backend.ODOO);
		addIf(configured, this.chatwoot, Backend.CHATWOOT);
		addIf(configured, this.botpress, Backend.BOTPRESS);
		addIf(configured, this.metabase, Backend.METABASE);
		addIf(configured, this.prometheus, Backend.PROMETHEUS);
		return configured;
	}

	private static void addIf(Set<Backend> configured, Object member, Backend backend) {
		if (member != null) {
			configured.add(backend);
		}
	}

	/** n8n public API v1. */
	public record N8n(URI url, Secret apiKey) {
	}

	/**
	 * A Docker Engine API: {@code unix:///var/run/docker.sock} or {@code tcp://host:2376}
	 * (with the TLS files for mutual TLS).
	 */
	public record Docker(String host, String tlsCaCert, String tlsCert, String tlsKey) {
	}

	/**
	 * A self-hosted Supabase or plain PostgreSQL: an R2DBC URL for catalog reads, and
	 * optionally the PostgREST URL with an API key for the OpenAPI alternative.
	 */
	public record Supabase(String url, String username, Secret password, URI restUrl, Secret apiKey) {
	}

	/**
	 * Odoo external API (JSON-2 on 19, JSON-RPC before). {@code companyIds} are the
	 * tenant's Odoo companies: every call is limited to them; {@code sharedRecords} says
	 * whether records of no company (shared by every company) are shown too.
	 */
	public record Odoo(URI url, String database, String username, Secret apiKey, Protocol protocol,
			List<Long> companyIds, SharedRecords sharedRecords) {

		public Odoo {
			protocol = (protocol == null) ? Protocol.AUTO : protocol;
			companyIds = (companyIds == null) ? List.of() : List.copyOf(companyIds);
			sharedRecords = (sharedRecords == null) ? SharedRecords.EXCLUDE : sharedRecords;
		}

		/**
		 * Which wire protocol: {@code auto} reads {@code /web/version} once (JSON-2 from
		 * Odoo 19).
		 */
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

	/**
	 * Chatwoot application API of one account: the tenant's calls can reach that account
	 * only.
	 *
	 * @param url where Chatwoot answers, e.g. {@code http://chatwoot:3000}
	 * @param accountId the account (in Chatwoot's URLs, {@code /app/accounts/{id}})
	 * @param apiToken a user's access token (Profile settings); {@code support_metrics}
	 * needs an administrator's
	 * @param timezone the IANA time zone {@code support_metrics} starts its days, weeks
	 * and months in; {@code UTC} when absent
	 */
	public record Chatwoot(URI url, long accountId, Secret apiToken, String timezone) {

		public Chatwoot(URI url, long accountId, Secret apiToken) {
			this(url, accountId, apiToken, null);
		}

	}

	/**
	 * Botpress, one workspace per tenant. Cloud ({@code flavour: cloud}) needs a personal
	 * access {@code token}; self-hosted v12 ({@code flavour: v12}) logs in with
	 * {@code email} and {@code password} and deploys the archives of {@code archives}
	 * ({@code <bot id>/<version>.tgz}).
	 */
	public record Botpress(Flavour flavour, URI url, String workspaceId, Secret token, String email, Secret password,
			Path archives) {

		/** Cloud and v12 only: {@code cloud} or {@code v12} with a token and no login. */
		public Botpress(Flavour flavour, URI url, String workspaceId, Secret token) {
			this(flavour, url, workspaceId, token, null, null, null);
		}

		/**
		 * Which Botpress: the two have unrelated APIs
		 * ({@code shared/backend-notes/botpress.md}).
		 */
		public enum Flavour {

			/** Botpress Cloud, {@code https://api.botpress.cloud}. */
			@JsonProperty("cloud")
			CLOUD,

			/** Self-hosted Botpress v12. */
			@JsonProperty("v12")
			V12;

			/** The name of the tenants file. */
			public String label() {
				return (this == CLOUD) ? "cloud" : "v12";
			}

		}

	}

	/**
	 * Metabase API, with an API key. The tenant sees only the saved questions and
	 * dashboards of its collection ({@code collection-id}) and queries only its database
	 * ({@code database-id}); CSV exports stop at {@code max-csv-bytes} (default 50 MiB).
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
