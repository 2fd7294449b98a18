package cl.smartercl.mcp.connectors.codegen;

import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Mono;

import cl.smartercl.mcp.core.tool.ClientChannel;
import cl.smartercl.mcp.core.tool.LogLevel;

/**
 * A caller whose MCP client offers sampling and whose "model" answers with a canned
 * reply; it keeps the requests so tests can check the instruction SmarterMCP sent.
 */
final class ScriptedModel implements ClientChannel {

	record Request(String systemPrompt, String userMessage, int maxTokens) {
	}

	private final Mono<String> reply;

	final List<Request> requests = new ArrayList<>();

	private ScriptedModel(Mono<String> reply) {
		this.reply = reply;
	}

	static ScriptedModel answering(String reply) {
		return new ScriptedModel(Mono.just(reply));
	}

	static ScriptedModel failing(RuntimeException error) {
		return new ScriptedModel(Mono.error(error));
	}

	@Override
	public Mono<Void> progress(double progress, Double total, String message) {
		return Mono.empty();
	}

	@Override
	public Mono<Void> log(LogLevel level, String logger, String message) {
		return Mono.empty();
	}

	@Override
	public boolean canSample() {
		return true;
	}

	@Override
	public Mono<String> sample(String systemPrompt, String userMessage, int maxTokens) {
		return Mono.defer(() -> {
			this.requests.add(new Request(systemPrompt, userMessage, maxTokens));
			return this.reply;
		});
	}

	/**
	 * A model's answer as the instruction asks for it: a nightly Postgres → Slack report,
	 * with no webhook.
	 */
	static final String NIGHTLY_REPORT = """
			{"name": "Nightly signups report",
			 "workflow": {
			   "nodes": [
			     {"name": "Every night", "type": "n8n-nodes-base.scheduleTrigger", "typeVersion": 1.2, "position": [0, 0],
			      "parameters": {"rule": {"interval": [{"field": "cronExpression", "expression": "0 1 * * *"}]}}},
			     {"name": "Count signups", "type": "n8n-nodes-base.postgres", "typeVersion": 2.5, "position": [220, 0],
			      "parameters": {"operation": "executeQuery",
			        "query": "SELECT count(*) AS signups FROM signups WHERE created_at > now() - interval '1 day'", "options": {}}},
			     {"name": "Post to Slack", "type": "n8n-nodes-base.slack", "typeVersion": 2.2, "position": [440, 0],
			      "credentials": {"slackApi": {"id": "1", "name": "made up"}},
			      "parameters": {"resource": "message", "operation": "post", "select": "channel",
			        "channelId": {"__rl": true, "mode": "name", "value": "#growth"},
			        "text": "=Signups in the last day: {{ $json.signups }}", "otherOptions": {}}}
			   ],
			   "connections": {
			     "Every night": {"main": [[{"node": "Count signups", "type": "main", "index": 0}]]},
			     "Count signups": {"main": [[{"node": "Post to Slack", "type": "main", "index": 0}]]}
			   },
			   "settings": {"executionOrder": "v1"}},
			 "unmapped": ["chart of the trend"],
			 "notes": ["Pick Postgres and Slack credentials in n8n."]}
			""";

}
