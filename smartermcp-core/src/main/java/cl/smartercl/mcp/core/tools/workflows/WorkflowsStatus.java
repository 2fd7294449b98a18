package cl.smartercl.mcp.core.tools.workflows;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Contract of {@code workflows_status}. */
public final class WorkflowsStatus {

	private WorkflowsStatus() {
	}

	public record Input(@JsonProperty(
			required = true) @JsonPropertyDescription("Execution id from workflows_trigger.") String executionId) {
	}

	public record Output(String executionId, String workflowId,
			@JsonPropertyDescription("new, running, waiting, success, error, crashed, canceled or unknown.") String status,
			@JsonPropertyDescription("How it was started: webhook, trigger, manual, ...") String mode,
			Instant startedAt, Instant stoppedAt, Long durationMs,
			@JsonPropertyDescription("The node that failed, when the execution failed.") String failedNode,
			@JsonPropertyDescription("The error message, when the execution failed.") String errorMessage) {
	}

}
