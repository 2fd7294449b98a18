package cl.smartercl.mcp.core.tool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed {@code docs/tools.md} is the catalog's. After a deliberate contract
 * change, regenerate it with {@value ToolsReference#REGENERATE} and commit the diff.
 */
class ToolsReferenceDriftTests {

	private static final Path COMMITTED = Path.of("../docs/tools.md");

	@Test
	void committedReferenceMatchesTheCatalog() throws IOException {
		String expected = ToolsReference.render(Catalog.standard());
		if (Boolean.getBoolean("toolsdoc.update")) {
			Files.writeString(COMMITTED, expected, StandardCharsets.UTF_8);
		}
		assertThat(COMMITTED).as("%s is missing; create it with: %s", COMMITTED, ToolsReference.REGENERATE).exists();
		assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
			.as("%s drifted from the tool catalog; regenerate it with: %s", COMMITTED, ToolsReference.REGENERATE)
			.isEqualTo(expected);
	}

	@Test
	void everyToolAndItsArgumentsAreInTheReference() {
		String reference = ToolsReference.render(Catalog.standard());
		for (ToolDefinition<?, ?> tool : Catalog.standard().tools()) {
			assertThat(reference).contains("\n### " + tool.name() + "\n").contains("`" + tool.scope().value() + "`");
		}
		assertThat(reference).contains("| `limit` | integer | no |").contains("| `filter.country` | string | no |");
	}

}
