package cl.smartercl.mcp.server.mcp;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import tools.jackson.databind.JsonNode;

import cl.smartercl.mcp.core.schema.ToolJson;

/**
 * The MCP servers' check of a tool's structured content against its output schema, as the
 * SDK's own validator does it (JSON Schema 2020-12, networknt), without its per-call
 * costs: the SDK's validator finds the compiled schema by a key computed from the whole
 * schema {@code Map} on every call, converts the structured content into a new tree, and
 * renders it as a string that is used only when a result has no content. Here a schema is
 * compiled once per schema object (the SDK hands each tool's own {@code Map} on every
 * call), structured content that is already a {@link JsonNode} (what
 * {@link McpToolSpecifications} gives) is validated as it is, and no string is rendered:
 * every SmarterMCP result carries content, so the SDK never needs it.
 */
final class OutputSchemaValidator implements JsonSchemaValidator {

	/**
	 * Far above the catalog's tools: beyond it schemas are compiled per call, never held.
	 */
	private static final int MAX_CACHED = 256;

	private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(Dialects.getDraft202012());

	private final Map<SchemaObject, Schema> compiled = new ConcurrentHashMap<>();

	@Override
	public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
		if (schema == null) {
			throw new IllegalArgumentException("the output schema is missing");
		}
		if (structuredContent == null) {
			throw new IllegalArgumentException("the structured content is missing");
		}
		try {
			JsonNode content = (structuredContent instanceof JsonNode node) ? node
					: (structuredContent instanceof String text) ? ToolJson.mapper().readTree(text)
							: ToolJson.mapper().valueToTree(structuredContent);
			List<Error> errors = schema(schema).validate(content);
			return errors.isEmpty() ? ValidationResponse.asValid(null)
					: ValidationResponse
						.asInvalid("Validation failed: structuredContent does not match tool outputSchema. "
								+ "Validation errors: " + errors);
		}
		catch (RuntimeException ex) {
			return ValidationResponse.asInvalid("Error parsing tool JSON Schema: " + ex.getMessage());
		}
	}

	private Schema schema(Map<String, Object> schema) {
		SchemaObject key = new SchemaObject(schema);
		Schema known = this.compiled.get(key);
		if (known != null) {
			return known;
		}
		Schema made = this.registry.getSchema(ToolJson.mapper().<JsonNode>valueToTree(schema));
		if (this.compiled.size() < MAX_CACHED) {
			this.compiled.putIfAbsent(key, made);
		}
		return made;
	}

	/** Number of schemas compiled and kept (for tests). */
	int cached() {
		return this.compiled.size();
	}

	/** A schema {@code Map} by identity: no hashing of its content on every call. */
	private record SchemaObject(Map<String, Object> schema) {

		@Override
		public boolean equals(Object other) {
			return other instanceof SchemaObject that && that.schema == this.schema;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(this.schema);
		}

	}

}
