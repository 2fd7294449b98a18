package cl.smartercl.mcp.openapi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import cl.smartercl.mcp.core.tool.Catalog;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed document is the catalog's. When a tool contract changes, regenerate it
 * with
 * {@code mvn -o -q test -pl smartermcp-openapi -Dtest=OpenApiDriftTests -Dopenapi.update=true}
 * and commit the diff (the SDK is generated from the committed file).
 */
class OpenApiDriftTests {

	private static final Path COMMITTED = Path.of("src/main/resources", OpenApiDocument.RESOURCE);

	private static final String REGENERATE = "mvn -o -q test -pl smartermcp-openapi -Dtest=OpenApiDriftTests -Dopenapi.update=true";

	@Test
	void committedDocumentMatchesTheCatalog() throws IOException {
		String expected = OpenApiDocument.render(Catalog.standard());
		if (Boolean.getBoolean("openapi.update")) {
			Files.createDirectories(COMMITTED.getParent());
			Files.writeString(COMMITTED, expected, StandardCharsets.UTF_8);
		}
		assertThat(COMMITTED).as("committed OpenAPI document %s is missing; create it with: %s", COMMITTED, REGENERATE)
			.exists();
		String committed = Files.readString(COMMITTED, StandardCharsets.UTF_8);
		assertThat(committed).as("%s drifted from the tool catalog; regenerate it with: %s", COMMITTED, REGENERATE)
			.isEqualTo(expected);
	}

	@Test
	void committedDocumentIsTheClasspathResource() throws IOException {
		try (var in = OpenApiDocument.class.getClassLoader().getResourceAsStream(OpenApiDocument.RESOURCE)) {
			assertThat(in).as("classpath resource %s", OpenApiDocument.RESOURCE).isNotNull();
			assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
				.isEqualTo(Files.readString(COMMITTED, StandardCharsets.UTF_8));
		}
	}

}
