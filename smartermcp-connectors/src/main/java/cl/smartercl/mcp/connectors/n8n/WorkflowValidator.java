package cl.smartercl.mcp.connectors.n8n;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import cl.smartercl.mcp.core.error.InvalidArgumentsException;

/**
 * The one check of an n8n workflow before it goes to n8n, used by
 * {@code workflows_create} for the caller's JSON and by {@code generate_n8n_workflow} for
 * what it produced. It checks the shape n8n's public API needs
 * ({@code name, nodes, connections, settings}; node names unique; every connection
 * between existing nodes), strips the read-only and editor-only fields an export carries
 * ({@code POST /workflows} has {@code additionalProperties: false} [backend-notes §2]),
 * and names the broken part of the JSON, e.g.
 * {@code workflow_json.connections.Webhook.main[0][0].node}.
 * <p>
 * It does not know every node type's parameters: n8n accepts unknown types and parameters
 * at create time, and the generator checks its own node types further.
 */
public final class WorkflowValidator {

	/** What {@code POST /workflows} takes (1.x and 2.x). */
	private static final Set<String> ACCEPTED = Set.of("name", "nodes", "connections", "settings", "staticData");

	/** Read-only in the spec, or editor/export-only (n8n 1.x rejects them). */
	private static final Set<String> DROPPED = Set.of("id", "active", "tags", "createdAt", "updatedAt", "isArchived",
			"versionId", "versionCounter", "triggerCount", "meta", "activeVersion", "activeVersionId", "shared",
			"pinData", "description", "parentFolderId", "parentFolder", "homeProject", "scopes", "usedCredentials",
			"sharedWithProjects", "nodeGroups", "checksum");

	private static final Set<String> NODE_FIELDS = Set.of("id", "name", "webhookId", "disabled", "notesInFlow", "notes",
			"type", "typeVersion", "executeOnce", "alwaysOutputData", "retryOnFail", "maxTries", "waitBetweenTries",
			"continueOnFail", "onError", "position", "parameters", "credentials");

	/**
	 * Read-only node fields, and {@code customTelemetryTags} (2.x only; 1.x rejects it).
	 */
	private static final Set<String> NODE_DROPPED = Set.of("createdAt", "updatedAt", "customTelemetryTags");

	/**
	 * {@code n8n-nodes-base.webhook}, {@code @n8n/n8n-nodes-langchain.agent}, community
	 * packages.
	 */
	private static final Pattern NODE_TYPE = Pattern.compile("^[A-Za-z0-9@/_.-]+\\.[A-Za-z0-9_-]+$");

	private static final Set<String> HTTP_METHODS = Set.of("DELETE", "GET", "HEAD", "PATCH", "POST", "PUT");

	private static final int COLUMN = 220;

	private WorkflowValidator() {
	}

	/**
	 * Validates a caller's workflow JSON; {@code argument} names it in errors, e.g.
	 * {@code workflow_json}.
	 */
	public static ValidatedWorkflow validate(String argument, Map<String, Object> workflow) {
		if (workflow == null) {
			throw new InvalidArgumentsException(argument, "is required: an n8n workflow with nodes and connections");
		}
		JsonNode tree = N8nApi.JSON.valueToTree(workflow);
		return validate(argument, tree);
	}

	public static ValidatedWorkflow validate(String argument, JsonNode workflow) {
		return validate(argument, workflow, () -> UUID.randomUUID().toString());
	}

	/**
	 * @param webhookIds source of ids for Webhook nodes that have none
	 */
	public static ValidatedWorkflow validate(String argument, JsonNode workflow, Supplier<String> webhookIds) {
		if (workflow == null || !workflow.isObject()) {
			throw new InvalidArgumentsException(argument, "must be a JSON object with nodes and connections");
		}
		List<String> adjustments = new ArrayList<>();
		ObjectNode clean = N8nApi.JSON.createObjectNode();
		List<String> dropped = new ArrayList<>();
		for (String field : workflow.propertyNames()) {
			if (DROPPED.contains(field)) {
				dropped.add(field);
			}
			else if (!ACCEPTED.contains(field)) {
				throw new InvalidArgumentsException(argument + "." + field,
						"is not part of an n8n workflow; expected nodes, connections, settings (and optionally name, staticData)");
			}
		}
		if (!dropped.isEmpty()) {
			adjustments.add("removed read-only or editor-only fields: " + String.join(", ", dropped));
		}
		JsonNode name = workflow.path("name");
		if (!name.isMissingNode() && !name.isNull()) {
			if (!name.isString()) {
				throw new InvalidArgumentsException(argument + ".name", "must be a string");
			}
			clean.put("name", name.stringValue());
		}
		ArrayNode nodes = nodes(argument, workflow.path("nodes"), webhookIds, adjustments);
		clean.set("nodes", nodes);
		Set<String> names = new LinkedHashSet<>();
		nodes.forEach((node) -> names.add(node.path("name").stringValue()));
		clean.set("connections", connections(argument, workflow.path("connections"), names));
		JsonNode settings = workflow.path("settings");
		if (settings.isMissingNode() || settings.isNull()) {
			clean.set("settings", N8nApi.JSON.createObjectNode());
			adjustments.add("added empty settings (n8n requires the field)");
		}
		else if (!settings.isObject()) {
			throw new InvalidArgumentsException(argument + ".settings",
					"must be an object, e.g. {\"executionOrder\": \"v1\"}");
		}
		else {
			JsonNode order = settings.path("executionOrder");
			if (!order.isMissingNode() && !("v0".equals(order.asString()) || "v1".equals(order.asString()))) {
				throw new InvalidArgumentsException(argument + ".settings.executionOrder", "must be \"v0\" or \"v1\"");
			}
			clean.set("settings", settings.deepCopy());
		}
		JsonNode staticData = workflow.path("staticData");
		if (!staticData.isMissingNode()) {
			if (!(staticData.isNull() || staticData.isObject() || staticData.isString())) {
				throw new InvalidArgumentsException(argument + ".staticData",
						"must be an object, a JSON string or null");
			}
			clean.set("staticData", staticData.deepCopy());
		}
		return new ValidatedWorkflow(clean, adjustments);
	}

	private static ArrayNode nodes(String argument, JsonNode nodes, Supplier<String> webhookIds,
			List<String> adjustments) {
		String at = argument + ".nodes";
		if (!nodes.isArray()) {
			throw new InvalidArgumentsException(at, nodes.isMissingNode()
					? "is required: the list of the workflow's nodes" : "must be an array of nodes");
		}
		if (nodes.isEmpty()) {
			throw new InvalidArgumentsException(at, "must hold at least one node");
		}
		ArrayNode clean = N8nApi.JSON.createArrayNode();
		Map<String, Integer> seen = new HashMap<>();
		for (int i = 0; i < nodes.size(); i++) {
			String here = at + "[" + i + "]";
			JsonNode node = nodes.get(i);
			if (!node.isObject()) {
				throw new InvalidArgumentsException(here,
						"must be an object with name, type, typeVersion and parameters");
			}
			ObjectNode copy = N8nApi.JSON.createObjectNode();
			for (String field : node.propertyNames()) {
				if (NODE_FIELDS.contains(field)) {
					copy.set(field, node.get(field).deepCopy());
				}
				else if (!NODE_DROPPED.contains(field)) {
					throw new InvalidArgumentsException(here + "." + field,
							"is not a node field n8n accepts; node fields are "
									+ NODE_FIELDS.stream().sorted().collect(Collectors.joining(", ")));
				}
			}
			String name = requiredText(copy, "name", here, "every node needs a unique name");
			Integer other = seen.putIfAbsent(name, i);
			if (other != null) {
				throw new InvalidArgumentsException(here + ".name",
						"'" + name + "' is also the name of nodes[" + other + "]; node names must be unique");
			}
			String type = requiredText(copy, "type", here,
					"every node needs its n8n type, e.g. n8n-nodes-base.webhook");
			if (!NODE_TYPE.matcher(type).matches()) {
				throw new InvalidArgumentsException(here + ".type",
						"'" + type + "' is not an n8n node type; types look like n8n-nodes-base.webhook");
			}
			JsonNode version = copy.path("typeVersion");
			if (!version.isNumber() || version.asDouble() <= 0) {
				throw new InvalidArgumentsException(here + ".typeVersion", version.isMissingNode()
						? "is required: the node type's version, e.g. 1 or 2.1" : "must be a positive number");
			}
			JsonNode parameters = copy.path("parameters");
			if (parameters.isMissingNode() || parameters.isNull()) {
				copy.set("parameters", N8nApi.JSON.createObjectNode());
			}
			else if (!parameters.isObject()) {
				throw new InvalidArgumentsException(here + ".parameters", "must be an object");
			}
			position(copy, here, i, adjustments);
			objectOrAbsent(copy, "credentials", here);
			if (N8nMapper.WEBHOOK_TYPE.equals(type)) {
				webhook(copy, here, webhookIds, adjustments);
			}
			clean.add(copy);
		}
		return clean;
	}

	private static void position(ObjectNode node, String here, int index, List<String> adjustments) {
		JsonNode position = node.path("position");
		if (position.isMissingNode() || position.isNull()) {
			ArrayNode placed = node.putArray("position");
			placed.add(index * COLUMN).add(0);
			adjustments.add("placed node '" + node.path("name").stringValue() + "' on the canvas (it had no position)");
		}
		else if (!position.isArray() || position.size() != 2 || !position.get(0).isNumber()
				|| !position.get(1).isNumber()) {
			throw new InvalidArgumentsException(here + ".position", "must be [x, y], two numbers");
		}
	}

	/**
	 * A Webhook node needs a sensible method and, for a clean production URL, a
	 * webhookId.
	 */
	private static void webhook(ObjectNode node, String here, Supplier<String> webhookIds, List<String> adjustments) {
		JsonNode parameters = node.path("parameters");
		JsonNode path = parameters.path("path");
		if (!path.isMissingNode() && !path.isString()) {
			throw new InvalidArgumentsException(here + ".parameters.path", "must be a string, e.g. \"orders\"");
		}
		JsonNode method = parameters.path("httpMethod");
		List<JsonNode> methods = new ArrayList<>();
		if (method.isArray()) {
			method.forEach(methods::add);
		}
		else if (!method.isMissingNode()) {
			methods.add(method);
		}
		for (JsonNode m : methods) {
			if (!m.isString() || !HTTP_METHODS.contains(m.stringValue())) {
				throw new InvalidArgumentsException(here + ".parameters.httpMethod",
						"must be one of " + HTTP_METHODS.stream().sorted().collect(Collectors.joining(", ")));
			}
		}
		JsonNode webhookId = node.path("webhookId");
		if (webhookId.isMissingNode() || webhookId.isNull() || webhookId.asString().isBlank()) {
			// the editor always sets one; without it the production URL becomes
			// <workflowId>/<node>/<path>
			node.put("webhookId", webhookIds.get());
			adjustments.add("gave Webhook node '" + node.path("name").stringValue() + "' a webhookId");
		}
		else if (!webhookId.isString()) {
			throw new InvalidArgumentsException(here + ".webhookId", "must be a string");
		}
	}

	private static ObjectNode connections(String argument, JsonNode connections, Set<String> names) {
		String at = argument + ".connections";
		if (connections.isMissingNode() || connections.isNull()) {
			throw new InvalidArgumentsException(at,
					"is required: an object from node name to outputs, e.g. {\"Webhook\": {\"main\": [[{\"node\": \"Slack\", \"type\": \"main\", \"index\": 0}]]}} ({} when nodes are not connected)");
		}
		if (!connections.isObject()) {
			throw new InvalidArgumentsException(at, "must be an object from node name to outputs");
		}
		for (String source : connections.propertyNames()) {
			String from = at + "." + source;
			if (!names.contains(source)) {
				throw new InvalidArgumentsException(from, unknownNode(source, names));
			}
			JsonNode byType = connections.get(source);
			if (!byType.isObject()) {
				throw new InvalidArgumentsException(from, "must be an object from connection type (main) to outputs");
			}
			for (String type : byType.propertyNames()) {
				JsonNode outputs = byType.get(type);
				if (!outputs.isArray()) {
					throw new InvalidArgumentsException(from + "." + type,
							"must be an array with one array of targets per output");
				}
				for (int o = 0; o < outputs.size(); o++) {
					JsonNode targets = outputs.get(o);
					if (targets.isNull()) {
						continue;
					}
					if (!targets.isArray()) {
						throw new InvalidArgumentsException(from + "." + type + "[" + o + "]",
								"must be an array of targets");
					}
					for (int t = 0; t < targets.size(); t++) {
						target(from + "." + type + "[" + o + "][" + t + "]", targets.get(t), names);
					}
				}
			}
		}
		return (ObjectNode) connections.deepCopy();
	}

	private static void target(String here, JsonNode target, Set<String> names) {
		if (!target.isObject()) {
			throw new InvalidArgumentsException(here,
					"must be an object {\"node\": <name>, \"type\": \"main\", \"index\": 0}");
		}
		JsonNode node = target.path("node");
		if (!node.isString()) {
			throw new InvalidArgumentsException(here + ".node", "is required: the name of the target node");
		}
		if (!names.contains(node.stringValue())) {
			throw new InvalidArgumentsException(here + ".node", unknownNode(node.stringValue(), names));
		}
		if (!target.path("type").isString()) {
			throw new InvalidArgumentsException(here + ".type", "is required: the input type, usually \"main\"");
		}
		JsonNode index = target.path("index");
		if (!index.isIntegralNumber() || index.asInt() < 0) {
			throw new InvalidArgumentsException(here + ".index", "must be the target input's index, 0 or more");
		}
	}

	private static String unknownNode(String name, Set<String> names) {
		String known = names.stream().limit(20).map((n) -> "'" + n + "'").collect(Collectors.joining(", "));
		return "'" + name + "' is not the name of any node; the nodes are " + known;
	}

	private static String requiredText(ObjectNode node, String field, String here, String why) {
		JsonNode value = node.path(field);
		if (!value.isString() || value.stringValue().isBlank()) {
			throw new InvalidArgumentsException(here + "." + field,
					(value.isMissingNode() ? "is required: " : "must be a non-blank string: ") + why);
		}
		return value.stringValue();
	}

	private static void objectOrAbsent(ObjectNode node, String field, String here) {
		JsonNode value = node.path(field);
		if (!value.isMissingNode() && !value.isNull() && !value.isObject()) {
			throw new InvalidArgumentsException(here + "." + field, "must be an object");
		}
	}

}
