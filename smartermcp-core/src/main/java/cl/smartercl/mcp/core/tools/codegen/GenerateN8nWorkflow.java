package cl.smartercl.mcp.core.tools.codegen;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import cl.smartercl.mcp.core.error.InvalidArgumentsException;

/** Contract of {@code generate_n8n_workflow}. */
public final class GenerateN8nWorkflow {

	private GenerateN8nWorkflow() {
	}

	public record Input(@JsonProperty(
			required = true) @JsonPropertyDescription("What the workflow should do, in plain words, e.g. 'every day at 2am back up the orders table to S3 and post to Slack'.") String description,
			@JsonPropertyDescription("Services the workflow may use, e.g. postgres, s3, slack.") List<String> services) {

		public Input {
			if (description != null && description.isBlank()) {
				throw new InvalidArgumentsException("description", "must not be blank");
			}
			services = (services == null) ? List.of() : List.copyOf(services);
		}

	}

	/**
	 * @param workflow free-form: an n8n workflow ready for {@code workflows_create}
	 */
	public record Output(String name,
			@JsonPropertyDescription("The n8n workflow (nodes, connections, settings), ready for workflows_create.") Map<String, Object> workflow,
			@JsonPropertyDescription("sampling (the client's model wrote it) or planner (SmarterMCP's own planner).") String source,
			@JsonPropertyDescription("Parts of the description that could not be mapped to nodes.") List<String> unmapped,
			List<String> notes) {
	}

}
