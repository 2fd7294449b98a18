package cl.smartercl.mcp.connectors.metabase;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import cl.smartercl.mcp.connectors.config.BackendsConfig;
import cl.smartercl.mcp.connectors.config.Secret;
import cl.smartercl.mcp.testsupport.metabase.MetabaseDouble;

import static org.assertj.core.api.Assertions.assertThat;

class MetabaseApiDescriptionTests {

	@Test
	void docsApisReadsTheInstancesOwnOpenApiDocumentWithTheKey() {
		try (MetabaseDouble metabase = MetabaseDouble.start()) {
			Optional<String> doc = MetabaseApiDescription
				.fetch("acme",
						new BackendsConfig.Metabase(metabase.url(), Secret.of(MetabaseDouble.API_KEY), 10L, 1L, null))
				.block();
			assertThat(doc).hasValueSatisfying(
					(text) -> assertThat(text).contains("\"openapi\":\"3.1.0\"").contains("/api/dataset"));
			assertThat(metabase.requests()).singleElement().satisfies((request) -> {
				assertThat(request.method() + " " + request.path()).isEqualTo("GET /api/docs/openapi.json");
				assertThat(request.apiKey()).isEqualTo(MetabaseDouble.API_KEY);
			});
		}
	}

}
