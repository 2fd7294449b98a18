package cl.smartercl.mcp.core.tool;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

import tools.jackson.databind.JsonNode;

import cl.smartercl.mcp.core.schema.ToolSchemas;

/**
 * {@code docs/tools.md}: the reference of every tool, rendered from the catalog and the
 * input schemas derived from the records (so bounds and defaults are the ones the server
 * enforces). Committed, and checked against the catalog by a drift test.
 */
public final class ToolsReference {

	/** How to regenerate the committed file after a contract change. */
	public static final String REGENERATE = "mvn -B -o -q test -pl smartermcp-core -Dtest=ToolsReferenceDriftTests "
			+ "-Dsurefire.failIfNoSpecifiedTests=false -Dtoolsdoc.update=true";

	private ToolsReference() {
	}

	public static String render(Catalog catalog) {
		StringBuilder out = new StringBuilder();
		out.append("# Tools\n\n");
		out.append("<!-- Generated from the tool catalog (ToolsReference); do not edit. Regenerate with:\n     ")
			.append(REGENERATE)
			.append(" -->\n\n");
		out.append("Every tool SmarterMCP serves, over MCP (`tools/list`, `tools/call`) and REST (`GET /tools`, ")
			.append("`POST /tools/{name}`). A token sees and calls the tools its scopes allow; a `write:*` scope ")
			.append("implies its `read:*`. Arguments are JSON; an argument not listed is refused.\n\n");
		out.append("| tool | category | scope | backend | hints |\n|---|---|---|---|---|\n");
		for (ToolDefinition<?, ?> tool : catalog.tools()) {
			out.append("| [`")
				.append(tool.name())
				.append("`](#")
				.append(tool.name())
				.append(") | ")
				.append(tool.category().value())
				.append(" | `")
				.append(tool.scope().value())
				.append("` | ")
				.append(tool.backend())
				.append(" | ")
				.append(hints(tool.hints()))
				.append(" |\n");
		}
		for (Category category : Category.values()) {
			List<ToolDefinition<?, ?>> tools = catalog.tools()
				.stream()
				.filter((t) -> t.category() == category)
				.toList();
			if (tools.isEmpty()) {
				continue;
			}
			out.append("\n## ").append(category.value()).append("\n");
			for (ToolDefinition<?, ?> tool : tools) {
				tool(out, tool);
			}
		}
		return out.toString();
	}

	private static void tool(StringBuilder out, ToolDefinition<?, ?> tool) {
		out.append("\n### ").append(tool.name()).append("\n\n");
		out.append(tool.description()).append("\n\n");
		out.append("Scope `")
			.append(tool.scope().value())
			.append("` · backend ")
			.append(tool.backend())
			.append(" · ")
			.append(hints(tool.hints()))
			.append("\n\n");
		JsonNode schema = ToolSchemas.schemaOf(tool.inputType());
		List<String> rows = new ArrayList<>();
		arguments(rows, "", schema);
		if (rows.isEmpty()) {
			out.append("No arguments.\n");
			return;
		}
		out.append("| argument | type | required | bounds | default | description |\n|---|---|---|---|---|---|\n");
		rows.forEach(out::append);
	}

	private static void arguments(List<String> rows, String prefix, JsonNode object) {
		Set<String> required = new HashSet<>();
		object.path("required").forEach((name) -> required.add(name.asString()));
		for (String name : object.path("properties").propertyNames()) {
			JsonNode property = object.path("properties").path(name);
			rows.add("| `" + prefix + name + "` | " + type(property) + " | " + (required.contains(name) ? "yes" : "no")
					+ " | " + bounds(property) + " | " + defaultValue(property) + " | "
					+ cell(property.path("description").asString("")) + " |\n");
			if (property.has("properties")) {
				arguments(rows, prefix + name + ".", property);
			}
		}
	}

	private static String type(JsonNode property) {
		if (property.has("enum")) {
			StringJoiner values = new StringJoiner(", ");
			property.path("enum").forEach((value) -> values.add("`" + value.asString() + "`"));
			return "one of " + values;
		}
		JsonNode type = property.path("type");
		String text = type.isArray() ? join(type) : type.asString("any");
		if ("array".equals(text)) {
			return "array of " + type(property.path("items"));
		}
		if ("object".equals(text) && !property.has("properties")) {
			return "object (free-form)";
		}
		return text;
	}

	private static String join(JsonNode types) {
		StringJoiner joined = new StringJoiner(" or ");
		types.forEach((t) -> joined.add(t.asString()));
		return joined.toString();
	}

	private static String bounds(JsonNode property) {
		StringJoiner bounds = new StringJoiner(", ");
		bound(bounds, property, "minimum", "≥ ");
		bound(bounds, property, "exclusiveMinimum", "> ");
		bound(bounds, property, "maximum", "≤ ");
		bound(bounds, property, "exclusiveMaximum", "< ");
		bound(bounds, property, "minLength", "length ≥ ");
		bound(bounds, property, "maxLength", "length ≤ ");
		bound(bounds, property, "minItems", "items ≥ ");
		bound(bounds, property, "maxItems", "items ≤ ");
		if (property.has("pattern")) {
			bounds.add("pattern `" + property.path("pattern").asString() + "`");
		}
		return (bounds.length() == 0) ? "" : cell(bounds.toString());
	}

	private static void bound(StringJoiner bounds, JsonNode property, String keyword, String label) {
		if (property.has(keyword)) {
			bounds.add(label + property.path(keyword).toString());
		}
	}

	private static String defaultValue(JsonNode property) {
		return property.has("default") ? "`" + cell(property.path("default").toString()) + "`" : "";
	}

	private static String hints(ToolHints hints) {
		StringJoiner joined = new StringJoiner(", ");
		joined.add(hints.readOnly() ? "read-only" : "writes");
		if (hints.destructive()) {
			joined.add("destructive");
		}
		if (hints.idempotent()) {
			joined.add("idempotent");
		}
		if (hints.openWorld()) {
			joined.add("open world");
		}
		return joined.toString();
	}

	/** Text safe in a Markdown table cell: one line, pipes escaped. */
	private static String cell(String text) {
		return text.replace("\r", " ").replace("\n", " ").replace("|", "\\|");
	}

}
