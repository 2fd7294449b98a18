package cl.smartercl.mcp.core.tools.workflows;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Contract of {@code workflows_create}. */
public final class WorkflowsCreate {

	private WorkflowsCreate() {
	}

	/**
	 * @param workflowJson free-form: an n8n workflow export (nodes, connections,
	 * settings)
	 */
	public record Input(@JsonProperty(required = true) String name, @JsonProperty(
			required = true) @JsonPropertyDescription("The n8n workflow: an object with nodes, connections and optional settings, as exported by n8n or produced by generate_n8n_workflow.") Map<String, Object> workflowJson,
			@JsonPropertyDescription("Tag names to set; missing tags are created.") List<String> tags, @JsonProperty(
					defaultValue = "true") @JsonPropertyDescription("Activate after creating so it can be triggered at once; default true.") Boolean activate) {

		public Input {
			tags = (tags == null) ? List.of() : List.copyOf(tags);
			activate = (activate == null) || activate;
		}

	}

	public record Output(String id, String name, boolean active, List<String> tags,
			@JsonPropertyDescription("Production webhook URLs of the workflow's webhook triggers.") List<String> webhooks) {
	}

}
