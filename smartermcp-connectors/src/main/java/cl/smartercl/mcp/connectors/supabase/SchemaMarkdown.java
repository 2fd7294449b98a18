package cl.smartercl.mcp.connectors.supabase;

import java.util.List;

import cl.smartercl.mcp.core.tools.documentation.DocsSchemas;

/** The markdown rendering of one page of {@code docs_schemas}. */
final class SchemaMarkdown {

	private SchemaMarkdown() {
	}

	static String render(String schema, String source, List<DocsSchemas.Table> tables, int page, int pageSize,
			int total) {
		StringBuilder md = new StringBuilder();
		md.append("# Schema `").append(schema).append("`\n\n");
		if (total == 0) {
			md.append("The schema has no tables or views.\n");
			return md.toString();
		}
		long first = (long) (page - 1) * pageSize + 1;
		long last = first + tables.size() - 1;
		if (tables.isEmpty()) {
			md.append("Page ")
				.append(page)
				.append(" is past the end: the schema has ")
				.append(total)
				.append(" tables and views.\n");
			return md.toString();
		}
		md.append("Tables and views ")
			.append(first)
			.append("–")
			.append(last)
			.append(" of ")
			.append(total)
			.append(" (page ")
			.append(page)
			.append(").");
		if ("postgrest".equals(source)) {
			md.append(" Read from the PostgREST OpenAPI: it shows what the API key's role may reach and has no "
					+ "indexes, row-level security or row estimates.");
		}
		md.append("\n");
		for (DocsSchemas.Table table : tables) {
			renderTable(md, table);
		}
		return md.toString();
	}

	private static void renderTable(StringBuilder md, DocsSchemas.Table table) {
		md.append("\n## ")
			.append(table.kind() == null ? "relation" : table.kind().replace('_', ' '))
			.append(" `")
			.append(table.name())
			.append("`\n\n");
		if (table.comment() != null) {
			md.append(table.comment().strip()).append("\n\n");
		}
		StringBuilder facts = new StringBuilder();
		if (table.rowEstimate() != null) {
			facts.append("about ").append(table.rowEstimate()).append(" rows");
		}
		if (table.rlsEnabled() != null) {
			facts.append(facts.isEmpty() ? "" : "; ")
				.append(table.rlsEnabled() ? "row-level security enabled" : "row-level security disabled");
		}
		if (!facts.isEmpty()) {
			md.append(Character.toUpperCase(facts.charAt(0))).append(facts.substring(1)).append(".\n\n");
		}
		md.append("| column | type | nullable | default | comment |\n|---|---|---|---|---|\n");
		for (DocsSchemas.Column column : table.columns()) {
			md.append("| ")
				.append(cell(column.name()))
				.append(" | ")
				.append(cell(column.type()))
				.append(" | ")
				.append(column.nullable() ? "yes" : "no")
				.append(" | ")
				.append(cell(column.defaultValue()))
				.append(" | ")
				.append(cell(column.comment()))
				.append(" |\n");
		}
		if (!table.primaryKey().isEmpty()) {
			md.append("\nPrimary key: ").append(String.join(", ", table.primaryKey())).append("\n");
		}
		if (!table.foreignKeys().isEmpty()) {
			md.append("\nForeign keys:\n");
			for (DocsSchemas.ForeignKey fk : table.foreignKeys()) {
				md.append("- ")
					.append(fk.name() == null ? "" : "`" + fk.name() + "`: ")
					.append(String.join(", ", fk.columns()))
					.append(" → ")
					.append(fk.referencedTable())
					.append("(")
					.append(String.join(", ", fk.referencedColumns()))
					.append(")")
					.append(fk.onDelete() == null ? "" : ", on delete " + fk.onDelete().toLowerCase())
					.append("\n");
			}
		}
		if (!table.indexes().isEmpty()) {
			md.append("\nIndexes:\n");
			for (DocsSchemas.Index index : table.indexes()) {
				md.append("- `")
					.append(index.name())
					.append("`")
					.append(index.primary() ? " (primary)" : index.unique() ? " (unique)" : "")
					.append(": ")
					.append(index.definition())
					.append("\n");
			}
		}
		if (!table.policies().isEmpty()) {
			md.append("\nPolicies:\n");
			for (DocsSchemas.Policy policy : table.policies()) {
				md.append("- `")
					.append(policy.name())
					.append("` ")
					.append(policy.command())
					.append(", ")
					.append(policy.permissive() ? "permissive" : "restrictive")
					.append(", to ")
					.append(String.join(", ", policy.roles()));
				if (policy.using() != null) {
					md.append("; using (").append(policy.using()).append(")");
				}
				if (policy.withCheck() != null) {
					md.append("; with check (").append(policy.withCheck()).append(")");
				}
				md.append("\n");
			}
		}
	}

	private static String cell(String value) {
		if (value == null) {
			return "";
		}
		return value.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
	}

}
