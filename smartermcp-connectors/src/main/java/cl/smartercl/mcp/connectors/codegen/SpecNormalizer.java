package cl.smartercl.mcp.connectors.codegen;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import cl.smartercl.mcp.core.error.BackendException;

/**
 * Prepares a live API description for openapi-generator. Schemas that are nothing but a
 * {@code $ref} to another schema are folded into their target: n8n 1.x declares both
 * {@code Workflow: {$ref: workflow}} and {@code workflow}, two names that become the same
 * class name, and openapi-generator then drops the class as "unused" and emits imports of
 * a file that is never written. An alias carries nothing a client needs.
 */
final class SpecNormalizer {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final YAMLMapper YAML = YAMLMapper.builder().build();

	private SpecNormalizer() {
	}

	/** The description as JSON, aliases folded. */
	static String normalize(String serviceId, String text) {
		JsonNode document;
		try {
			String trimmed = text.stripLeading();
			document = trimmed.startsWith("{") ? JSON.readTree(trimmed) : YAML.readTree(trimmed);
		}
		catch (JacksonException ex) {
			throw new BackendException(serviceId, "its API description is neither JSON nor YAML");
		}
		if (document == null || !document.isObject()) {
			throw new BackendException(serviceId, "its API description is not an object");
		}
		boolean swagger2 = document.has("swagger");
		String prefix = swagger2 ? "#/definitions/" : "#/components/schemas/";
		JsonNode schemas = swagger2 ? document.path("definitions") : document.path("components").path("schemas");
		if (schemas instanceof ObjectNode schemaNodes) {
			Map<String, String> aliases = aliases(schemaNodes, prefix);
			if (!aliases.isEmpty()) {
				aliases.keySet().forEach(schemaNodes::remove);
				retarget(document, aliases, prefix);
			}
		}
		return JSON.writeValueAsString(document);
	}

	/** alias name → final target name, following chains and ignoring cycles. */
	private static Map<String, String> aliases(ObjectNode schemas, String prefix) {
		Map<String, String> direct = new HashMap<>();
		for (Map.Entry<String, JsonNode> entry : schemas.properties()) {
			JsonNode schema = entry.getValue();
			JsonNode ref = schema.get("$ref");
			if (schema.isObject() && schema.size() == 1 && ref != null && ref.isString()
					&& ref.asString().startsWith(prefix)) {
				direct.put(entry.getKey(), ref.asString().substring(prefix.length()));
			}
		}
		Map<String, String> resolved = new HashMap<>();
		for (String alias : direct.keySet()) {
			String target = alias;
			Set<String> seen = new HashSet<>();
			while (direct.containsKey(target) && seen.add(target)) {
				target = direct.get(target);
			}
			if (!direct.containsKey(target) && schemas.has(target)) {
				resolved.put(alias, target);
			}
		}
		return resolved;
	}

	private static void retarget(JsonNode node, Map<String, String> aliases, String prefix) {
		if (node instanceof ObjectNode object) {
			JsonNode ref = object.get("$ref");
			if (ref != null && ref.isString() && ref.asString().startsWith(prefix)) {
				String target = aliases.get(ref.asString().substring(prefix.length()));
				if (target != null) {
					object.set("$ref", StringNode.valueOf(prefix + target));
				}
			}
			object.values().forEach((child) -> retarget(child, aliases, prefix));
		}
		else if (node.isArray()) {
			node.values().forEach((child) -> retarget(child, aliases, prefix));
		}
	}

}
