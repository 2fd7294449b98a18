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
 * at any depth, in objects inside arrays too — is replaced by {@value #REDACTED}.
 * <p>
 * The rule (docs/operations.md, "Audit"): a key is lower-cased and stripped of everything but letters
 * and digits; it names a secret when it CONTAINS one of the stems {@link #SECRET_STEMS} — so
 * {@code api_key}, {@code X-Api-Key}, {@code passphrase}, {@code PIN}, {@code creds},
 * {@code x-auth-token} all match — except the words {@code author} and {@code authors}. A stem, not a
 * list of whole names: over-redacting ({@code max_tokens}, {@code shipping}) is the safe mistake.
 */
final class ArgumentRedactor {

	static final String REDACTED = "[redacted]";

	static final List<String> SECRET_STEMS = List.of("secret", "token", "pass", "pwd", "key", "pin", "cred",
			"auth", "cookie", "signature", "bearer", "session", "private", "otp", "cvv");

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
		String normalized = key.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
		if (normalized.equals("author") || normalized.equals("authors")) {
			return false;
		}
		return SECRET_STEMS.stream().anyMatch(normalized::contains);
	}

}
