package cl.smartercl.mcp.connectors.n8n;

import java.util.List;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.node.ObjectNode;

/**
 * A workflow that passed {@link WorkflowValidator}: only what
 * {@code POST /api/v1/workflows} accepts (name, nodes, connections, settings,
 * staticData), read-only fields stripped.
 *
 * @param workflow the cleaned workflow JSON; callers must not modify it
 * @param adjustments what the validator changed, in words (stripped fields, added
 * defaults)
 */
public record ValidatedWorkflow(ObjectNode workflow, List<String> adjustments) {

	public ValidatedWorkflow {
		adjustments = List.copyOf(adjustments);
	}

	/** The workflow as plain Java values (maps, lists, strings, numbers, booleans). */
	public Map<String, Object> asMap() {
		return N8nApi.JSON.convertValue(this.workflow, new TypeReference<Map<String, Object>>() {
		});
	}

}
