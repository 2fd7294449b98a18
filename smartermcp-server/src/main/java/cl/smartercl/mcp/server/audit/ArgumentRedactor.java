package cl.smartercl.mcp.server.audit;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import cl.smartercl.mcp.core.schema.ToolJson;

/**
 * A copy of a call's arguments fit for the audit trail: the value of every key that names
 * a secret — at any depth, in objects inside arrays too — is replaced by
 * {@value #REDACTED}.
 * <p>
 * The rule (docs/operations.md, "Audit"): a key is lower-cased and stripped of everything
 * but letters and digits; it names a secret when it CONTAINS one of the stems
 * {@link #SECRET_STEMS} — so {@code api_key}, {@code X-Api-Key}, {@code passphrase},
 * {@code PIN}, {@code creds}, {@code x-auth-token} all match — except the words
 * {@code author} and {@code authors}. A stem, not a list of whole names: over-redacting
 * ({@code max_tokens}, {@code shipping}) is the safe mistake.
 */
final class ArgumentRedactor {

	static final String REDACTED = "[redacted]";

	static final List<String> SECRET_STEMS = List.of("secret", "token", "pass", "pwd", "key", "pin", "cred", "auth",
			"cookie", "signature", "bearer", "session", "private", "otp", "cvv");

	private ArgumentRedactor() {
	}

	static JsonNode redact(JsonNode arguments) {
		if (arguments == null) {
			return ToolJson.mapper().createObjectNode();
		}
		// most calls name no secret: their arguments are stored as given, without a copy
		// of the tree
		return holdsSecret(arguments) ? copy(arguments) : arguments;
	}

	private static boolean holdsSecret(JsonNode node) {
		if (node.isObject()) {
			for (Map.Entry<String, JsonNode> field : node.properties()) {
				if (isSecret(field.getKey()) || holdsSecret(field.getValue())) {
					return true;
				}
			}
			return false;
		}
		if (node.isArray()) {
			for (JsonNode element : node) {
				if (holdsSecret(element)) {
					return true;
				}
			}
		}
		return false;
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
		String normalized = normalize(key);
		if (normalized.equals("author") || normalized.equals("authors")) {
			return false;
		}
		for (String stem : SECRET_STEMS) {
			if (normalized.contains(stem)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Lower-cased, then only letters and digits kept: what
	 * {@code replaceAll("[^\\p{L}\\p{N}]", "")} kept, without compiling a pattern for
	 * every key of every call.
	 */
	static String normalize(String key) {
		String lower = key.toLowerCase(Locale.ROOT);
		StringBuilder kept = null;
		for (int i = 0; i < lower.length();) {
			int codePoint = lower.codePointAt(i);
			int width = Character.charCount(codePoint);
			if (!isLetterOrNumber(codePoint)) {
				if (kept == null) {
					kept = new StringBuilder(lower.length()).append(lower, 0, i);
				}
			}
			else if (kept != null) {
				kept.appendCodePoint(codePoint);
			}
			i += width;
		}
		return (kept == null) ? lower : kept.toString();
	}

	// \p{L} is every letter category, \p{N} every number category (Nd, Nl, No)
	private static boolean isLetterOrNumber(int codePoint) {
		if (Character.isLetter(codePoint)) {
			return true;
		}
		int type = Character.getType(codePoint);
		return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
				|| type == Character.OTHER_NUMBER;
	}

}
