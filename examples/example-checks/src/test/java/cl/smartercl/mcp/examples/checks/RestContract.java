package cl.smartercl.mcp.examples.checks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The committed OpenAPI document, read the way a client would: tools, their tags and
 * input schemas.
 */
final class RestContract {

	static final Path EXAMPLES = Path.of("..").toAbsolutePath().normalize();

	private static final Path DOCUMENT = EXAMPLES
		.resolve("../smartermcp-openapi/src/main/resources/openapi/smartermcp.yaml")
		.normalize();

	private final JsonNode document;

	RestContract() {
		try {
			this.document = new ObjectMapper(new YAMLFactory()).readTree(DOCUMENT.toFile());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Tool name → its category (the operation's tag). */
	Map<String, String> toolCategories() {
		Map<String, String> tools = new TreeMap<>();
		for (Iterator<Map.Entry<String, JsonNode>> paths = this.document.path("paths").fields(); paths.hasNext();) {
			JsonNode post = paths.next().getValue().path("post");
			if (post.has("x-smartermcp-tool")) {
				tools.put(post.path("x-smartermcp-tool").asText(), post.path("tags").path(0).asText());
			}
		}
		return tools;
	}

	Set<String> categories() {
		return new TreeSet<>(toolCategories().values());
	}

	boolean isReadOnly(String tool) {
		return this.document.path("paths")
			.path("/tools/" + tool)
			.path("post")
			.path("x-smartermcp-annotations")
			.path("readOnlyHint")
			.asBoolean();
	}

	/** The property names the tool's input schema declares. */
	Set<String> inputProperties(String tool) {
		String ref = this.document.path("paths")
			.path("/tools/" + tool)
			.path("post")
			.path("requestBody")
			.path("content")
			.path("application/json")
			.path("schema")
			.path("$ref")
			.asText();
		JsonNode schema = this.document.path("components")
			.path("schemas")
			.path(ref.substring(ref.lastIndexOf('/') + 1));
		Set<String> names = new TreeSet<>();
		schema.path("properties").fieldNames().forEachRemaining(names::add);
		return names;
	}

}
