package cl.smartercl.mcp.connectors.metabase;

import java.util.Locale;
import java.util.StringJoiner;

import tools.jackson.databind.JsonNode;

/**
 * The sampling path of {@code analytics_reports}: what the client's model is told (the
 * request, and the tables and columns of the tenant's database from {@code GET
 * /api/database/{id}/metadata}), and how its answer is read. What it writes runs only
 * after {@link ReadOnlySql#check}.
 */
final class SqlPrompt {

	static final int MAX_TOKENS = 1200;

	/**
	 * The schema text stops here: a model needs the tables, not every column of a huge
	 * warehouse.
	 */
	private static final int MAX_SCHEMA_CHARS = 24_000;

	static final String SYSTEM = """
			You translate a business question into SQL for a Metabase database.
			Answer with exactly ONE read-only SELECT statement and nothing else: no explanation, no markdown.
			Use only the tables and columns listed, in the database's SQL dialect.
			Never write INSERT, UPDATE, DELETE, DDL, or more than one statement.
			When the request asks for the top N of something, order accordingly and add LIMIT N.""";

	private SqlPrompt() {
	}

	static String userMessage(String request, JsonNode metadata) {
		StringBuilder schema = new StringBuilder();
		for (JsonNode table : metadata.path("tables")) {
			StringJoiner fields = new StringJoiner(", ", "(", ")");
			for (JsonNode field : table.path("fields")) {
				fields.add(field.path("name").asString("?") + " "
						+ field.path("database_type")
							.asString(field.path("base_type").asString(""))
							.toLowerCase(Locale.ROOT));
			}
			String schemaName = table.path("schema").asString("");
			String line = (schemaName.isEmpty() ? "" : schemaName + ".") + table.path("name").asString("?") + fields
					+ "\n";
			if (schema.length() + line.length() > MAX_SCHEMA_CHARS) {
				schema.append("(more tables left out)\n");
				break;
			}
			schema.append(line);
		}
		return "Database engine: " + metadata.path("engine").asString("unknown") + "\nTables:\n" + schema + "Request: "
				+ request.strip();
	}

	/**
	 * The SQL in the model's answer: the content of a code fence if there is one, else
	 * the whole text.
	 */
	static String sqlOf(String reply) {
		String text = (reply == null) ? "" : reply.strip();
		int fence = text.indexOf("```");
		if (fence >= 0) {
			int start = text.indexOf('\n', fence);
			int end = text.indexOf("```", fence + 3);
			if (start >= 0 && end > start) {
				return text.substring(start + 1, end).strip();
			}
		}
		return text;
	}

}
