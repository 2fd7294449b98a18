package cl.smartercl.mcp.core.tools.workflows;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Contract of {@code workflows_list}. */
public final class WorkflowsList {

	private WorkflowsList() {
	}

	public record Input(
			@JsonPropertyDescription("Only active (true) or inactive (false) workflows; default both.") Boolean active,
			@JsonPropertyDescription("Only workflows carrying all of these tag names.") List<String> tags) {

		public Input {
			tags = (tags == null) ? List.of() : List.copyOf(tags);
		}

	}

	public record Output(List<Workflow> workflows, int count,
			@JsonPropertyDescription("True when more workflows exist than were listed.") boolean truncated) {
	}

	public record Workflow(String id, String name, boolean active, List<String> tags,
			@JsonPropertyDescription("How the workflow starts: webhook, schedule, manual, or the trigger node type.") List<String> triggers,
			Instant updatedAt) {
	}

}
