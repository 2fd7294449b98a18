package cl.smartercl.mcp.core.tools.analytics;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import cl.smartercl.mcp.core.tools.common.GeneratedFile;

/**
 * Contract of {@code analytics_reports}. A query is a saved question (id or exact name),
 * a read-only SQL statement, or a request in words: the SQL is then written by the
 * caller's model (MCP sampling) and returned beside the result; without sampling the
 * answer lists the saved questions that match best and never invents data.
 */
public final class AnalyticsReports {

	/** Metabase's cap on the rows of its JSON query endpoints. */
	public static final int MAX_ROWS = 2000;

	private AnalyticsReports() {
	}

	public enum Format {

		@JsonProperty("json")
		JSON,

		@JsonProperty("csv")
		CSV,

		@JsonProperty("markdown")
		MARKDOWN

	}

	/** Where the rows came from. */
	public enum Source {

		/** A saved question. */
		@JsonProperty("question")
		QUESTION,

		/**
		 * SQL: the caller's, or written by the caller's model from a request in words.
		 */
		@JsonProperty("sql")
		SQL,

		/**
		 * Nothing ran: the request was in words and no model could write SQL; see
		 * suggestions.
		 */
		@JsonProperty("suggestions")
		SUGGESTIONS

	}

	public record Input(@JsonProperty(
			required = true) @JsonPropertyDescription("A saved question's id or exact name, a read-only SQL SELECT, or a request in words such as 'top 10 customers by revenue this month'.") String query,
			@JsonProperty(
					defaultValue = "json") @JsonPropertyDescription("json (rows), markdown (a table) or csv (a file with every row); default json.") Format format,
			@JsonPropertyDescription("At most this many rows for json and markdown, 1 to 2000; default 2000.") Integer limit) {

		public Input {
			format = (format == null) ? Format.JSON : format;
		}

	}

	public record Output(Source source,
			@JsonPropertyDescription("The saved question that ran, for source question.") AnalyticsKpis.Question question,
			@JsonPropertyDescription("The SQL that ran, for source sql.") String sql, Format format,
			List<Column> columns,
			@JsonPropertyDescription("The rows (cell values in column order), for json.") List<List<Object>> rows,
			@JsonPropertyDescription("The markdown table, for markdown.") String text,
			@JsonPropertyDescription("The CSV export, for csv: one file.") List<GeneratedFile> files,
			@JsonPropertyDescription("Rows returned (data rows of the CSV for csv).") int rowCount,
			@JsonPropertyDescription("Rows the query produced, when known.") Long total,
			@JsonPropertyDescription("True when rows were cut: Metabase's 2,000-row cap or the limit.") boolean truncated,
			@JsonPropertyDescription("For source suggestions: saved questions that may answer the request, best first.") List<Suggestion> suggestions,
			@JsonPropertyDescription("Anything the caller should know about this answer.") String note) {
	}

	public record Column(String name, String displayName,
			@JsonPropertyDescription("Metabase's base type, e.g. type/Integer, type/Date.") String type) {
	}

	public record Suggestion(long id, String name, String description,
			@JsonPropertyDescription("Why it matches: the words it shares with the request.") String why) {
	}

}
