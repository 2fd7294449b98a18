package cl.smartercl.mcp.core.tools.documentation;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import cl.smartercl.mcp.core.error.InvalidArgumentsException;
import cl.smartercl.mcp.core.tools.common.Bounds;

/** Contract of {@code docs_schemas}. */
public final class DocsSchemas {

	public static final int MAX_PAGE_SIZE = 200;

	public static final int DEFAULT_PAGE_SIZE = 50;

	private DocsSchemas() {
	}

	/**
	 * The schema to describe, named {@code schema}; {@code database} is the same argument
	 * under the name the design's catalog gives it ({@code docs_schemas(database)}),
	 * accepted so that either reads naturally. The output says which one was used.
	 */
	public record Input(
			@JsonPropertyDescription("The database schema to describe, e.g. public (the same as schema; give one of the two).") String database,
			@JsonPropertyDescription("The database schema to describe, e.g. public (the same as database; give one of the two).") String schema,
			@Min(1) @JsonProperty(
					defaultValue = "1") @JsonPropertyDescription("Page of tables, from 1; default 1.") Integer page,
			@Min(1) @Max(MAX_PAGE_SIZE) @JsonProperty(defaultValue = ""
					+ DEFAULT_PAGE_SIZE) @JsonPropertyDescription("Tables per page, 1 to 200; default 50.") Integer pageSize) {

		public Input {
			if (database == null && schema == null) {
				throw new InvalidArgumentsException("schema",
						"required argument is missing: name the schema to describe as schema (or database), e.g. public");
			}
			if (database != null && schema != null && !database.equals(schema)) {
				throw new InvalidArgumentsException("database", "names schema '" + database + "' but schema names '"
						+ schema + "': they are the same argument, give one");
			}
			String name = (schema != null) ? schema : database;
			String argument = (schema != null) ? "schema" : "database";
			// a schema name is a PostgreSQL identifier: at most 63 bytes, and no NUL or
			// other control
			// character ever reaches the database (PostgreSQL refuses a NUL with SQLSTATE
			// 22021)
			if (name.isBlank() || name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 63
					|| name.chars().anyMatch(Character::isISOControl)) {
				throw new InvalidArgumentsException(argument,
						"must be a schema name of 1 to 63 bytes without control characters, such as public");
			}
			page = Bounds.within("page", page, 1, 1, Integer.MAX_VALUE);
			pageSize = Bounds.within("page_size", pageSize, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
		}

		/** The schema given as {@code schema}. */
		public Input(String schema, Integer page, Integer pageSize) {
			this(null, schema, page, pageSize);
		}

		/** The schema to describe, whichever argument named it. */
		public String schemaName() {
			return (this.schema != null) ? this.schema : this.database;
		}

		/** {@code schema} or {@code database}: the argument that named the schema. */
		public String namedBy() {
			return (this.schema != null) ? "schema" : "database";
		}

	}

	public record Output(
			@JsonPropertyDescription("The schema described (the name is kept for callers of the database argument).") String database,
			@JsonPropertyDescription("The schema described.") String schema,
			@JsonPropertyDescription("Which argument named it: schema or database.") String namedBy,
			@JsonPropertyDescription("catalog (read from PostgreSQL's own catalog) or postgrest (the PostgREST OpenAPI, which has no indexes, row-level security, policies or row estimates).") String source,
			List<Table> tables, int page, int totalTables, Integer nextPage,
			@JsonPropertyDescription("The same description, rendered as markdown.") String markdown) {
	}

	public record Table(String name,
			@JsonPropertyDescription("table, view, materialized_view or foreign_table.") String kind, String comment,
			@JsonPropertyDescription("The planner's row estimate, absent when never analysed.") Long rowEstimate,
			@JsonPropertyDescription("Whether row-level security is enabled; absent when the source cannot tell.") Boolean rlsEnabled,
			List<Column> columns, List<String> primaryKey, List<ForeignKey> foreignKeys, List<Index> indexes,
			List<Policy> policies) {
	}

	public record Column(String name, String type, boolean nullable, String defaultValue, String comment) {
	}

	public record ForeignKey(String name, List<String> columns, String referencedTable, List<String> referencedColumns,
			String onDelete) {
	}

	public record Index(String name, boolean unique, boolean primary, String definition) {
	}

	public record Policy(String name, @JsonPropertyDescription("ALL, SELECT, INSERT, UPDATE or DELETE.") String command,
			boolean permissive, List<String> roles, String using, String withCheck) {
	}

}
