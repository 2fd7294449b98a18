package cl.smartercl.mcp.server.sdk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cl.smartercl.mcp.client.ServicesClient.Filter;
import cl.smartercl.mcp.client.SmarterMCP;
import cl.smartercl.mcp.client.error.BackendException;
import cl.smartercl.mcp.client.error.ConflictException;
import cl.smartercl.mcp.client.error.ForbiddenException;
import cl.smartercl.mcp.client.error.InvalidArgumentsException;
import cl.smartercl.mcp.client.error.NotConfiguredException;
import cl.smartercl.mcp.client.error.NotFoundException;
import cl.smartercl.mcp.client.error.PayloadTooLargeException;
import cl.smartercl.mcp.client.error.RateLimitedException;
import cl.smartercl.mcp.client.error.ServiceUnavailableException;
import cl.smartercl.mcp.client.error.TenantAccessDeniedException;
import cl.smartercl.mcp.client.error.UnauthorizedException;
import cl.smartercl.mcp.client.model.ContainersListFilter;
import cl.smartercl.mcp.client.model.DocsSchemasOutput;
import cl.smartercl.mcp.client.model.GenerateApiClientLanguage;
import cl.smartercl.mcp.client.model.GenerateApiClientOutput;
import cl.smartercl.mcp.client.model.Period;
import cl.smartercl.mcp.client.model.ServicesListOutput;
import cl.smartercl.mcp.client.model.ServicesLogsLine;
import cl.smartercl.mcp.client.model.ServicesLogsOutput;
import cl.smartercl.mcp.client.model.WorkflowsCreateInput;
import cl.smartercl.mcp.client.model.WorkflowsCreateOutput;
import cl.smartercl.mcp.client.model.WorkflowsStatusOutput;
import cl.smartercl.mcp.client.model.WorkflowsTriggerOutput;
import cl.smartercl.mcp.server.support.ServerTestSupport;
import cl.smartercl.mcp.testsupport.DockerPeer;
import cl.smartercl.mcp.testsupport.N8nPeer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Java SDK ({@code smartermcp-client-java}) against this server, started in-process
 * on a random port, with a tenants file pointing at real peers: a Docker Engine API
 * (podman, {@code ../shared/peers/docker/start.sh}), an n8n
 * ({@code ../shared/peers/n8n/start.sh}) and the local PostgreSQL ({@code test}
 * database). Every category is called through the facade.
 * <p>
 * analytics (Metabase: not configured here, see {@code MetabaseAnalyticsIT} for the SDK
 * against the Metabase {@link NotConfiguredException} ("the ... backend is not configured
 * for this tenant: add backends.<name>"), which is the
 * {@link ServiceUnavailableException} ("the ... backend is not configured for this
 * tenant"), which is the server's real answer for a tenant without them.
 * <p>
 * Each error the server can give is provoked for real and checked to arrive as its typed
 * exception: 401, 403 (scope), 403 (another tenant), 404, 400, 409 (an inactive
 * workflow), 413, 429 (a low limit on tenant {@code limited}), 503 (not configured) and
 * 502 (tenant {@code broken}, whose n8n API key the real n8n rejects).
 * <p>
 * It lives in the server's tests, which depend on the client in test scope only: so it
 * starts the server in-process with {@link ServerTestSupport} and needs neither a test
 * jar of the server nor its executable jar as a library, and the client keeps depending
 * on nothing of the server (an enforcer rule in its pom holds that).
 */
class SdkAgainstServerIT extends ServerTestSupport {

	/**
	 * Tenant {@code limited}: one call at once, one more every 10 s, so a 429 comes on
	 * the second call.
	 */
	private static final int LIMITED_PER_MINUTE = 6;

	private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);

	private static final String CONTAINER = "smcp-sdk-it-" + SUFFIX;

	private static final String SCHEMA = "sdk_it_" + SUFFIX;

	private static final String WRONG_N8N_KEY = "n8n_api_not_the_real_key_" + SUFFIX;

	private static DockerPeer docker;

	private static N8nPeer n8n;

	@DynamicPropertySource
	static void backends(DynamicPropertyRegistry registry) throws IOException, SQLException {
		docker = DockerPeer.start();
		docker.runContainer(CONTAINER, "echo line-1; echo line-2; echo line-3; sleep 900");
		n8n = N8nPeer.start();
		sql("CREATE SCHEMA " + SCHEMA,
				"CREATE TABLE " + SCHEMA + ".orders (id bigint PRIMARY KEY, total numeric NOT NULL)",
				"COMMENT ON TABLE " + SCHEMA + ".orders IS 'orders of the SDK walk-through'");
		Path dir = Files.createTempDirectory("sdk-it",
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		Path file = dir.resolve("tenants.yaml");
		Files.writeString(file,
				"""
						tenants:
						  default:
						    backends:
						      n8n: { url: "%1$s", api-key: "%2$s" }
						      docker: { host: "%3$s" }
						      supabase: { url: "r2dbc:postgresql://127.0.0.1:5432/test", username: postgres, password: unused-trust-auth }
						    services:
						      - id: web
						        name: Web front end
						        type: frontend
						        container: %4$s
						  other: ~
						  limited: ~
						  broken:
						    backends:
						      n8n: { url: "%1$s", api-key: "%5$s" }
						"""
					.formatted(n8n.url(), n8n.apiKey(), docker.host(), CONTAINER, WRONG_N8N_KEY));
		registry.add("smartermcp.tenants-file", file::toString);
		registry.add("smartermcp.rate-limits.tenants.limited.general.per-minute", () -> LIMITED_PER_MINUTE);
		registry.add("smartermcp.rate-limits.tenants.limited.general.burst", () -> 1);
	}

	@AfterAll
	static void stopPeers() throws SQLException {
		try {
			sql("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
		}
		finally {
			try {
				if (docker != null) {
					docker.removeContainer(CONTAINER);
					docker.close();
				}
			}
			finally {
				if (n8n != null) {
					n8n.close();
				}
			}
		}
	}

	// --- one call (or more) per category
	// -------------------------------------------------------------

	@Test
	void servicesAreListedWithLiveStateAndTheirLogsRead() throws Exception {
		SmarterMCP client = client(ADMIN_TOKEN);

		ServicesListOutput frontends = client.services().listAsync(Filter.FRONTEND).get();
		assertThat(frontends.getServices()).singleElement().satisfies((web) -> {
			assertThat(web.getId()).isEqualTo("web");
			assertThat(web.getState()).isEqualTo("running");
		});
		ServicesLogsOutput logs = client.services().logs("web", 2);
		assertThat(logs.getLines()).extracting(ServicesLogsLine::getText).containsExactly("line-2", "line-3");
	}

	@Test
	void infrastructureListsTheEnginesContainers() {
		SmarterMCP client = client(ADMIN_TOKEN);

		assertThat(client.infrastructure().containers(ContainersListFilter.RUNNING).getContainers())
			.anySatisfy((c) -> assertThat(c.getName()).isEqualTo(CONTAINER));
		assertThat(client.infrastructure().status().getContainers().getRunning()).isPositive();
	}

	@Test
	void aWorkflowIsCreatedTriggeredAndFollowed() {
		SmarterMCP client = client(ADMIN_TOKEN);

		WorkflowsCreateOutput created = client.workflows()
			.create(new WorkflowsCreateInput().name("SDK IT echo " + SUFFIX)
				.workflowJson(echoWorkflow("sdk-it-" + SUFFIX)));
		assertThat(created.getActive()).isTrue();
		assertThat(client.workflows().list(true).getWorkflows())
			.anySatisfy((w) -> assertThat(w.getId()).isEqualTo(created.getId()));

		WorkflowsTriggerOutput run = client.workflows().trigger(created.getId(), Map.of("order_id", 4211));
		assertThat(run.getWorkflowId()).isEqualTo(created.getId());
		assertThat(run.getExecutionId()).matches("\\d+");
		@SuppressWarnings("unchecked")
		Map<String, Object> answer = (Map<String, Object>) run.getResponse();
		assertThat(answer).containsEntry("executionId", run.getExecutionId())
			.containsEntry("echo", Map.of("order_id", 4211));

		WorkflowsStatusOutput status = client.workflows().status(run.getExecutionId());
		assertThat(status.getWorkflowId()).isEqualTo(created.getId());
		assertThat(status.getStatus()).isIn("running", "waiting", "success");
	}

	@Test
	void documentationDescribesTheLiveDatabaseAndTheBundledServices() {
		SmarterMCP client = client(ADMIN_TOKEN);

		DocsSchemasOutput schema = client.documentation().schemas(SCHEMA);
		assertThat(schema.getTotalTables()).isEqualTo(1);
		assertThat(schema.getTables()).singleElement().satisfies((table) -> {
			assertThat(table.getName()).isEqualTo("orders");
			assertThat(table.getComment()).isEqualTo("orders of the SDK walk-through");
			assertThat(table.getPrimaryKey()).containsExactly("id");
		});
		assertThat(client.documentation().service("n8n").getServiceId()).isEqualTo("n8n");
	}

	@Test
	void codegenWritesAClientFromTheBundledApiDescription() {
		GenerateApiClientOutput generated = client(ADMIN_TOKEN).codegen()
			.apiClient("n8n", GenerateApiClientLanguage.PYTHON);

		assertThat(generated.getLanguage()).isEqualTo(GenerateApiClientLanguage.PYTHON);
		assertThat(generated.getFiles()).anySatisfy((f) -> assertThat(f.getPath()).endsWith(".py"));
	}

	@Test
	void categoriesWithoutAConnectorAnswerNotConfiguredTyped() {
		SmarterMCP client = client(ADMIN_TOKEN);

		assertNotConfigured("metabase", () -> client.analytics().kpis(List.of("revenue_mtd")));
		assertNotConfigured("odoo", () -> client.crm().contacts().search("acme"));
		assertNotConfigured("chatwoot", () -> client.support().metrics(Period.WEEK));
		assertNotConfigured("botpress", () -> client.bots().list());
	}

	@Test
	void adminCallsListTheTenantsOfTheFile() {
		assertThat(client(ADMIN_TOKEN).admin().tenants().getTenants()).extracting("id")
			.contains("default", "other", "limited", "broken");
	}

	// --- every error, typed
	// ------------------------------------------------------------------------

	@Test
	void aWrongTokenIsUnauthorized() {
		SmarterMCP client = client("smcp_not_a_token_of_this_server_0123456789abcdef");

		assertThatExceptionOfType(UnauthorizedException.class).isThrownBy(() -> client.services().list())
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(401))
			.withMessageContaining("Invalid or expired API token");
	}

	@Test
	void aMissingScopeIsForbiddenNamingTheScope() {
		SmarterMCP client = client(issueToken("sdk-it-services-only", "read:services"));

		assertThatExceptionOfType(ForbiddenException.class).isThrownBy(() -> client.crm().contacts().search("acme"))
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(403);
				assertThat(ex.requiredScope()).contains("read:crm");
			});
	}

	@Test
	void anotherTenantThroughTheHeaderIsDenied() {
		String token = issueToken("sdk-it-default-reader", "read:services");
		SmarterMCP client = SmarterMCP.builder().apiToken(token).baseUrl(baseUrl()).tenantId("other").build();

		assertThatExceptionOfType(TenantAccessDeniedException.class).isThrownBy(() -> client.services().list())
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(403))
			.withMessageContaining("Tenant 'other' not found or access denied");
	}

	@Test
	void anUnknownServiceIsNotFound() {
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> client(ADMIN_TOKEN).services().logs("nope", 5))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(404))
			.withMessageContaining("'nope'");
	}

	@Test
	void aBadArgumentIsInvalidAndNamed() {
		assertThatExceptionOfType(InvalidArgumentsException.class)
			.isThrownBy(() -> client(ADMIN_TOKEN).services().logs("web", 0))
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(400);
				assertThat(ex.argument()).contains("lines");
			});
	}

	@Test
	void triggeringAnInactiveWorkflowConflicts() {
		SmarterMCP client = client(ADMIN_TOKEN);
		WorkflowsCreateOutput parked = client.workflows()
			.create(new WorkflowsCreateInput().name("SDK IT parked " + SUFFIX)
				.workflowJson(echoWorkflow("sdk-it-parked-" + SUFFIX))
				.activate(false));
		assertThat(parked.getActive()).isFalse();

		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> client.workflows().trigger(parked.getId(), Map.of()))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(409))
			.withMessageContaining("not active");
	}

	@Test
	void anOversizedBodyIsTooLarge() {
		// the default limit is 1 MiB (SMARTERMCP_MAX_BODY_BYTES)
		String query = "a".repeat(1_100_000);

		assertThatExceptionOfType(PayloadTooLargeException.class)
			.isThrownBy(() -> client(ADMIN_TOKEN).crm().contacts().search(query))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(413));
	}

	@Test
	void aBackendThatRejectsUsIsABackendErrorWithoutTheSecret() {
		String token = issueToken(ADMIN_TOKEN, "broken", "sdk-it-broken", List.of("read:workflows"));

		assertThatExceptionOfType(BackendException.class).isThrownBy(() -> client(token).workflows().list())
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(502);
				assertThat(ex.service()).contains("n8n");
				assertThat(ex.getMessage()).contains("rejected the API key").doesNotContain(WRONG_N8N_KEY);
				assertThat(ex.problem().orElseThrow().members().toString()).doesNotContain(WRONG_N8N_KEY);
			});
	}

	@Test
	void anUnconfiguredBackendIsUnavailableAndNotWorthRetrying() {
		// still a ServiceUnavailableException for code that handles any unavailability,
		// but typed and final
		assertThatExceptionOfType(ServiceUnavailableException.class)
			.isThrownBy(() -> client(ADMIN_TOKEN).bots().conversations("bot_1"))
			.isInstanceOf(NotConfiguredException.class)
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(503);
				assertThat(ex.retryable()).isFalse();
				assertThat(ex.service()).contains("botpress");
			});
	}

	// --- 429
	// ----------------------------------------------------------------------------------------

	@Test
	void overTheLimitAReadWithoutRetryIsRateLimitedWithRetryAfter() {
		SmarterMCP client = client(limitedToken("sdk-it-limited-plain"));
		client.documentation().service("n8n");

		assertThatExceptionOfType(RateLimitedException.class).isThrownBy(() -> client.documentation().service("n8n"))
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(429);
				assertThat(ex.category()).contains("general");
				assertThat(ex.limit()).contains("burst 1");
				assertThat(ex.retryAfter()).isPositive()
					.isLessThanOrEqualTo(Duration.ofSeconds(60 / LIMITED_PER_MINUTE));
			});
	}

	@Test
	void overTheLimitAReadWaitsOutRetryAfterAndSucceeds() {
		String name = "sdk-it-limited-retry";
		SmarterMCP client = SmarterMCP.builder()
			.apiToken(limitedToken(name))
			.baseUrl(baseUrl())
			.retryRateLimited(true)
			.build();
		int before = rateLimitExceeded(name);
		client.documentation().service("n8n");

		long start = System.nanoTime();
		assertThat(client.documentation().service("n8n").getServiceId()).isEqualTo("n8n");
		Duration waited = Duration.ofNanos(System.nanoTime() - start);

		// the second call was refused once (the server counted it) and repeated after
		// Retry-After
		assertThat(rateLimitExceeded(name) - before).isEqualTo(1);
		assertThat(waited).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void overTheLimitAWriteIsNeverRetried() {
		String name = "sdk-it-limited-write";
		SmarterMCP client = SmarterMCP.builder()
			.apiToken(limitedToken(name))
			.baseUrl(baseUrl())
			.retryRateLimited(true)
			.build();
		int before = rateLimitExceeded(name);
		// tenant limited has no n8n: the first trigger passes the limit and is told so
		assertNotConfigured("n8n", () -> client.workflows().trigger("42", Map.of()));

		// retried after Retry-After it would have reached the same "not configured"
		// answer
		assertThatExceptionOfType(RateLimitedException.class)
			.isThrownBy(() -> client.workflows().trigger("42", Map.of()));
		assertThat(rateLimitExceeded(name) - before).isEqualTo(1);
	}

	// --- helpers
	// ------------------------------------------------------------------------------------

	private SmarterMCP client(String token) {
		return SmarterMCP.builder().apiToken(token).baseUrl(baseUrl()).timeout(Duration.ofSeconds(90)).build();
	}

	private String limitedToken(String name) {
		return issueToken(ADMIN_TOKEN, "limited", name, List.of("read:services", "read:workflows", "write:workflows"));
	}

	/**
	 * {@code mcp_rate_limit_exceeded_total} of the tenant {@code limited}, from the
	 * server's own metrics (a tenant other than the operator's counts under
	 * {@code agent="tenant:<id>"}, never its token names).
	 */
	private int rateLimitExceeded(String tokenName) {
		String agent = "tenant:limited";
		Response metrics = get("/metrics", ADMIN_TOKEN);
		assertThat(metrics.status()).isEqualTo(200);
		return metrics.body()
			.lines()
			.filter((line) -> line.startsWith("mcp_rate_limit_exceeded_total{")
					&& line.contains("agent=\"" + agent + "\""))
			.mapToInt((line) -> (int) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

	private static void assertNotConfigured(String service, Runnable call) {
		assertThatExceptionOfType(NotConfiguredException.class).isThrownBy(call::run).satisfies((ex) -> {
			assertThat(ex.status()).isEqualTo(503);
			assertThat(ex.retryable()).isFalse();
			assertThat(ex.service()).contains(service);
			assertThat(ex.configKey()).contains("backends." + service);
			assertThat(ex.getMessage()).contains("The " + service + " backend is not configured for this tenant")
				.contains("docs/configuration.md");
		});
	}

	/**
	 * Webhook → "Respond to Webhook" with its own execution id and the input → a short
	 * Wait.
	 */
	private static Map<String, Object> echoWorkflow(String path) {
		return Map.of("nodes",
				List.of(Map.of("name", "Order in", "type", "n8n-nodes-base.webhook", "typeVersion", 2, "position",
						List.of(0, 0), "parameters",
						Map.of("httpMethod", "POST", "path", path, "responseMode", "responseNode")),
						Map.of("name", "Answer", "type", "n8n-nodes-base.respondToWebhook", "typeVersion", 1.1,
								"position", List.of(220, 0), "parameters",
								Map.of("respondWith", "json", "responseBody",
										"={{ { \"executionId\": $execution.id, \"echo\": $json.body } }}")),
						Map.of("name", "Settle", "type", "n8n-nodes-base.wait", "typeVersion", 1.1, "position",
								List.of(440, 0), "parameters", Map.of("amount", 1))),
				"connections",
				Map.of("Order in",
						Map.of("main", List.of(List.of(Map.of("node", "Answer", "type", "main", "index", 0)))),
						"Answer",
						Map.of("main", List.of(List.of(Map.of("node", "Settle", "type", "main", "index", 0))))),
				"settings", Map.of("executionOrder", "v1"));
	}

	private static void sql(String... statements) throws SQLException {
		try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
				Statement statement = db.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

}
