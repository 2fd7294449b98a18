package cl.smartercl.mcp.core.tools.crm;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Contract of {@code crm_opportunities_list}. */
public final class CrmOpportunitiesList {

	private CrmOpportunitiesList() {
	}

	public record Input(@JsonPropertyDescription("Only opportunities in this pipeline stage (by name); default all stages.") String stage) {
	}

	public record Output(List<Opportunity> opportunities, int count) {
	}

	public record Opportunity(long id, String name, String stage, double expectedRevenue,
			@JsonPropertyDescription("Probability of winning, in percent.") double probability, String contact,
			String email, String salesperson, LocalDate deadline) {
	}

}
