package cl.smartercl.mcp.connectors.codegen;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Builds an n8n workflow: named, placed nodes and their main connections. */
final class GraphBuilder {

	static final int COLUMN = 220;

	static final int ROW = 200;

	private final ObjectNode workflow;

	private final Supplier<UUID> ids;

	private final Set<String> names = new HashSet<>();

	GraphBuilder(Supplier<UUID> ids) {
		this(N8nNodes.JSON.createObjectNode(), ids);
		this.workflow.putArray("nodes");
		this.workflow.putObject("connections");
		this.workflow.putObject("settings").put("executionOrder", "v1");
	}

	/** Extends an existing workflow (e.g. one a client's model wrote). */
	GraphBuilder(ObjectNode workflow, Supplier<UUID> ids) {
		this.workflow = workflow;
		this.ids = ids;
		workflow.path("nodes").forEach((node) -> this.names.add(node.path("name").asString()));
	}

	/**
	 * Adds a node under a unique name (a number is appended when taken) and returns that
	 * name.
	 */
	String add(String name, N8nNodes.Spec spec, int x, int y) {
		String unique = name;
		for (int i = 2; this.names.contains(unique); i++) {
			unique = name + " " + i;
		}
		this.names.add(unique);
		ObjectNode node = ((ArrayNode) this.workflow.get("nodes")).addObject();
		node.put("id", this.ids.get().toString()).put("name", unique).put("type", spec.type());
		if (spec.version() % 1 == 0) {
			node.put("typeVersion", (int) spec.version());
		}
		else {
			node.put("typeVersion", spec.version());
		}
		node.putArray("position").add(x).add(y);
		if (spec.webhookId() != null) {
			node.put("webhookId", spec.webhookId());
		}
		if (spec.executeOnce()) {
			// a notification after a multi-row step would otherwise go out once per row
			node.put("executeOnce", true);
		}
		node.set("parameters", spec.parameters().deepCopy());
		return unique;
	}

	void connect(String from, String to) {
		ObjectNode connections = (ObjectNode) this.workflow.get("connections");
		ObjectNode byType = connections.has(from) ? (ObjectNode) connections.get(from) : connections.putObject(from);
		ArrayNode outputs = byType.has("main") ? (ArrayNode) byType.get("main") : byType.putArray("main");
		if (outputs.isEmpty()) {
			outputs.addArray();
		}
		((ArrayNode) outputs.get(0)).addObject().put("node", to).put("type", "main").put("index", 0);
	}

	/** The nodes the first main output of a node leads to. */
	Set<String> targets(String from) {
		Set<String> targets = new java.util.LinkedHashSet<>();
		JsonNode first = this.workflow.path("connections").path(from).path("main").path(0);
		first.forEach((target) -> targets.add(target.path("node").asString()));
		return targets;
	}

	String newWebhookId() {
		return this.ids.get().toString();
	}

	/**
	 * A short random suffix for webhook paths, which must be unique on an n8n instance.
	 */
	String suffix() {
		return this.ids.get().toString().substring(0, 8);
	}

	ObjectNode workflow() {
		return this.workflow;
	}

}
