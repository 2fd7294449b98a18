package cl.smartercl.mcp.core.schema;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text a client reads, kept in the tool's own terms: Java and library type names (as
 * Jackson, the JDK or the MCP SDK print them in their messages) become the JSON type they
 * stand for, and member references such as
 * {@code StreamReadConstraints.getMaxNestingDepth()} are dropped (issue 15 #8).
 */
public final class ClientText {

	private static final Pattern QUALIFIED = Pattern.compile(
			"`?\\b(?:java|javax|jdk|sun|tools\\.jackson|com\\.fasterxml|io\\.modelcontextprotocol|org\\.springframework"
					+ "|reactor|io\\.netty|io\\.r2dbc|org\\.postgresql|org\\.h2|cl\\.smartercl|io\\.github)"
					+ "(?:\\.[A-Za-z_$][\\w$]*+)++(?:\\[\\])?`?");

	// possessive quantifiers and no leading \\s*: linear on any input (a run of 50,000
	// tabs in an echoed
	// argument made a backtracking pattern hold an event loop for seconds)
	private static final Pattern INNER = Pattern.compile("`?\\b[A-Z]\\w*+(?:\\$[A-Z]\\w*+)++`?");

	private static final Pattern MEMBER = Pattern
		.compile(",? ?from `?[A-Z]\\w*+\\.\\w++\\(\\)`?|`?\\b[A-Z]\\w*+\\.[a-z]\\w*+\\(\\)`?");

	/** Longer client text is cut: a message echoing a huge argument helps no one. */
	static final int MAX_CHARS = 2_000;

	private ClientText() {
	}

	public static String sanitize(String text) {
		if (text == null) {
			return null;
		}
		String result = (text.length() > MAX_CHARS) ? text.substring(0, MAX_CHARS) + "…" : text;
		result = replace(QUALIFIED, result);
		result = replace(INNER, result);
		result = MEMBER.matcher(result).replaceAll("");
		return result;
	}

	private static String replace(Pattern pattern, String text) {
		Matcher matcher = pattern.matcher(text);
		StringBuilder out = new StringBuilder();
		while (matcher.find()) {
			matcher.appendReplacement(out, Matcher.quoteReplacement(jsonType(matcher.group())));
		}
		matcher.appendTail(out);
		return out.toString();
	}

	private static String jsonType(String javaType) {
		String name = javaType.replace("`", "");
		String simple = name.substring(Math.max(name.lastIndexOf('.'), name.lastIndexOf('$')) + 1);
		return switch (simple) {
			case "String", "Character", "char", "UUID", "Instant", "URI" -> "string";
			case "Integer", "Long", "Short", "Byte", "BigInteger", "int", "long", "short" -> "integer";
			case "Double", "Float", "BigDecimal", "Number" -> "number";
			case "Boolean", "boolean" -> "boolean";
			case "List", "Set", "Collection", "ArrayList" -> "array";
			default -> name.endsWith("[]") ? "array" : "value";
		};
	}

}
