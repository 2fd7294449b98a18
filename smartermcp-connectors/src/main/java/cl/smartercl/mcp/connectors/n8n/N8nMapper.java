package cl.smartercl.mcp.connectors.n8n;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import tools.jackson.databind.JsonNode;

import cl.smartercl.mcp.core.tools.workflows.WorkflowsList;
import cl.smartercl.mcp.core.tools.workflows.WorkflowsStatus;

/**
 * n8n's JSON → the tool contracts. Curated fields only: node graphs and run data never go
 * out.
 */
final class N8nMapper {

	static final String WEBHOOK_TYPE = "n8n-nodes-base.webhook";

	private N8nMapper() {
	}

	static WorkflowsList.Workflow summary(JsonNode workflow) {
		return new WorkflowsList.Workflow(text(workflow, "id"), text(workflow, "name"),
				workflow.path("active").asBoolean(false), tagNames(workflow), triggerKinds(liveNodes(workflow)),
				instant(workflow.path("updatedAt")));
	}

	static List<String> tagNames(JsonNode workflow) {
		List<String> names = new ArrayList<>();
		workflow.path("tags").forEach((tag) -> {
			if (tag.path("name").isString()) {
				names.add(tag.path("name").stringValue());
			}
		});
		return names;
	}

	/**
	 * The nodes that run in production: on n8n 2.x a published workflow runs its
	 * {@code activeVersion}, which may differ from the draft in {@code nodes}
	 * [backend-notes §3]; 1.x has only {@code nodes}.
	 */
	static JsonNode liveNodes(JsonNode workflow) {
		JsonNode active = workflow.path("activeVersion").path("nodes");
		return active.isArray() ? active : workflow.path("nodes");
	}

	/** How the workflow starts: webhook, schedule, manual, or the trigger node's type. */
	static List<String> triggerKinds(JsonNode nodes) {
		Set<String> kinds = new LinkedHashSet<>();
		for (JsonNode node : nodes) {
			if (node.path("disabled").asBoolean(false)) {
				continue;
			}
			String type = text(node, "type");
			if (type == null) {
				continue;
			}
			switch (type) {
				case WEBHOOK_TYPE -> kinds.add("webhook");
				case "n8n-nodes-base.scheduleTrigger", "n8n-nodes-base.cron", "n8n-nodes-base.interval" ->
					kinds.add("schedule");
				case "n8n-nodes-base.manualTrigger" -> kinds.add("manual");
				default -> {
					if (type.toLowerCase().endsWith("trigger")) {
						kinds.add(type);
					}
				}
			}
		}
		return List.copyOf(kinds);
	}

	/** The enabled Webhook nodes of the running version, with their production paths. */
	static List<WebhookEndpoint> webhooks(JsonNode workflow) {
		List<WebhookEndpoint> endpoints = new ArrayList<>();
		String workflowId = text(workflow, "id");
		for (JsonNode node : liveNodes(workflow)) {
			if (WEBHOOK_TYPE.equals(text(node, "type")) && !node.path("disabled").asBoolean(false)) {
				endpoints.add(endpoint(workflowId, node));
			}
		}
		return endpoints;
	}

	/**
	 * The webhook {@code workflows_trigger} calls: one that answers with the execution id
	 * ("Respond to Webhook" node) first, then one that takes a body (POST/PUT/PATCH),
	 * then the first.
	 */
	static Optional<WebhookEndpoint> triggerEndpoint(JsonNode workflow) {
		return webhooks(workflow).stream()
			.min(Comparator.comparingInt((WebhookEndpoint e) -> "responseNode".equals(e.responseMode()) ? 0 : 1)
				.thenComparingInt((e) -> e.inputInQuery() ? 1 : 0));
	}

	/**
	 * Mirrors n8n's {@code getNodeWebhookUrl}: a Webhook node has a "full path", so the
	 * URL is {@code /webhook/<path>}, or {@code /webhook/<webhookId>} when the path is
	 * empty, or {@code /webhook/<webhookId>/<path>} when the path has
	 * {@code :parameters}; a node without webhookId gets
	 * {@code <workflowId>/<node name>/<path>} [backend-notes §4.3].
	 */
	static WebhookEndpoint endpoint(String workflowId, JsonNode node) {
		JsonNode parameters = node.path("parameters");
		String path = parameters.path("path").isString() ? parameters.path("path").stringValue().strip() : "";
		String webhookId = text(node, "webhookId");
		if (path.startsWith("/")) {
			path = path.substring(1);
		}
		String urlPath;
		boolean hasParameters = path.startsWith(":") || path.contains("/:");
		if (webhookId == null) {
			String name = text(node, "name");
			urlPath = workflowId + "/" + ((name == null) ? "" : name.toLowerCase()) + "/" + path;
		}
		else if (hasParameters) {
			urlPath = webhookId + "/" + path;
		}
		else {
			urlPath = path.isEmpty() ? webhookId : path;
		}
		String authentication = parameters.path("authentication").isString()
				? parameters.path("authentication").stringValue() : "none";
		String responseMode = parameters.path("responseMode").isString() ? parameters.path("responseMode").stringValue()
				: "onReceived";
		return new WebhookEndpoint(text(node, "name"), method(parameters), urlPath, authentication, responseMode);
	}

	/**
	 * {@code httpMethod} defaults to GET; with "multiple methods" it is a list, of which
	 * POST is preferred.
	 */
	private static String method(JsonNode parameters) {
		JsonNode method = parameters.path("httpMethod");
		if (method.isArray()) {
			List<String> methods = new ArrayList<>();
			method.forEach((m) -> methods.add(m.asString()));
			return methods.contains("POST") ? "POST" : methods.isEmpty() ? "GET" : methods.get(0);
		}
		return method.isString() ? method.stringValue().toUpperCase() : "GET";
	}

	static WorkflowsStatus.Output status(JsonNode execution, JsonNode withData) {
		Instant started = instant(execution.path("startedAt"));
		Instant stopped = instant(execution.path("stoppedAt"));
		Long duration = (started != null && stopped != null) ? Duration.between(started, stopped).toMillis() : null;
		String failedNode = null;
		String message = null;
		if (withData != null) {
			JsonNode result = withData.path("data").path("resultData");
			JsonNode error = result.path("error");
			failedNode = text(error.path("node"), "name");
			if (failedNode == null) {
				failedNode = text(result, "lastNodeExecuted");
			}
			String raw = text(error, "message");
			// the message only: n8n's error objects also hold stack traces with server
			// paths
			message = (raw == null) ? null : N8nReply.clean(raw, null);
		}
		return new WorkflowsStatus.Output(text(execution, "id"), text(execution, "workflowId"),
				text(execution, "status"), text(execution, "mode"), started, stopped, duration, failedNode, message);
	}

	/**
	 * Whether an execution ended badly, so that its data is worth reading for the failing
	 * node.
	 */
	static boolean failed(JsonNode execution) {
		String status = text(execution, "status");
		return "error".equals(status) || "crashed".equals(status);
	}

	static String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		if (value.isString()) {
			return value.stringValue();
		}
		return value.isNumber() ? value.asString() : null;
	}

	static Instant instant(JsonNode value) {
		if (!value.isString()) {
			return null;
		}
		try {
			return Instant.parse(value.stringValue());
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
