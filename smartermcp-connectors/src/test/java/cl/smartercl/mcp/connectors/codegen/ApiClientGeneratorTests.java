package cl.smartercl.mcp.connectors.codegen;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import cl.smartercl.mcp.core.error.BackendException;
import cl.smartercl.mcp.core.error.NotFoundException;
import cl.smartercl.mcp.core.tools.codegen.GenerateApiClient;
import cl.smartercl.mcp.core.tools.codegen.GenerateApiClient.Language;
import cl.smartercl.mcp.core.tools.common.GeneratedFile;
import cl.smartercl.mcp.testsupport.TestFixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * openapi-generator in process over a small description: layout, filtering, bound and
 * errors.
 */
class ApiClientGeneratorTests {

	private static final Duration WAIT = Duration.ofMinutes(2);

	/** SmarterMCP's bundled n8n summary: a real, small OpenAPI 3 document. */
	private static final String SPEC = resource("apis/n8n.yaml");

	@ParameterizedTest
	@EnumSource(Language.class)
	void everyLanguageGetsItsSourcesWithoutDocsTestsOrCiFiles(Language language) {
		AtomicReference<String> asked = new AtomicReference<>();
		ApiClientGenerator generator = new ApiClientGenerator((id) -> {
			asked.set(id);
			return Mono.just(SPEC);
		});

		GenerateApiClient.Output out = generator.generate(new GenerateApiClient.Input("n8n-prod", language))
			.block(WAIT);

		assertThat(asked.get()).isEqualTo("n8n-prod");
		assertThat(out.serviceId()).isEqualTo("n8n-prod");
		assertThat(out.language()).isEqualTo(language);
		assertThat(out.truncated()).isFalse();
		assertThat(out.totalBytes()).isEqualTo(
				out.files().stream().mapToLong((f) -> f.content().getBytes(StandardCharsets.UTF_8).length).sum());
		List<String> paths = out.files().stream().map(GeneratedFile::path).toList();
		assertThat(paths).noneMatch((p) -> p.startsWith("docs/") || p.startsWith(".openapi-generator")
				|| p.contains("/test/") || p.startsWith("test/") || p.equals(".travis.yml") || p.equals("git_push.sh")
				|| p.startsWith(".github/") || p.endsWith(".jar"));
		switch (language) {
			case TYPESCRIPT -> assertThat(paths).contains("package.json", "tsconfig.json", "src/runtime.ts",
					"src/apis/WorkflowsApi.ts");
			case PYTHON -> assertThat(paths).contains("pyproject.toml", "n8n_prod_client/api/workflows_api.py");
			case JAVA ->
				assertThat(paths).contains("pom.xml", "src/main/java/com/example/n8nprod/client/api/WorkflowsApi.java");
			case GO -> assertThat(paths).contains("go.mod", "api_workflows.go", "client.go");
		}
		assertThat(paths.get(0)).as("a manifest comes first")
			.isIn("package.json", "tsconfig.json", "pyproject.toml", "requirements.txt", "setup.cfg", "setup.py",
					"pom.xml", "go.mod", "go.sum");
		String all = String.join("\n", out.files().stream().map(GeneratedFile::content).toList());
		assertThat(all).as("the auth scheme reaches the client").contains("X-N8N-API-KEY");
	}

	@Test
	void aSizeBoundCutsTheListAndSaysSo() {
		ApiClientGenerator generator = new ApiClientGenerator((id) -> Mono.just(SPEC), 6_000);

		GenerateApiClient.Output out = generator.generate(new GenerateApiClient.Input("n8n", Language.TYPESCRIPT))
			.block(WAIT);

		assertThat(out.truncated()).isTrue();
		assertThat(out.totalBytes()).isLessThanOrEqualTo(6_000);
		assertThat(out.files()).extracting(GeneratedFile::path).startsWith("package.json", "tsconfig.json");
	}

	@Test
	void aServiceWithoutADescriptionIsNotFound() {
		ApiClientGenerator generator = new ApiClientGenerator((id) -> Mono.empty());

		assertThatThrownBy(() -> generator.generate(new GenerateApiClient.Input("odoo", null)).block(WAIT))
			.isInstanceOf(NotFoundException.class)
			.hasMessage("API description 'odoo' not found");
	}

	@Test
	void aDescriptionThatIsNotOpenApiIsABackendErrorInOurWords() {
		ApiClientGenerator json = new ApiClientGenerator((id) -> Mono.just("{\"hello\": \"world\"}"));
		ApiClientGenerator garbage = new ApiClientGenerator((id) -> Mono.just("{ this is : not json"));

		assertThatThrownBy(() -> json.generate(new GenerateApiClient.Input("web", Language.GO)).block(WAIT))
			.isInstanceOf(BackendException.class)
			.hasMessageStartingWith(
					"Service 'web' reported an error: its API description could not be turned into a client");
		assertThatThrownBy(() -> garbage.generate(new GenerateApiClient.Input("web", Language.GO)).block(WAIT))
			.isInstanceOf(BackendException.class)
			.hasMessage("Service 'web' reported an error: its API description is neither JSON nor YAML");
	}

	@Test
	void schemaAliasesAreFoldedIntoTheirTargets() {
		String spec = """
				{"openapi": "3.0.0", "info": {"title": "t", "version": "1"},
				 "paths": {"/w": {"get": {"responses": {"200": {"description": "ok",
				   "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Workflow"}}}}}}}},
				 "components": {"schemas": {
				   "Workflow": {"$ref": "#/components/schemas/workflow"},
				   "workflow": {"type": "object", "properties": {"nodes": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}}}},
				   "Node": {"$ref": "#/components/schemas/node"},
				   "node": {"type": "object", "properties": {"name": {"type": "string"}}}}}}""";

		JsonNode out = JsonMapper.builder().build().readTree(SpecNormalizer.normalize("n8n", spec));

		assertThat(out.path("components").path("schemas").propertyNames()).containsExactlyInAnyOrder("workflow",
				"node");
		assertThat(out.at("/paths/~1w/get/responses/200/content/application~1json/schema/$ref").asString())
			.isEqualTo("#/components/schemas/workflow");
		assertThat(out.at("/components/schemas/workflow/properties/nodes/items/$ref").asString())
			.isEqualTo("#/components/schemas/node");
	}

	@Test
	void filesAreFilteredByRoleAndManifestsRankFirst() {
		assertThat(GeneratedFiles.keep(Path.of("docs/WorkflowApi.md"))).isFalse();
		assertThat(GeneratedFiles.keep(Path.of("src/test/java/ApiTest.java"))).isFalse();
		assertThat(GeneratedFiles.keep(Path.of("n8n_client/test/test_api.py"))).isFalse();
		assertThat(GeneratedFiles.keep(Path.of("api/openapi.yaml"))).isFalse();
		assertThat(GeneratedFiles.keep(Path.of("gradle/wrapper/gradle-wrapper.jar"))).isFalse();
		assertThat(GeneratedFiles.keep(Path.of(".github/workflows/python.yml"))).isFalse();
		assertThat(GeneratedFiles.keep(Path.of("src/main/java/x/api/WorkflowApi.java"))).isTrue();
		assertThat(GeneratedFiles.keep(Path.of("README.md"))).isTrue();
		assertThat(GeneratedFiles.rank(Path.of("go.mod"))).isLessThan(GeneratedFiles.rank(Path.of("client.go")));
		assertThat(GeneratedFiles.rank(Path.of("client.go"))).isLessThan(GeneratedFiles.rank(Path.of("README.md")));
		assertThat(ClientLanguage.identifier("N8N Prod!")).isEqualTo("n8n_prod");
		assertThat(ClientLanguage.identifier("42-metabase")).isEqualTo("api_42_metabase");
	}

	private static String resource(String name) {
		return TestFixtures.resource(name);
	}

}
