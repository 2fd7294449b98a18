package cl.smartercl.mcp.core.tools.workflows;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Contract of {@code workflows_trigger}. */
public final class WorkflowsTrigger {

	private WorkflowsTrigger() {
	}

	/**
	 * @param inputData free-form: passed to the workflow's webhook as its JSON body (or
	 * query for GET)
	 */
	public record Input(
			@JsonProperty(
					required = true) @JsonPropertyDescription("Workflow id from workflows_list.") String workflowId,
			@JsonPropertyDescription("Free-form JSON object sent to the workflow's webhook trigger.") Map<String, Object> inputData) {
	}

	public record Output(String workflowId, @JsonPropertyDescription("Use with workflows_status.") String executionId,
			@JsonPropertyDescription("Execution status when known at return: running, success, error, ...") String status,
			Instant startedAt,
			@JsonPropertyDescription("What the webhook answered, when it answered JSON.") Object response) {
	}

}
