package cl.smartercl.mcp.connectors.docs;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import cl.smartercl.mcp.connectors.config.BackendsConfig;
import cl.smartercl.mcp.connectors.config.Secret;
import cl.smartercl.mcp.connectors.config.ServiceConfig;
import cl.smartercl.mcp.connectors.config.TenantConfig;
import cl.smartercl.mcp.core.error.NotFoundException;
import cl.smartercl.mcp.core.error.ServiceUnavailableException;
import cl.smartercl.mcp.core.error.BackendNotConfiguredException;
import cl.smartercl.mcp.core.health.BackendProbe;
import cl.smartercl.mcp.core.health.ProbeResult;
import cl.smartercl.mcp.core.schema.ToolJson;
import cl.smartercl.mcp.core.tools.documentation.DocsApis;
import cl.smartercl.mcp.core.tools.documentation.DocsSchemas;
import cl.smartercl.mcp.core.tools.documentation.DocsServices;
import cl.smartercl.mcp.core.tools.services.HealthStatus;
import cl.smartercl.mcp.core.tools.services.ServiceType;
import cl.smartercl.mcp.testsupport.TestFixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * {@code docs_services} and {@code docs_apis} against a local HTTP stub standing in for
 * each backend.
 */
class DocumentationServiceTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final String N8N_KEY = "n8n_api_0123456789abcdef";

	private static final String MB_KEY = "mb_ZXhhbXBsZS1rZXk=";

	private MockWebServer server;

	@BeforeEach
	void start() throws IOException {
		this.server = new MockWebServer();
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	private URI base() {
		return URI.create("http://127.0.0.1:" + this.server.getPort());
	}

	private DocumentationService service(BackendsConfig backends, List<ServiceConfig> services,
			BackendProbe... probes) {
		TenantConfig tenant = new TenantConfig("acme", backends, services, null);
		return new DocumentationService(tenant,
				(name) -> List.of(probes).stream().filter((p) -> p.backend().equals(name)).findFirst(),
				Optional::empty);
	}

	private DocumentationService n8n() {
		return service(new BackendsConfig(new BackendsConfig.N8n(base(), Secret.of(N8N_KEY)), null, null, null, null,
				null, null, null), List.of());
	}

	@Test
	void n8nTwoServesItsSpecAsYamlWhichIsSummarisedLive() throws Exception {
		this.server.enqueue(text(200, "application/yaml", fixture("n8n/openapi-yml-ok.yaml")));

		DocsApis.Output out = n8n().apis(new DocsApis.Input("n8n", 1, 50)).block(WAIT);

		RecordedRequest request = this.server.takeRequest(5, TimeUnit.SECONDS);
		assertThat(request.getMethod()).isEqualTo("GET");
		assertThat(request.getTarget()).isEqualTo("/api/v1/openapi.yml");
		assertThat(request.getHeaders().get("X-N8N-API-KEY")).isEqualTo(N8N_KEY);
		assertThat(out.source()).isEqualTo("live");
		assertThat(out.title()).isEqualTo("n8n Public API");
		assertThat(out.version()).isEqualTo("1.1.1");
		assertThat(out.auth())
			.isEqualTo("API key in header X-N8N-API-KEY (ApiKeyAuth); HTTP bearer (JWT) (BearerAuth)");
		assertThat(out.operations())
			.extracting(DocsApis.Operation::method, DocsApis.Operation::path, DocsApis.Operation::summary,
					DocsApis.Operation::tag)
			.containsExactly(tuple("POST", "/workflows", "Create a workflow", "Workflow"),
					tuple("GET", "/workflows", "Retrieve all workflows", "Workflow"),
					tuple("POST", "/workflows/{id}/publish", "Publish a workflow", "Workflow"),
					tuple("GET", "/executions/{id}", "Retrieve an execution", "Execution"));
		assertThat(out.totalOperations()).isEqualTo(4);
		assertThat(out.nextPage()).isNull();
	}

	@Test
	void n8nOneEmbedsItsSpecInTheSwaggerUiScript() throws Exception {
		this.server.enqueue(text(404, "application/json", fixture("n8n/error-not-found.json")));
		this.server.enqueue(text(200, "application/javascript; charset=utf-8", fixture("n8n/swagger-ui-init-ok.js")));

		DocsApis.Output out = n8n().apis(new DocsApis.Input("n8n", 1, 2)).block(WAIT);

		assertThat(this.server.takeRequest(5, TimeUnit.SECONDS).getTarget()).isEqualTo("/api/v1/openapi.yml");
		RecordedRequest script = this.server.takeRequest(5, TimeUnit.SECONDS);
		assertThat(script.getTarget()).isEqualTo("/api/v1/docs/swagger-ui-init.js");
		assertThat(script.getHeaders().get("X-N8N-API-KEY")).isEqualTo(N8N_KEY);
		assertThat(out.source()).isEqualTo("live");
		assertThat(out.operations()).extracting(DocsApis.Operation::path).containsExactly("/audit", "/workflows");
		assertThat(out.totalOperations()).isEqualTo(3);
		assertThat(out.nextPage()).isEqualTo(2);
	}

	@Test
	void theLiveDescriptionIsCachedWhilePagesAreRead() {
		this.server.enqueue(text(200, "application/yaml", fixture("n8n/openapi-yml-ok.yaml")));
		DocumentationService docs = n8n();

		DocsApis.Output first = docs.apis(new DocsApis.Input("n8n", 1, 3)).block(WAIT);
		DocsApis.Output second = docs.apis(new DocsApis.Input("n8n", 2, 3)).block(WAIT);

		assertThat(this.server.getRequestCount()).isEqualTo(1);
		assertThat(first.nextPage()).isEqualTo(2);
		assertThat(second.operations()).extracting(DocsApis.Operation::path).containsExactly("/executions/{id}");
		assertThat(second.nextPage()).isNull();
	}

	@Test
	void anN8nThatServesNoDescriptionFallsBackToTheBundledSummaryAndSaysSo() {
		this.server.enqueue(text(404, "application/json", fixture("n8n/error-not-found.json")));
		this.server.enqueue(text(404, "application/json", fixture("n8n/error-not-found.json")));

		DocsApis.Output out = n8n().apis(new DocsApis.Input("n8n", 1, 200)).block(WAIT);

		assertThat(out.source()).isEqualTo("bundled");
		assertThat(out.title()).contains("SmarterMCP summary", "serves no API description");
		assertThat(out.auth()).isEqualTo("API key in header X-N8N-API-KEY (ApiKeyAuth)");
		assertThat(out.operations()).extracting(DocsApis.Operation::operationId)
			.contains("listWorkflows", "createWorkflow", "publishWorkflow", "getExecution");
	}

	@Test
	void aRefusedKeyFallsBackWithoutEchoingTheKeyOrTheBody() {
		this.server.enqueue(text(401, "application/json", fixture("n8n/error-unauthorized.json")));

		DocsApis.Output out = n8n().apis(new DocsApis.Input("n8n", 1, 50)).block(WAIT);

		assertThat(out.source()).isEqualTo("bundled");
		assertThat(out.title()).contains("n8n rejected the API key while trying to read its API description (HTTP 401)")
			.doesNotContain(N8N_KEY)
			.doesNotContain("header required");
	}

	@Test
	void aFallbackForcedByAFailureIsNotCached() {
		this.server.enqueue(text(503, "text/html", "<html>maintenance</html>"));
		this.server.enqueue(text(200, "application/yaml", fixture("n8n/openapi-yml-ok.yaml")));
		DocumentationService docs = n8n();

		DocsApis.Output during = docs.apis(new DocsApis.Input("n8n", 1, 50)).block(WAIT);
		DocsApis.Output after = docs.apis(new DocsApis.Input("n8n", 1, 50)).block(WAIT);

		assertThat(during.source()).isEqualTo("bundled");
		assertThat(during.title()).contains("is currently unavailable: n8n answered HTTP 503")
			.doesNotContain("maintenance");
		assertThat(after.source()).isEqualTo("live");
		assertThat(this.server.getRequestCount()).isEqualTo(2);
	}

	@Test
	void metabaseServesItsOpenApiDocumentWithTheApiKey() throws Exception {
		this.server.enqueue(text(200, "application/json", fixture("metabase/openapi-json-ok.json")));
		DocumentationService docs = service(new BackendsConfig(null, null, null, null, null, null,
				new BackendsConfig.Metabase(base(), Secret.of(MB_KEY), null, null, null), null), List.of());

		DocsApis.Output out = docs.apis(new DocsApis.Input("metabase", 1, 50)).block(WAIT);

		RecordedRequest request = this.server.takeRequest(5, TimeUnit.SECONDS);
		assertThat(request.getTarget()).isEqualTo("/api/docs/openapi.json");
		assertThat(request.getHeaders().get("x-api-key")).isEqualTo(MB_KEY);
		assertThat(out.source()).isEqualTo("live");
		assertThat(out.version()).isEqualTo("v0.56.3");
		assertThat(out.auth()).startsWith("API key in header x-api-key (api-key)");
		assertThat(out.operations())
			.extracting(DocsApis.Operation::method, DocsApis.Operation::path, DocsApis.Operation::summary)
			.containsExactly(tuple("POST", "/api/card/{card-id}/query", "POST /api/card/{card-id}/query"),
					tuple("GET", "/api/dashboard/{id}", "GET /api/dashboard/{id}"),
					tuple("PUT", "/api/dashboard/{id}", "PUT /api/dashboard/{id}"),
					tuple("GET", "/api/search/", "GET /api/search/"));
	}

	@Test
	void dockerReportsTheLiveApiVersionBesideTheBundledEndpoints() throws Exception {
		this.server.enqueue(text(200, "application/json", fixture("docker/version-ok.json")));
		DocumentationService docs = service(new BackendsConfig(null,
				new BackendsConfig.Docker("tcp://127.0.0.1:" + this.server.getPort(), null, null, null), null, null,
				null, null, null, null), List.of());

		DocsApis.Output out = docs.apis(new DocsApis.Input("docker", 1, 200)).block(WAIT);

		assertThat(this.server.takeRequest(5, TimeUnit.SECONDS).getTarget()).isEqualTo("/version");
		assertThat(out.source()).isEqualTo("bundled");
		assertThat(out.version()).isEqualTo("1.41");
		assertThat(out.title()).contains("Podman Engine 4.3.1, API 1.41 (oldest accepted 1.24)");
		assertThat(out.auth()).isEqualTo("none declared");
		assertThat(out.operations()).extracting(DocsApis.Operation::operationId)
			.contains("listContainers", "restartContainer", "containerLogs", "pullImage", "version");
	}

	@Test
	void backendsWithoutADescriptionOfTheirOwnGetTheBundledSummary() {
		DocumentationService docs = service(BackendsConfig.NONE, List.of());
		for (BackendKind kind : BackendKind.values()) {
			DocsApis.Output out = docs.apis(new DocsApis.Input(kind.id(), 1, 200)).block(WAIT);
			assertThat(out.source()).as(kind.id()).isEqualTo("bundled");
			assertThat(out.title()).as(kind.id()).contains("SmarterMCP summary", "not configured for this tenant");
			assertThat(out.operations()).as(kind.id()).isNotEmpty().allSatisfy((op) -> {
				assertThat(op.operationId()).isNotBlank();
				assertThat(op.summary()).isNotBlank();
			});
		}
		assertThat(this.server.getRequestCount()).isZero();
	}

	@Test
	void servicesShowsTheConfigurationWithoutSecretsAndTheLiveProbe() {
		URI withCredentials = URI.create("http://admin:hunter2@127.0.0.1:5678/?token=abc");
		BackendProbe probe = new FixedProbe("n8n",
				new ProbeResult(HealthStatus.HEALTHY, 12, "1.123.81", "GET /api/v1/workflows?limit=1 answered 200"));
		DocumentationService docs = service(
				new BackendsConfig(new BackendsConfig.N8n(withCredentials, Secret.of(N8N_KEY)), null, null, null, null,
						null, null, null),
				List.of(new ServiceConfig("automation", "Automation", ServiceType.BACKEND, null, "n8n", "backend",
						"Runs the nightly exports.")),
				probe);

		DocsServices.Output out = docs.services(new DocsServices.Input("automation")).block(WAIT);

		assertThat(out.kind()).isEqualTo("n8n");
		assertThat(out.name()).isEqualTo("Automation");
		assertThat(out.description()).startsWith("n8n is the tenant's workflow automation engine");
		assertThat(out.tools()).containsExactly("services_health", "workflows_list", "workflows_trigger",
				"workflows_status", "workflows_create", "docs_services", "docs_apis", "generate_api_client");
		assertThat(out.configuration()).containsEntry("type", "backend")
			.containsEntry("compose_service", "n8n")
			.containsEntry("health", "backend")
			.containsEntry("url", "http://127.0.0.1:5678/")
			.containsEntry("api_key", "set (hidden)");
		assertThat(out.version()).isEqualTo("1.123.81");
		assertThat(out.health()).isEqualTo("healthy");
		assertThat(out.markdown()).contains("# n8n", "## This tenant's `automation`", "Runs the nightly exports.",
				"| api_key | set (hidden) |", "- Version: 1.123.81", "workflows_trigger");
		String everything = ToolJson.mapper().writeValueAsString(out);
		assertThat(everything).doesNotContain(N8N_KEY).doesNotContain("hunter2").doesNotContain("token=abc");
	}

	@Test
	void anUnhealthyProbeIsReportedWithItsReason() {
		BackendProbe probe = new FixedProbe("supabase",
				new ProbeResult(HealthStatus.UNHEALTHY, 3, null, "a read-only catalog query failed: refused"));
		DocumentationService docs = service(new BackendsConfig(null, null,
				new BackendsConfig.Supabase("r2dbc:postgresql://reader:pw@db:5432/postgres", "reader",
						Secret.of("pg-secret"), null, null),
				null, null, null, null, null), List.of(), probe);

		DocsServices.Output out = docs.services(new DocsServices.Input("postgres")).block(WAIT);

		assertThat(out.kind()).isEqualTo("supabase");
		assertThat(out.health()).isEqualTo("unhealthy: a read-only catalog query failed: refused (3 ms)");
		assertThat(out.configuration()).containsEntry("url", "r2dbc:postgresql://db:5432/postgres")
			.containsEntry("password", "set (hidden)")
			.doesNotContainKey("api_key");
		assertThat(out.tools()).contains("docs_schemas");
		assertThat(ToolJson.mapper().writeValueAsString(out)).doesNotContain("pg-secret").doesNotContain(":pw@");
	}

	/**
	 * What {@code docs_services} guarding its own calls rests on (the server gives it no
	 * breaker or retry): a probe that fails is part of the answer, never the call's
	 * failure.
	 */
	@Test
	void aProbeThatFailsIsReportedInTheAnswerInsteadOfFailingTheCall() {
		BackendProbe failing = new BackendProbe() {
			@Override
			public String backend() {
				return "n8n";
			}

			@Override
			public Mono<ProbeResult> probe() {
				return Mono.error(new ServiceUnavailableException("n8n", "cannot reach 127.0.0.1:5678"));
			}
		};
		DocumentationService docs = service(
				new BackendsConfig(new BackendsConfig.N8n(URI.create("http://127.0.0.1:5678/"), Secret.of(N8N_KEY)),
						null, null, null, null, null, null, null),
				List.of(), failing);

		DocsServices.Output out = docs.services(new DocsServices.Input("n8n")).block(WAIT);

		assertThat(out.kind()).isEqualTo("n8n");
		assertThat(out.health()).isEqualTo("unhealthy: the probe did not answer within 10 s");
		assertThat(out.version()).isNull();
	}

	@Test
	void aKnownBackendThatIsNotConfiguredIsStillDocumented() {
		DocumentationService docs = service(BackendsConfig.NONE,
				List.of(new ServiceConfig("odoo-prod", "ERP", ServiceType.BACKEND, "odoo_web", null, null, null)));

		DocsServices.Output out = docs.services(new DocsServices.Input("odoo-prod")).block(WAIT);

		assertThat(out.kind()).isEqualTo("odoo");
		assertThat(out.health()).isEqualTo("not configured");
		assertThat(out.version()).isNull();
		assertThat(out.configuration()).containsEntry("container", "odoo_web")
			.containsEntry("backend", "not configured for this tenant");
		assertThat(out.tools()).contains("crm_contacts_upsert");
	}

	@Test
	void aRegistryServiceThatIsNoKnownBackendHasDocsButNoApi() {
		DocumentationService docs = service(BackendsConfig.NONE, List.of(new ServiceConfig("website", "Web site",
				ServiceType.FRONTEND, "web", null, "https://example.test/health?key=1", null)));

		DocsServices.Output out = docs.services(new DocsServices.Input("website")).block(WAIT);

		assertThat(out.kind()).isNull();
		assertThat(out.health()).startsWith("unknown");
		assertThat(out.configuration()).containsEntry("health", "https://example.test/health");
		assertThat(out.tools()).contains("services_restart", "services_logs", "docs_services");
		assertThatThrownBy(() -> docs.apis(new DocsApis.Input("website", 1, 50)).block(WAIT))
			.isInstanceOf(NotFoundException.class)
			.hasMessageStartingWith("API description 'website' not found");
	}

	@Test
	void anUnknownServiceIsNotFoundAndTheKnownOnesAreListed() {
		DocumentationService docs = service(new BackendsConfig(new BackendsConfig.N8n(base(), Secret.of(N8N_KEY)), null,
				null, null, null, null, null, null),
				List.of(new ServiceConfig("web", null, null, "web", null, null, null)));

		assertThatThrownBy(() -> docs.services(new DocsServices.Input("crm")).block(WAIT))
			.isInstanceOf(NotFoundException.class)
			.hasMessage("Service 'crm' not found. Known services: web, n8n");
	}

	@Test
	void schemasNeedTheSupabaseBackend() {
		assertThatThrownBy(() -> service(BackendsConfig.NONE, List.of()).schemas(new DocsSchemas.Input("public", 1, 50))
			.block(WAIT)).isInstanceOf(BackendNotConfiguredException.class)
			.hasMessage(
					"The supabase backend is not configured for this tenant: add backends.supabase to the tenants file "
							+ "(see docs/configuration.md)");
	}

	private record FixedProbe(String backend, ProbeResult result) implements BackendProbe {

		@Override
		public Mono<ProbeResult> probe() {
			return Mono.just(this.result);
		}

	}

	private static MockResponse text(int code, String type, String body) {
		return new MockResponse.Builder().code(code).addHeader("Content-Type", type).body(body).build();
	}

	static String fixture(String name) {
		return TestFixtures.read(name);
	}

}
