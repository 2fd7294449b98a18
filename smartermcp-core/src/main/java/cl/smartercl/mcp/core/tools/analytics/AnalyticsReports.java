package cl.smartercl.mcp.core.tools.analytics;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Contract of {@code analytics_reports}. */
public final class AnalyticsReports {

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

	public record Input(@JsonProperty(required = true) @JsonPropertyDescription("A saved question's name or id, or a read-only SQL SELECT.") String query,
			@JsonPropertyDescription("json (rows), csv or markdown (text); default json.") Format format) {

		public Input {
			format = (format == null) ? Format.JSON : format;
		}

	}

	public record Output(@JsonPropertyDescription("The saved question used, or 'sql'.") String source, Format format,
			List<String> columns, @JsonPropertyDescription("Rows, for json.") List<List<Object>> rows,
			@JsonPropertyDescription("The rendered table, for csv and markdown.") String text, int rowCount,
			@JsonPropertyDescription("True when the backend capped the rows.") boolean truncated) {
	}

}
