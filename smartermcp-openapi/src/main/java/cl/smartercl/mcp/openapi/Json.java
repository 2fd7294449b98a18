package cl.smartercl.mcp.openapi;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import cl.smartercl.mcp.core.schema.ToolJson;

/** Small builders that keep the document code readable. */
final class Json {

	private Json() {
	}

	static ObjectNode object() {
		return ToolJson.mapper().createObjectNode();
	}

	static ArrayNode strings(String... values) {
		ArrayNode array = ToolJson.mapper().createArrayNode();
		for (String value : values) {
			array.add(value);
		}
		return array;
	}

	static ObjectNode string(String description) {
		return typed("string", description);
	}

	static ObjectNode integer(String description) {
		return typed("integer", description);
	}

	static ObjectNode dateTime(String description) {
		return typed("string", description).put("format", "date-time");
	}

	static ObjectNode stringArray(String description) {
		ObjectNode schema = typed("array", description);
		schema.putObject("items").put("type", "string");
		return schema;
	}

	static ObjectNode arrayOf(String component) {
		ObjectNode schema = object();
		schema.put("type", "array");
		schema.set("items", ComponentSchemas.ref(component));
		return schema;
	}

	static ObjectNode enumOf(String description, String... values) {
		ObjectNode schema = string(description);
		schema.set("enum", strings(values));
		return schema;
	}

	/**
	 * An object schema that forbids undeclared members, like the tool records' schemas.
	 */
	static ObjectNode closedObject(String description) {
		ObjectNode schema = typed("object", description);
		schema.putObject("properties");
		schema.put("additionalProperties", false);
		return schema;
	}

	private static ObjectNode typed(String type, String description) {
		ObjectNode schema = object();
		schema.put("type", type);
		if (description != null) {
			schema.put("description", description);
		}
		return schema;
	}

}
