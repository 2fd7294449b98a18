package cl.smartercl.mcp.core.tools.crm;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import cl.smartercl.mcp.core.error.InvalidArgumentsException;
import cl.smartercl.mcp.core.tools.common.Paged;

/** Contract of {@code crm_opportunities_list}. */
public final class CrmOpportunitiesList {

	public static final int MAX_LIMIT = 500;

	public static final int DEFAULT_LIMIT = 50;

	private CrmOpportunitiesList() {
	}

	public record Input(
			@JsonPropertyDescription("Only opportunities in this pipeline stage (by name); default all stages.") String stage,
			@Min(1) @Max(MAX_LIMIT) @JsonProperty(defaultValue = ""
					+ DEFAULT_LIMIT) @JsonPropertyDescription("Opportunities per page, 1 to 500; default 50.") Integer limit,
			@JsonPropertyDescription(Paged.CURSOR) String cursor) implements Paged {

		public Input {
			limit = Paged.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
			if (stage != null && stage.isBlank()) {
				throw new InvalidArgumentsException("stage", "must not be blank; leave it out for every stage");
			}
			stage = (stage == null) ? null : stage.strip();
		}

	}

	public record Output(List<Opportunity> opportunities, int count,
			@JsonPropertyDescription("How many open opportunities match in all.") long total,
			@JsonPropertyDescription("True when more opportunities match than this page holds.") boolean truncated,
			@JsonPropertyDescription("Pass as cursor to get the next page; null on the last page.") String nextCursor) {
	}

	public record Opportunity(long id, String name, String stage, double expectedRevenue,
			@JsonPropertyDescription("Probability of winning, in percent.") double probability,
			@JsonPropertyDescription("The customer: contact or company name.") String contact, String email,
			String salesperson, @JsonPropertyDescription("Expected closing date.") LocalDate deadline) {
	}

}
