package cl.smartercl.mcp.server.audit;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import cl.smartercl.mcp.core.schema.ToolJson;

/**
 * A copy of a call's arguments fit for the audit trail: the value of every key that names a secret —
 * at any depth, in objects inside arrays too — is replaced by {@value #REDACTED}. Keys are compared
 * without case, {@code _} or {@code -}, so {@code api_key}, {@code apiKey} and {@code X-Api-Key} all
 * match. Over-redacting (a {@code max_tokens}) is the safe mistake.
 */
final class ArgumentRedactor {

	static final String REDACTED = "[redacted]";

	private static final List<String> SECRET_WORDS = List.of("password", "passwd", "pwd", "secret", "token",
			"apikey", "authorization", "auth", "credential", "privatekey", "cookie", "accesskey", "signature",
			"bearer", "session");

	private ArgumentRedactor() {
	}

	static JsonNode redact(JsonNode arguments) {
		if (arguments == null) {
			return ToolJson.mapper().createObjectNode();
		}
		return copy(arguments);
	}

	private static JsonNode copy(JsonNode node) {
		if (node.isObject()) {
			ObjectNode copy = ToolJson.mapper().createObjectNode();
			for (Map.Entry<String, JsonNode> field : node.properties()) {
				copy.set(field.getKey(), isSecret(field.getKey()) ? copy.stringNode(REDACTED) : copy(field.getValue()));
			}
			return copy;
		}
		if (node.isArray()) {
			ArrayNode copy = ToolJson.mapper().createArrayNode();
			node.forEach((element) -> copy.add(copy(element)));
			return copy;
		}
		return node;
	}

	static boolean isSecret(String key) {
		String normalized = key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(".", "");
		if (normalized.equals("author") || normalized.equals("authors")) {
			return false;
		}
		return SECRET_WORDS.stream().anyMatch(normalized::contains);
	}

}
