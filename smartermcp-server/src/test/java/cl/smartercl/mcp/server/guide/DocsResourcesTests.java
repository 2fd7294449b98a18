package cl.smartercl.mcp.server.guide;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DocsResourcesTests {

	private static DocsResources.Template template(String tool) {
		return DocsResources.TEMPLATES.stream().filter((t) -> t.tool().equals(tool)).findFirst().orElseThrow();
	}

	@Test
	void eachTemplateFillsItsToolsRealArgument() {
		assertThat(DocsResources.TEMPLATES).extracting(DocsResources.Template::uriTemplate)
			.containsExactly("smartermcp://docs/services/{service_id}", "smartermcp://docs/apis/{service_id}",
					"smartermcp://docs/schemas/{schema}");
		assertThat(template("docs_services").match("smartermcp://docs/services/n8n")).contains("n8n");
		assertThat(template("docs_apis").match("smartermcp://docs/apis/odoo")).contains("odoo");
		assertThat(template("docs_schemas").match("smartermcp://docs/schemas/my%20schema")).contains("my schema");
	}

	@Test
	void aUriOutsideATemplateMatchesNothing() {
		DocsResources.Template services = template("docs_services");
		assertThat(services.match("smartermcp://docs/services/")).isEmpty();
		assertThat(services.match("smartermcp://docs/services/n8n/extra")).isEmpty();
		assertThat(services.match("smartermcp://docs/services/n8n?x=1")).isEmpty();
		assertThat(services.match("smartermcp://docs/apis/n8n")).isEmpty();
		assertThat(services.match("https://docs/services/n8n")).isEmpty();
	}

}
