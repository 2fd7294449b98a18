package cl.smartercl.mcp.connectors.codegen;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import cl.smartercl.mcp.core.error.BackendException;
import cl.smartercl.mcp.core.error.InvalidArgumentsException;
import cl.smartercl.mcp.core.tools.codegen.GenerateN8nWorkflow;

/**
 * The sampling path: the instruction for the client's model, and the strict reading of
 * its answer. What the model writes is checked like any other workflow and never passed
 * on when it fails.
 */
final class SampledWorkflow {

	/**
	 * Errors name the model as the failing service: the request was fine, the answer was
	 * not.
	 */
	static final String SERVICE = "sampling";

	static final int MAX_TOKENS = 8000;

	static final String SYSTEM_PROMPT = systemPrompt();

	private static final int MAX_QUOTED = 200;

	private SampledWorkflow() {
	}

	static String userMessage(GenerateN8nWorkflow.Input input) {
		return "Write the n8n workflow for this request:\n" + input.description().strip() + (input.services().isEmpty()
				? "" : "\nIt may use only these services: " + String.join(", ", input.services()));
	}

	/**
	 * @throws BackendException when the answer is not JSON, holds no workflow, or the
	 * workflow fails the check
	 */
	/**
	 * The service each node type stands for, to hold a model to the {@code services}
	 * argument.
	 */
	private static final java.util.Map<String, String> SERVICE_OF = java.util.Map.of("n8n-nodes-base.postgres",
			"postgres", "n8n-nodes-base.supabase", "supabase", "n8n-nodes-base.awsS3", "s3", "n8n-nodes-base.slack",
			"slack", "n8n-nodes-base.emailSend", "email", "n8n-nodes-base.httpRequest", "http",
			N8nNodes.SHOPIFY_TRIGGER, "shopify");

	static GenerateN8nWorkflow.Output read(String reply, GenerateN8nWorkflow.Input input, Supplier<UUID> ids) {
		int start = (reply == null) ? -1 : reply.indexOf('{');
		int end = (reply == null) ? -1 : reply.lastIndexOf('}');
		if (start < 0 || end < start) {
			throw invalid("its answer holds no JSON object" + quote(reply));
		}
		JsonNode root;
		try {
			root = N8nNodes.JSON.readTree(reply.substring(start, end + 1));
		}
		catch (JacksonException ex) {
			throw invalid("its answer is not valid JSON (" + ex.getOriginalMessage() + ")");
		}
		JsonNode workflow = root.has("workflow") ? root.get("workflow") : root.has("nodes") ? root : null;
		if (workflow == null || !workflow.isObject()) {
			throw invalid("its answer has no \"workflow\" object with nodes and connections");
		}
		List<String> notes = new ArrayList<>(strings(root, "notes"));
		List<String> unmapped = strings(root, "unmapped");
		ObjectNode copy = (ObjectNode) workflow.deepCopy();
		stripCredentials(copy, notes);
		String name = root.path("name").isString() && !root.path("name").stringValue().isBlank()
				? root.path("name").stringValue().strip() : copy.path("name").asString("Generated workflow");
		copy.put("name", name);
		try {
			GeneratedWorkflows.check(copy, ids);
		}
		catch (InvalidArgumentsException ex) {
			throw invalid(
					"the workflow it wrote is invalid: " + ex.getMessage().replaceFirst("^Invalid argument ", ""));
		}
		List<String> allowed = WorkflowPlanner.services(input.services(), new ArrayList<>());
		if (!allowed.isEmpty()) {
			for (JsonNode node : copy.path("nodes")) {
				String service = SERVICE_OF.get(node.path("type").asString());
				if (service != null && !allowed.contains(service)) {
					throw invalid("node '" + node.path("name").asString() + "' uses " + service
							+ ", which is not among the allowed services (" + String.join(", ", input.services())
							+ ")");
				}
			}
		}
		GraphBuilder graph = new GraphBuilder(copy, ids);
		OnDemandEntry.addTo(graph, WorkflowPlanner.slug(name))
			.ifPresent((path) -> notes.add("Added a 'Run now' webhook " + "(POST /webhook/" + path
					+ ") that answers with its execution id, so workflows_trigger can run it now."));
		ObjectNode checked;
		try {
			checked = GeneratedWorkflows.check(graph.workflow(), ids);
		}
		catch (InvalidArgumentsException ex) {
			throw invalid(
					"the workflow it wrote is invalid: " + ex.getMessage().replaceFirst("^Invalid argument ", ""));
		}
		return new GenerateN8nWorkflow.Output(name, GeneratedWorkflows.toMap(checked), "sampling", unmapped, notes);
	}

	/**
	 * Credentials are the user's to pick in n8n; ids a model made up would point nowhere.
	 */
	private static void stripCredentials(ObjectNode workflow, List<String> notes) {
		List<String> stripped = new ArrayList<>();
		for (JsonNode node : workflow.path("nodes")) {
			if (node.isObject() && node.has("credentials")) {
				((ObjectNode) node).remove("credentials");
				stripped.add(node.path("name").asString());
			}
		}
		if (!stripped.isEmpty()) {
			notes
				.add("Removed the credentials the model set on " + String.join(", ", stripped) + "; pick them in n8n.");
		}
	}

	private static List<String> strings(JsonNode root, String field) {
		JsonNode value = root.path(field);
		if (value.isMissingNode() || value.isNull()) {
			return List.of();
		}
		if (!value.isArray()) {
			throw invalid("\"" + field + "\" in its answer is not a list of strings");
		}
		List<String> strings = new ArrayList<>();
		for (JsonNode item : value) {
			if (!item.isString()) {
				throw invalid("\"" + field + "\" in its answer is not a list of strings");
			}
			strings.add(item.stringValue());
		}
		return strings;
	}

	private static BackendException invalid(String why) {
		return new BackendException(SERVICE, "the client's model did not write a usable n8n workflow: " + why);
	}

	private static String quote(String reply) {
		if (reply == null || reply.isBlank()) {
			return " (it was empty)";
		}
		String line = reply.strip().replaceAll("\\s+", " ");
		return " (it began: \"" + (line.length() > MAX_QUOTED ? line.substring(0, MAX_QUOTED) + "…" : line) + "\")";
	}

	private static String systemPrompt() {
		String types = N8nNodes.KINDS.values()
			.stream()
			.map((k) -> "- " + k.type() + " (typeVersion "
					+ k.versions().stream().sorted().map(SampledWorkflow::version).collect(Collectors.joining(" | "))
					+ "): " + k.use())
			.collect(Collectors.joining("\n"));
		return """
				You write n8n workflows (n8n 1.x and 2.x) as JSON for the SmarterMCP tool generate_n8n_workflow.
				Answer with ONE JSON object and nothing else (no prose, no code fence), shaped exactly:
				{"name": "<short workflow name>",
				 "workflow": {"nodes": [...], "connections": {...}, "settings": {"executionOrder": "v1"}},
				 "unmapped": ["<each part of the request you could not build with the allowed nodes>"],
				 "notes": ["<what the user must still set in n8n, e.g. credentials, a bucket name>"]}

				Rules:
				1. Use only these node types, each with one of its listed typeVersions:
				%s
				2. Every node has "name" (unique), "type", "typeVersion", "position" ([x, y], 220 apart) and "parameters".
				   Webhook and Shopify Trigger nodes also have "webhookId", a new UUID. Never set "credentials".
				3. "connections" maps a source node's name to {"main": [[{"node": "<target node name>", "type": "main", "index": 0}]]};
				   every name in it must be the name of a node.
				4. Start with one trigger: Webhook, Schedule Trigger or Shopify Trigger. A Webhook has "httpMethod": "POST"
				   and "responseMode": "responseNode", and is followed at once by a Respond to Webhook node that answers
				   {"executionId": $execution.id} as in the example, so the caller learns the execution id.
				5. Never invent URLs, table names, bucket names, Slack channels or email addresses the request does not give:
				   leave them "" and say so in "notes". Whatever the allowed nodes cannot do goes in "unmapped".

				Example nodes with correct parameters (add "name" and "position"):
				%s
				"""
			.formatted(types, N8nNodes.examples().toString());
	}

	private static String version(Double version) {
		return (version % 1 == 0) ? Long.toString(version.longValue()) : version.toString();
	}

}
