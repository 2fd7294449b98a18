package cl.smartercl.mcp.core.tools.crm;

import java.util.List;

/** Contract of {@code crm_pipeline_status}. */
public final class CrmPipelineStatus {

	private CrmPipelineStatus() {
	}

	public record Input() {
	}

	public record Output(List<Stage> stages, long totalCount, double totalExpectedRevenue, String currency) {
	}

	public record Stage(String name, long count, double expectedRevenue) {
	}

}
