package cl.smartercl.mcp.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

import cl.smartercl.mcp.client.generated.ApiClient;
import cl.smartercl.mcp.client.generated.api.HealthApi;
import cl.smartercl.mcp.client.generated.api.ToolsApi;
import cl.smartercl.mcp.client.model.Health;
import cl.smartercl.mcp.client.model.ToolList;

/**
 * The SmarterMCP Java client. Build one per token and share it: it is thread-safe and
 * holds one HTTP client.
 *
 * <pre>{@code
 * SmarterMCP client = SmarterMCP.builder()
 *     .apiToken(System.getenv("SMARTERMCP_API_TOKEN"))
 *     .baseUrl("http://localhost:8080")
 *     .build();
 * ServicesListOutput backends = client.services().list(Filter.BACKEND);
 * ContactsPage found = client.crm().contacts().search("acme");
 * }</pre>
 *
 * Every tool has a blocking method and an {@code ...Async} one returning a
 * {@link CompletableFuture}. Failures are
 * {@link cl.smartercl.mcp.client.error.SmarterMcpException}s: thrown as they are by the
 * blocking methods, the cause of the future's failure for the async ones.
 */
public final class SmarterMCP {

	/** Sent as {@code User-Agent}. */
	public static final String USER_AGENT = "smartermcp-client-java/0.1.0";

	private final ApiClient api;

	private final Calls calls;

	private final ServicesClient services;

	private final WorkflowsClient workflows;

	private final AnalyticsClient analytics;

	private final CrmClient crm;

	private final SupportClient support;

	private final BotsClient bots;

	private final InfrastructureClient infrastructure;

	private final DocumentationClient documentation;

	private final CodegenClient codegen;

	private final AdminClient admin;

	private final ToolsApi toolsApi;

	private final HealthApi healthApi;

	private SmarterMCP(Builder builder) {
		String authorization = "Bearer " + builder.apiToken;
		String tenantId = builder.tenantId;
		// HTTP/1.1: over plain http the JDK would otherwise try an h2c upgrade on every
		// new connection,
		// which the server does not offer; over https HTTP/2 is still negotiated by ALPN
		// if asked for
		HttpClient.Builder http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(builder.connectTimeout);
		this.api = new ApiClient(http, ApiClient.createDefaultObjectMapper(), builder.baseUrl);
		this.api.setReadTimeout(builder.timeout);
		this.api.setRequestInterceptor((request) -> {
			request.setHeader("Authorization", authorization);
			request.setHeader("User-Agent", USER_AGENT);
			if (tenantId != null) {
				request.setHeader("X-Tenant-ID", tenantId);
			}
		});
		this.calls = new Calls(builder.timeout, builder.retryRateLimited, builder.maxRetries, builder.maxRetryWait);
		this.services = new ServicesClient(this.api, this.calls);
		this.workflows = new WorkflowsClient(this.api, this.calls);
		this.analytics = new AnalyticsClient(this.api, this.calls);
		this.crm = new CrmClient(this.api, this.calls);
		this.support = new SupportClient(this.api, this.calls);
		this.bots = new BotsClient(this.api, this.calls);
		this.infrastructure = new InfrastructureClient(this.api, this.calls);
		this.documentation = new DocumentationClient(this.api, this.calls);
		this.codegen = new CodegenClient(this.api, this.calls);
		this.admin = new AdminClient(this.api, this.calls);
		this.toolsApi = new ToolsApi(this.api);
		this.healthApi = new HealthApi(this.api);
	}

	public static Builder builder() {
		return new Builder();
	}

	/** services_*: the tenant's registered services. */
	public ServicesClient services() {
		return this.services;
	}

	/** workflows_*: n8n workflows. */
	public WorkflowsClient workflows() {
		return this.workflows;
	}

	/** analytics_*: Metabase KPIs, dashboards, reports. */
	public AnalyticsClient analytics() {
		return this.analytics;
	}

	/** crm_*: Odoo contacts, opportunities, pipeline. */
	public CrmClient crm() {
		return this.crm;
	}

	/** support_*: Chatwoot conversations, agents, metrics. */
	public SupportClient support() {
		return this.support;
	}

	/** bots_*: Botpress bots. */
	public BotsClient bots() {
		return this.bots;
	}

	/** infra_* and containers_*: Docker hosts. */
	public InfrastructureClient infrastructure() {
		return this.infrastructure;
	}

	/** docs_*: service docs, backend APIs, database schemas. */
	public DocumentationClient documentation() {
		return this.documentation;
	}

	/** generate_*: n8n workflows, Botpress skills, API clients. */
	public CodegenClient codegen() {
		return this.codegen;
	}

	/** Tokens and tenants; needs a token with {@code admin:tenants}. */
	public AdminClient admin() {
		return this.admin;
	}

	/**
	 * The tools this client's token may call: its scopes allow them and its tenant
	 * configures their backend (GET /tools).
	 */
	public ToolList tools() {
		return Calls.await(toolsAsync());
	}

	public CompletableFuture<ToolList> toolsAsync() {
		return this.calls.endpoint("listTools", true, () -> this.toolsApi.listTools(false));
	}

	/**
	 * Every tool the token's scopes allow, each with {@code available} and, when false,
	 * the reason (GET /tools?all=true).
	 */
	public ToolList allTools() {
		return Calls.await(this.calls.endpoint("listTools", true, () -> this.toolsApi.listTools(true)));
	}

	/** The server's health (GET /health, needs no scope). */
	public Health health() {
		return Calls.await(healthAsync());
	}

	public CompletableFuture<Health> healthAsync() {
		return this.calls.endpoint("getHealth", true, this.healthApi::getHealth);
	}

	/**
	 * How a {@link SmarterMCP} is configured; only {@link #apiToken(String)} is required.
	 */
	public static final class Builder {

		private static final Pattern HEADER_SAFE = Pattern.compile("[\\x21-\\x7e]+");

		private String apiToken;

		private String tenantId;

		private String baseUrl = "http://localhost:8080";

		private Duration timeout = Duration.ofSeconds(30);

		private Duration connectTimeout = Duration.ofSeconds(10);

		private boolean retryRateLimited;

		private int maxRetries = 3;

		private Duration maxRetryWait = Duration.ofSeconds(60);

		private Builder() {
		}

		/**
		 * Reads {@code SMARTERMCP_API_TOKEN}, {@code SMARTERMCP_URL} and
		 * {@code SMARTERMCP_TENANT_ID} (the names the MCP client configurations use too);
		 * unset variables leave the builder as it was.
		 */
		public Builder fromEnvironment() {
			return fromEnvironment(System.getenv());
		}

		Builder fromEnvironment(Map<String, String> environment) {
			String token = environment.get("SMARTERMCP_API_TOKEN");
			String url = environment.get("SMARTERMCP_URL");
			String tenant = environment.get("SMARTERMCP_TENANT_ID");
			if (token != null && !token.isBlank()) {
				this.apiToken = token.trim();
			}
			if (url != null && !url.isBlank()) {
				this.baseUrl = url.trim();
			}
			if (tenant != null && !tenant.isBlank()) {
				this.tenantId = tenant.trim();
			}
			return this;
		}

		/** The API token ({@code smcp_...}), sent as {@code Authorization: Bearer}. */
		public Builder apiToken(String apiToken) {
			this.apiToken = apiToken;
			return this;
		}

		/**
		 * The tenant to act for, sent as {@code X-Tenant-ID}; default the token's own
		 * tenant.
		 */
		public Builder tenantId(String tenantId) {
			this.tenantId = tenantId;
			return this;
		}

		/** The server's base URL; default {@code http://localhost:8080}. */
		public Builder baseUrl(String baseUrl) {
			this.baseUrl = baseUrl;
			return this;
		}

		/** How long one request may wait for the server's answer; default 30 s. */
		public Builder timeout(Duration timeout) {
			this.timeout = timeout;
			return this;
		}

		/** How long connecting may take; default 10 s. */
		public Builder connectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
			return this;
		}

		/**
		 * Whether a READ tool answered with 429 is called again after the server's
		 * {@code Retry-After} (up to {@link #maxRetries(int)} times, each wait at most
		 * {@link #maxRetryWait(Duration)}). Writes are never retried. Default false.
		 */
		public Builder retryRateLimited(boolean retryRateLimited) {
			this.retryRateLimited = retryRateLimited;
			return this;
		}

		/** Default 3. */
		public Builder maxRetries(int maxRetries) {
			this.maxRetries = maxRetries;
			return this;
		}

		/**
		 * A {@code Retry-After} longer than this is not waited for: the 429 is thrown.
		 * Default 60 s.
		 */
		public Builder maxRetryWait(Duration maxRetryWait) {
			this.maxRetryWait = maxRetryWait;
			return this;
		}

		public SmarterMCP build() {
			if (this.apiToken == null || this.apiToken.isBlank()) {
				throw new IllegalArgumentException(
						"apiToken is required (an smcp_... token; fromEnvironment() reads " + "SMARTERMCP_API_TOKEN)");
			}
			if (!HEADER_SAFE.matcher(this.apiToken).matches()) {
				// never echo the token itself
				throw new IllegalArgumentException("apiToken contains characters that cannot go in a header");
			}
			if (this.tenantId != null && !HEADER_SAFE.matcher(this.tenantId).matches()) {
				throw new IllegalArgumentException("tenantId '" + this.tenantId + "' cannot go in a header");
			}
			Objects.requireNonNull(this.baseUrl, "baseUrl");
			URI uri = URI.create(this.baseUrl);
			if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
					|| uri.getHost() == null) {
				throw new IllegalArgumentException("baseUrl must be an http(s) URL, got '" + this.baseUrl + "'");
			}
			this.baseUrl = this.baseUrl.endsWith("/") ? this.baseUrl.substring(0, this.baseUrl.length() - 1)
					: this.baseUrl;
			requirePositive("timeout", this.timeout);
			requirePositive("connectTimeout", this.connectTimeout);
			requirePositive("maxRetryWait", this.maxRetryWait);
			if (this.maxRetries < 0) {
				throw new IllegalArgumentException("maxRetries must be 0 or more, got " + this.maxRetries);
			}
			return new SmarterMCP(this);
		}

		private static void requirePositive(String name, Duration value) {
			if (value == null || value.isZero() || value.isNegative()) {
				throw new IllegalArgumentException(name + " must be a positive duration, got " + value);
			}
		}

	}

}
