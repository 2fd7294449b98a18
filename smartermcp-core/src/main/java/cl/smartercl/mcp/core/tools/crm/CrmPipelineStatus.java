package cl.smartercl.mcp.core.tools.crm;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Contract of {@code crm_pipeline_status}. */
public final class CrmPipelineStatus {

	private CrmPipelineStatus() {
	}

	public record Input() {
	}

	public record Output(
			@JsonPropertyDescription("Every pipeline stage in pipeline order, with its active opportunities.") List<Stage> stages,
			@JsonPropertyDescription("Open opportunities: active and not in a won stage.") long totalCount,
			@JsonPropertyDescription("Expected revenue of the open opportunities.") double totalExpectedRevenue,
			@JsonPropertyDescription("Opportunities in a won stage.") Totals won,
			@JsonPropertyDescription("Opportunities marked lost (archived).") Totals lost,
			@JsonPropertyDescription("ISO 4217 code of the amounts, e.g. USD.") String currency) {
	}

	public record Stage(String name, long count, double expectedRevenue,
			@JsonPropertyDescription("True for a stage that means the deal is won.") boolean won) {
	}

	public record Totals(long count, double expectedRevenue) {
	}

}
