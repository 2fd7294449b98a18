package cl.smartercl.mcp.core.tool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import cl.smartercl.mcp.core.schema.ToolSchemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * One golden JSON per tool with everything a client sees of it (description, scope, hints, input and
 * output schema). A change to a contract shows up as a diff in review; a missing snapshot fails.
 * Regenerate after a deliberate change with {@code mvn test -Dtoolsnaps.update=true}.
 */
class ToolSchemaSnapshotTests {

	private static final Path DIR = Path.of("src/test/resources/toolsnaps");

	private static final JsonMapper PRETTY = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	@TestFactory
	Stream<DynamicTest> everyToolMatchesItsSnapshot() {
		boolean update = Boolean.getBoolean("toolsnaps.update");
		return Catalog.standard().tools().stream().map((tool) -> DynamicTest.dynamicTest(tool.name(), () -> {
			String actual = PRETTY.writeValueAsString(snapshot(tool)) + "\n";
			Path file = DIR.resolve(tool.name() + ".json");
			if (update) {
				Files.createDirectories(DIR);
				Files.writeString(file, actual);
				return;
			}
			if (!Files.exists(file)) {
				fail("no snapshot for " + tool.name() + "; run with -Dtoolsnaps.update=true and review " + file);
			}
			assertThat(actual).as("snapshot of %s (regenerate with -Dtoolsnaps.update=true)", tool.name())
				.isEqualTo(read(file));
		}));
	}

	@TestFactory
	Stream<DynamicTest> noSnapshotWithoutATool() throws IOException {
		try (Stream<Path> files = Files.list(DIR)) {
			return files.map((f) -> f.getFileName().toString()).sorted().map((name) -> DynamicTest.dynamicTest(name,
					() -> assertThat(Catalog.standard().find(name.replace(".json", ""))).isPresent())).toList().stream();
		}
	}

	private static ObjectNode snapshot(ToolDefinition<?, ?> tool) {
		ObjectNode node = PRETTY.createObjectNode();
		node.put("name", tool.name());
		node.put("category", tool.category().value());
		node.put("scope", tool.scope().value());
		node.put("description", tool.description());
		ObjectNode hints = node.putObject("hints");
		hints.put("readOnlyHint", tool.hints().readOnly());
		hints.put("destructiveHint", tool.hints().destructive());
		hints.put("idempotentHint", tool.hints().idempotent());
		hints.put("openWorldHint", tool.hints().openWorld());
		node.set("inputSchema", ToolSchemas.schemaOf(tool.inputType()));
		node.set("outputSchema", ToolSchemas.schemaOf(tool.outputType()));
		return node;
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
