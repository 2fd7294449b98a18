package cl.smartercl.mcp.connectors.docs;

import java.util.Map;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import cl.smartercl.mcp.connectors.config.BackendsConfig;
import cl.smartercl.mcp.connectors.config.Secret;
import cl.smartercl.mcp.core.tools.documentation.DocsApis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every backend kind has bundled docs and an API summary that parse; configuration never
 * shows a secret.
 */
class BundledDocsTests {

	private final BundledDocs docs = new BundledDocs();

	@ParameterizedTest
	@EnumSource(BackendKind.class)
	void everyKindHasAPageWithADescriptionAndItsConfigurationKeys(BackendKind kind) {
		String markdown = this.docs.markdown(kind);
		assertThat(markdown).startsWith("# ").contains("## Configuration", "backends:", "  " + kind.id() + ":");
		assertThat(this.docs.description(kind)).hasSizeGreaterThan(80).doesNotContain("\n");
	}

	@ParameterizedTest
	@EnumSource(BackendKind.class)
	void everyKindHasAnApiSummaryWhoseOperationsAreNamedAndExplained(BackendKind kind) {
		OpenApiSummary summary = OpenApiSummary.of(this.docs.apiSummary(kind));
		assertThat(summary.title()).contains("SmarterMCP summary");
		assertThat(summary.operations()).isNotEmpty().allSatisfy((op) -> {
			assertThat(op.operationId()).matches("[a-zA-Z][a-zA-Z0-9]*");
			assertThat(op.summary()).isNotBlank();
			assertThat(op.tag()).isNotBlank();
		});
		assertThat(summary.operations()).extracting(DocsApis.Operation::operationId).doesNotHaveDuplicates();
	}

	@ParameterizedTest
	@EnumSource(BackendKind.class)
	void everyApiSummaryIsAValidOpenApiDocument(BackendKind kind) {
		SwaggerParseResult result = new OpenAPIV3Parser().readContents(this.docs.apiSummary(kind), null, null);
		assertThat(result.getMessages()).as(kind.id()).isEmpty();
		assertThat(result.getOpenAPI().getPaths()).isNotEmpty();
	}

	@ParameterizedTest
	@EnumSource(BackendKind.class)
	void everyKindLeadsToItsToolsAndTheGeneralOnes(BackendKind kind) {
		assertThat(DocumentationService.tools(kind)).contains("docs_services", "docs_apis", "generate_api_client")
			.hasSizeGreaterThan(4);
	}

	@Test
	void configurationShowsWhetherSecretsAreSetNeverWhatTheyAre() {
		BackendsConfig backends = new BackendsConfig(null, null, null, null,
				new BackendsConfig.Chatwoot(java.net.URI.create("https://cw.example.test"), 3, Secret.of("cw-token")),
				new BackendsConfig.Botpress(BackendsConfig.Botpress.Flavour.CLOUD,
						java.net.URI.create("https://api.botpress.cloud"), "wks_1", null),
				null, null);

		Map<String, String> chatwoot = ConfigurationView.of(BackendKind.CHATWOOT, backends);
		Map<String, String> botpress = ConfigurationView.of(BackendKind.BOTPRESS, backends);

		assertThat(chatwoot).containsEntry("account_id", "3").containsEntry("api_token", "set (hidden)");
		assertThat(chatwoot.values()).doesNotContain("cw-token");
		assertThat(botpress).containsEntry("token", "not set").containsEntry("workspace_id", "wks_1");
		Map<String, String> v12 = ConfigurationView.of(BackendKind.BOTPRESS,
				new BackendsConfig(null, null, null, null, null,
						new BackendsConfig.Botpress(BackendsConfig.Botpress.Flavour.V12,
								java.net.URI.create("http://bp:3000"), "default", null, "api@example.com",
								Secret.of("bp-password"), java.nio.file.Path.of("/srv/archives")),
						null, null));
		assertThat(v12).containsEntry("flavour", "v12")
			.containsEntry("email", "api@example.com")
			.containsEntry("password", "set (hidden)")
			.containsEntry("archives", "/srv/archives")
			.doesNotContainKey("token");
		assertThat(v12.values()).doesNotContain("bp-password");
	}

	@Test
	void addressesLoseUserInfoAndQueries() {
		assertThat(ConfigurationView.address("unix:///var/run/docker.sock")).isEqualTo("unix:///var/run/docker.sock");
		assertThat(ConfigurationView.address("tcp://docker:2376")).isEqualTo("tcp://docker:2376");
		assertThat(ConfigurationView.address("http://u:p@odoo:8069/web?db=x")).isEqualTo("http://odoo:8069/web");
		assertThat(ConfigurationView.address("r2dbc:postgresql://u:p@db:5432/postgres?sslmode=require"))
			.isEqualTo("r2dbc:postgresql://db:5432/postgres");
		assertThat(ConfigurationView.address("not a url at all")).isEqualTo("(not a URL)");
	}

	@Test
	void registryNamesLeadToTheirBackendKind() {
		assertThat(BackendKind.guess("odoo-prod")).contains(BackendKind.ODOO);
		assertThat(BackendKind.guess("supabase_db")).contains(BackendKind.SUPABASE);
		assertThat(BackendKind.guess("Postgres")).contains(BackendKind.SUPABASE);
		assertThat(BackendKind.guess("n8nx")).isEmpty();
		assertThat(BackendKind.guess("website")).isEmpty();
	}

}
