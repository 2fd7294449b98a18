package cl.smartercl.mcp.connectors.codegen;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * n8n's public API cannot run a workflow [backend-notes n8n §4]; a Webhook can. So a
 * workflow that starts on a schedule or an app event also gets a "Run now" Webhook,
 * answering with {@code {{ $execution.id }}} through a "Respond to Webhook" node, that
 * leads to the same nodes as the trigger. For an app event the request body becomes the
 * item, so a run now with a sample event looks like the real one.
 */
final class OnDemandEntry {

	static final String WEBHOOK_NAME = "Run now";

	private OnDemandEntry() {
	}

	/**
	 * Adds the entry when the workflow has no Webhook yet and starts by a schedule or an
	 * app event.
	 * @return the webhook path, when one was added
	 */
	static Optional<String> addTo(GraphBuilder graph, String slug) {
		List<JsonNode> triggers = new ArrayList<>();
		for (JsonNode node : graph.workflow().path("nodes")) {
			String type = node.path("type").asString("");
			if (N8nNodes.WEBHOOK.equals(type)) {
				return Optional.empty();
			}
			N8nNodes.Kind kind = N8nNodes.KINDS.get(type);
			if ((kind != null && kind.trigger()) || type.toLowerCase().endsWith("trigger")) {
				triggers.add(node);
			}
		}
		if (triggers.isEmpty()) {
			return Optional.empty();
		}
		JsonNode trigger = triggers.get(0);
		boolean appEvent = !N8nNodes.SCHEDULE.equals(trigger.path("type").asString(""));
		Set<String> targets = graph.targets(trigger.path("name").asString());
		int x = trigger.path("position").path(0).asInt(0);
		int y = trigger.path("position").path(1).asInt(0) + GraphBuilder.ROW;
		String path = "run-" + slug + "-" + graph.suffix();
		String webhook = graph.add(WEBHOOK_NAME, N8nNodes.webhook("POST", path, graph.newWebhookId()), x, y);
		String respond = graph.add("Answer with execution id", N8nNodes.respondWithExecutionId(),
				x + GraphBuilder.COLUMN, y);
		graph.connect(webhook, respond);
		String last = respond;
		if (appEvent && !targets.isEmpty()) {
			last = graph.add("Use request body as the event", N8nNodes.requestBody(), x + 2 * GraphBuilder.COLUMN, y);
			graph.connect(respond, last);
		}
		for (String target : targets) {
			graph.connect(last, target);
		}
		return Optional.of(path);
	}

}
