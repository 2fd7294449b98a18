package cl.smartercl.mcp.connectors.docs;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import cl.smartercl.mcp.connectors.config.BackendsConfig;
import cl.smartercl.mcp.connectors.config.Secret;
import cl.smartercl.mcp.connectors.config.TenantConfig;
import cl.smartercl.mcp.core.tools.documentation.DocsApis;
import cl.smartercl.mcp.core.tools.documentation.DocsServices;
import cl.smartercl.mcp.testsupport.DockerPeer;
import cl.smartercl.mcp.testsupport.N8nPeer;
import cl.smartercl.mcp.testsupport.SharedPeers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs_apis} against a real n8n (its live description) and a real Docker Engine
 * API, both started by this class from {@code ../shared/peers} and stopped by PID.
 */
class DocsApisIT {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static N8nPeer n8n;

	private static DockerPeer docker;

	private static DocumentationService docs;

	@BeforeAll
	static void startPeers() {
		n8n = N8nPeer.start();
		docker = DockerPeer.startOrExternal();
		TenantConfig tenant = new TenantConfig("it",
				new BackendsConfig(new BackendsConfig.N8n(n8n.url(), Secret.of(n8n.apiKey())),
						new BackendsConfig.Docker(docker.host(), null, null, null), null, null, null, null, null, null),
				List.of(), null);
		docs = new DocumentationService(tenant, (backend) -> Optional.empty(), Optional::empty);
	}

	@AfterAll
	static void stopPeers() {
		if (n8n != null) {
			n8n.close();
		}
		if (docker != null) {
			docker.close();
		}
	}

	@Test
	void n8nDescribesItsPublicApiLive() {
		DocsApis.Output first = docs.apis(new DocsApis.Input("n8n", 1, 10)).block(WAIT);
		DocsApis.Output all = docs.apis(new DocsApis.Input("n8n", 1, 200)).block(WAIT);

		assertThat(first.source()).isEqualTo("live");
		assertThat(first.title()).isEqualTo("n8n Public API");
		assertThat(first.version()).isNotBlank();
		assertThat(first.auth()).startsWith("API key in header X-N8N-API-KEY (ApiKeyAuth)");
		assertThat(first.operations()).hasSize(10);
		assertThat(first.nextPage()).isEqualTo(2);
		assertThat(all.totalOperations()).isEqualTo(first.totalOperations()).isGreaterThan(20);
		assertThat(all.operations()).extracting(DocsApis.Operation::method, DocsApis.Operation::path)
			.contains(org.assertj.core.groups.Tuple.tuple("GET", "/workflows"),
					org.assertj.core.groups.Tuple.tuple("POST", "/workflows"),
					org.assertj.core.groups.Tuple.tuple("GET", "/executions/{id}"));
		assertThat(all.operations()).filteredOn((op) -> op.path().equals("/workflows") && op.method().equals("GET"))
			.singleElement()
			.satisfies((op) -> {
				assertThat(op.tag()).isEqualTo("Workflow");
				assertThat(op.summary()).isNotBlank();
			});
	}

	@Test
	void theLiveN8nDocumentIsUsableAsIs() {
		ApiDocument document = docs.apiDocument("n8n").block(WAIT);

		assertThat(document.source()).isEqualTo("live");
		JsonNode spec = OpenApiSummary.parse(document.text());
		assertThat(spec.path("openapi").asString()).startsWith("3.");
		assertThat(spec.path("components").path("schemas").propertyNames()).contains("workflow");
	}

	@Test
	void dockerReportsTheEnginesLiveApiVersion() {
		String socket = URI.create(docker.host()).getPath();
		JsonNode version = JsonMapper.builder()
			.build()
			.readTree(SharedPeers.run(Duration.ofSeconds(30), "curl", "-sf", "--unix-socket", socket,
					"http://d/version"));

		DocsApis.Output out = docs.apis(new DocsApis.Input("docker", 1, 200)).block(WAIT);

		assertThat(out.source()).isEqualTo("bundled");
		assertThat(out.version()).as(out.title()).isEqualTo(version.path("ApiVersion").asString());
		assertThat(out.title()).contains("live engine: " + version.path("Components").path(0).path("Name").asString()
				+ " " + version.path("Version").asString() + ", API " + version.path("ApiVersion").asString());
		assertThat(out.operations()).extracting(DocsApis.Operation::path)
			.contains("/containers/json", "/containers/{id}/restart", "/containers/{id}/logs");
	}

	@Test
	void servicesDocumentsTheRealN8nConfigurationWithoutItsKey() {
		DocsServices.Output out = docs.services(new DocsServices.Input("n8n")).block(WAIT);

		assertThat(out.configuration()).containsEntry("url", n8n.url().toString())
			.containsEntry("api_key", "set (hidden)");
		assertThat(out.health()).isEqualTo("unknown: no live probe is registered for n8n");
		assertThat(out.markdown()).doesNotContain(n8n.apiKey());
	}

}
