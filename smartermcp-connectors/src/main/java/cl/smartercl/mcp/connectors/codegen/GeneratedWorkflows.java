package cl.smartercl.mcp.connectors.codegen;

import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import cl.smartercl.mcp.connectors.n8n.WorkflowValidator;
import cl.smartercl.mcp.core.error.InvalidArgumentsException;

/**
 * The check every generated workflow passes before it is returned: the same
 * {@link WorkflowValidator} as {@code workflows_create}, then the generator's own node
 * table ({@link N8nNodes#problem}) and a trigger.
 */
final class GeneratedWorkflows {

	private GeneratedWorkflows() {
	}

	/**
	 * @throws InvalidArgumentsException naming the broken part, with {@code workflow} as
	 * the root
	 */
	static ObjectNode check(ObjectNode workflow, Supplier<UUID> ids) {
		ObjectNode valid = WorkflowValidator.validate("workflow", workflow, () -> ids.get().toString()).workflow();
		JsonNode nodes = valid.path("nodes");
		boolean trigger = false;
		for (int i = 0; i < nodes.size(); i++) {
			JsonNode node = nodes.get(i);
			String problem = N8nNodes.problem(node);
			if (problem != null) {
				throw new InvalidArgumentsException("workflow.nodes[" + i + "]",
						"node '" + node.path("name").asString() + "': " + problem);
			}
			N8nNodes.Kind kind = N8nNodes.KINDS.get(node.path("type").asString());
			trigger |= kind.trigger() && !node.path("disabled").asBoolean(false);
		}
		if (!trigger) {
			throw new InvalidArgumentsException("workflow.nodes",
					"has no enabled trigger node (Webhook, Schedule Trigger or Shopify Trigger)");
		}
		return valid;
	}

	static Map<String, Object> toMap(ObjectNode workflow) {
		return N8nNodes.JSON.convertValue(workflow, new TypeReference<Map<String, Object>>() {
		});
	}

}
