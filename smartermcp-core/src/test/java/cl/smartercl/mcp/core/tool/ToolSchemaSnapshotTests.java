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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * One golden JSON per tool with everything a client sees of it (description, scope,
 * hints, input and output schema). A change to a contract shows up as a diff in review; a
 * missing snapshot fails. Regenerate after a deliberate change with
 * {@code mvn test -Dtoolsnaps.update=true}.
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
			return files.map((f) -> f.getFileName().toString())
				.sorted()
				.map((name) -> DynamicTest.dynamicTest(name,
						() -> assertThat(Catalog.standard().find(name.replace(".json", ""))).isPresent()))
				.toList()
				.stream();
		}
	}

	/**
	 * The tool's descriptor, the one rendering MCP and REST show, in the snapshots'
	 * layout.
	 */
	private static ObjectNode snapshot(ToolDefinition<?, ?> tool) {
		ToolDescriptor descriptor = ToolDescriptor.of(tool);
		ObjectNode node = PRETTY.createObjectNode();
		node.put("name", descriptor.name());
		node.put("category", descriptor.category());
		node.put("scope", descriptor.scope());
		node.put("description", descriptor.description());
		ObjectNode hints = node.putObject("hints");
		hints.put("readOnlyHint", descriptor.annotations().readOnlyHint());
		hints.put("destructiveHint", descriptor.annotations().destructiveHint());
		hints.put("idempotentHint", descriptor.annotations().idempotentHint());
		hints.put("openWorldHint", descriptor.annotations().openWorldHint());
		node.set("inputSchema", descriptor.inputSchema());
		node.set("outputSchema", descriptor.outputSchema());
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
