package cl.smartercl.mcp.connectors.codegen;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The n8n node types the generator writes, with parameters as n8n 1.123's node
 * descriptions define them ({@code n8n-nodes-base/dist/nodes/<Node>}), and the type
 * versions n8n 1.123 and 2.x both load. The same table checks what a client's model
 * writes. Nodes carry no credentials: the user picks their own in n8n.
 */
final class N8nNodes {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final String WEBHOOK = "n8n-nodes-base.webhook";

	static final String RESPOND = "n8n-nodes-base.respondToWebhook";

	static final String SCHEDULE = "n8n-nodes-base.scheduleTrigger";

	static final String SHOPIFY_TRIGGER = "n8n-nodes-base.shopifyTrigger";

	/**
	 * Answers the caller with the execution id, so workflows_trigger returns it at once.
	 */
	static final String EXECUTION_ID_BODY = "={{ { \"executionId\": $execution.id } }}";

	/** What a node type is and which of its parameter values the check knows. */
	record Kind(String type, double version, Set<Double> versions, boolean trigger, String use,
			Map<String, Set<String>> options, List<String> required) {
	}

	/** A node before it has a name and a place: type, version, parameters. */
	record Spec(String type, double version, ObjectNode parameters, String webhookId, boolean executeOnce) {

		Spec(String type, double version, ObjectNode parameters) {
			this(type, version, parameters, null, false);
		}

		Spec once() {
			return new Spec(this.type, this.version, this.parameters, this.webhookId, true);
		}

	}

	static final Map<String, Kind> KINDS = kinds();

	private N8nNodes() {
	}

	private static Map<String, Kind> kinds() {
		Map<String, Kind> kinds = new LinkedHashMap<>();
		add(kinds,
				new Kind(WEBHOOK, 2, Set.of(1.0, 1.1, 2.0, 2.1), true, "starts the workflow on an HTTP call",
						Map.of("responseMode", Set.of("onReceived", "lastNode", "responseNode"), "authentication",
								Set.of("none", "basicAuth", "headerAuth", "jwtAuth")),
						List.of()));
		add(kinds, new Kind(SCHEDULE, 1.2, Set.of(1.0, 1.1, 1.2, 1.3), true, "starts the workflow on a schedule",
				Map.of(), List.of("rule")));
		add(kinds, new Kind(SHOPIFY_TRIGGER, 1, Set.of(1.0), true, "starts the workflow on a Shopify event",
				Map.of("authentication", Set.of("accessToken", "oAuth2", "apiKey")), List.of("topic")));
		add(kinds,
				new Kind(RESPOND, 1.1, Set.of(1.0, 1.1, 1.2, 1.3, 1.4, 1.5), false, "answers the webhook call",
						Map.of("respondWith", Set.of("allIncomingItems", "binary", "firstIncomingItem", "json", "jwt",
								"noData", "redirect", "text")),
						List.of()));
		add(kinds,
				new Kind("n8n-nodes-base.postgres", 2.5, Set.of(2.0, 2.1, 2.2, 2.3, 2.4, 2.5, 2.6), false,
						"reads or writes a PostgreSQL table",
						Map.of("operation",
								Set.of("deleteTable", "executeQuery", "insert", "upsert", "select", "update")),
						List.of()));
		add(kinds,
				new Kind("n8n-nodes-base.supabase", 1, Set.of(1.0), false, "reads or writes a Supabase table",
						Map.of("resource", Set.of("row"), "operation",
								Set.of("create", "delete", "get", "getAll", "update"), "dataToSend",
								Set.of("autoMapInputData", "defineBelow")),
						List.of("tableId")));
		add(kinds, new Kind("n8n-nodes-base.httpRequest", 4.2, Set.of(4.0, 4.1, 4.2, 4.3), false, "calls an HTTP API",
				Map.of("method", Set.of("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT")), List.of("url")));
		add(kinds,
				new Kind("n8n-nodes-base.awsS3", 2, Set.of(1.0, 2.0), false, "uploads a file to an S3 bucket",
						Map.of("resource", Set.of("bucket", "file", "folder"), "operation",
								Set.of("copy", "create", "delete", "download", "getAll", "search", "upload")),
						List.of()));
		add(kinds, new Kind("n8n-nodes-base.convertToFile", 1.1, Set.of(1.0, 1.1), false,
				"turns items into a file (CSV, JSON)",
				Map.of("operation",
						Set.of("csv", "html", "iCal", "toJson", "ods", "rtf", "toText", "xls", "xlsx", "toBinary")),
				List.of()));
		add(kinds, new Kind("n8n-nodes-base.slack", 2.2, Set.of(2.0, 2.1, 2.2, 2.3, 2.4), false,
				"posts a Slack message",
				Map.of("resource", Set.of("channel", "file", "message", "reaction", "star", "user", "userGroup"),
						"select", Set.of("channel", "user"), "authentication", Set.of("accessToken", "oAuth2")),
				List.of()));
		add(kinds,
				new Kind("n8n-nodes-base.emailSend", 2.1, Set.of(2.0, 2.1), false, "sends an email over SMTP", Map
					.of("emailFormat", Set.of("text", "html", "both"), "operation", Set.of("send", "sendAndWait")),
						List.of()));
		add(kinds, new Kind(
				"n8n-nodes-base.code", 2, Set.of(1.0, 2.0), false, "runs JavaScript over the items", Map.of("mode",
						Set.of("runOnceForAllItems", "runOnceForEachItem"), "language", Set.of("javaScript", "python")),
				List.of()));
		add(kinds, new Kind("n8n-nodes-base.set", 3.4, Set.of(3.0, 3.1, 3.2, 3.3, 3.4), false,
				"sets or reshapes fields", Map.of("mode", Set.of("manual", "raw")), List.of()));
		add(kinds, new Kind("n8n-nodes-base.if", 2.2, Set.of(2.0, 2.1, 2.2), false, "routes items by a condition",
				Map.of(), List.of("conditions")));
		add(kinds, new Kind("n8n-nodes-base.noOp", 1, Set.of(1.0), false, "does nothing (a placeholder)", Map.of(),
				List.of()));
		// insertion order: the instruction and error messages list the types the same way
		// every time
		return java.util.Collections.unmodifiableMap(kinds);
	}

	private static void add(Map<String, Kind> kinds, Kind kind) {
		kinds.put(kind.type(), kind);
	}

	/**
	 * What is wrong with a node of this table, or {@code null}: an unknown type or
	 * version, a known option with a value n8n does not offer, a required parameter
	 * missing.
	 */
	static String problem(JsonNode node) {
		String type = node.path("type").asString("");
		Kind kind = KINDS.get(type);
		if (kind == null) {
			return "type '" + type + "' is not one of the allowed node types (" + String.join(", ", KINDS.keySet())
					+ ")";
		}
		double version = node.path("typeVersion").asDouble(-1);
		if (!kind.versions().contains(version)) {
			return "typeVersion " + node.path("typeVersion") + " of " + type + " is not one n8n offers ("
					+ kind.versions() + ")";
		}
		JsonNode parameters = node.path("parameters");
		for (Map.Entry<String, Set<String>> option : kind.options().entrySet()) {
			JsonNode value = parameters.path(option.getKey());
			if (!value.isMissingNode() && !(value.isString() && option.getValue().contains(value.stringValue()))) {
				return "parameter " + option.getKey() + " of " + type + " is " + value + ", not one of "
						+ option.getValue();
			}
		}
		for (String required : kind.required()) {
			JsonNode value = parameters.path(required);
			if (value.isMissingNode() || value.isNull() || (value.isString() && value.stringValue().isBlank())) {
				return "parameter " + required + " of " + type + " is required";
			}
		}
		return SCHEDULE.equals(type) ? scheduleProblem(parameters) : null;
	}

	private static String scheduleProblem(JsonNode parameters) {
		JsonNode rules = parameters.path("rule").path("interval");
		if (!rules.isArray() || rules.isEmpty()) {
			return "a scheduleTrigger needs parameters.rule.interval, a list of rules";
		}
		Set<String> fields = Set.of("seconds", "minutes", "hours", "days", "weeks", "months", "cronExpression");
		for (JsonNode rule : rules) {
			String field = rule.path("field").asString("days");
			if (!fields.contains(field)) {
				return "schedule rule field '" + field + "' is not one of " + fields;
			}
			if ("cronExpression".equals(field)) {
				String[] parts = rule.path("expression").asString("").trim().split("\\s+");
				if (parts.length < 5 || parts.length > 6) {
					return "schedule rule cron expression '" + rule.path("expression").asString("")
							+ "' needs 5 or 6 fields";
				}
			}
		}
		return null;
	}

	// ---- builders
	// --------------------------------------------------------------------------------

	static Spec webhook(String method, String path, String webhookId) {
		ObjectNode p = JSON.createObjectNode()
			.put("httpMethod", method)
			.put("path", path)
			.put("responseMode", "responseNode");
		p.putObject("options");
		return new Spec(WEBHOOK, 2, p, webhookId, false);
	}

	static Spec respondWithExecutionId() {
		ObjectNode p = JSON.createObjectNode().put("respondWith", "json").put("responseBody", EXECUTION_ID_BODY);
		p.putObject("options");
		return new Spec(RESPOND, 1.1, p);
	}

	/** Every N minutes/hours/days, or at the times of a cron expression (5 fields). */
	static Spec schedule(String field, int interval, String cron) {
		ObjectNode rule = JSON.createObjectNode().put("field", field);
		switch (field) {
			case "cronExpression" -> rule.put("expression", cron);
			case "minutes" -> rule.put("minutesInterval", interval);
			case "hours" -> rule.put("hoursInterval", interval);
			case "seconds" -> rule.put("secondsInterval", interval);
			default -> throw new IllegalArgumentException("schedule field " + field);
		}
		ObjectNode p = JSON.createObjectNode();
		p.putObject("rule").putArray("interval").add(rule);
		return new Spec(SCHEDULE, 1.2, p);
	}

	static Spec shopifyTrigger(String topic, String webhookId) {
		ObjectNode p = JSON.createObjectNode().put("authentication", "accessToken").put("topic", topic);
		return new Spec(SHOPIFY_TRIGGER, 1, p, webhookId, false);
	}

	/** All rows of a table ({@code public} schema unless qualified). */
	static Spec postgresSelect(String table) {
		ObjectNode p = JSON.createObjectNode().put("operation", "select");
		table(p, table);
		p.put("returnAll", true);
		p.putObject("options");
		return new Spec("n8n-nodes-base.postgres", 2.5, p);
	}

	/** Inserts each item, its fields mapped to the columns of the same name. */
	static Spec postgresInsert(String table) {
		ObjectNode p = JSON.createObjectNode().put("operation", "insert");
		table(p, table);
		ObjectNode columns = p.putObject("columns").put("mappingMode", "autoMapInputData");
		columns.putObject("value");
		columns.putArray("matchingColumns");
		columns.putArray("schema");
		p.putObject("options");
		return new Spec("n8n-nodes-base.postgres", 2.5, p);
	}

	private static void table(ObjectNode p, String table) {
		int dot = table.indexOf('.');
		String schema = (dot > 0) ? table.substring(0, dot) : "public";
		String name = (dot > 0) ? table.substring(dot + 1) : table;
		p.putObject("schema").put("__rl", true).put("mode", "list").put("value", schema);
		p.putObject("table").put("__rl", true).put("mode", "name").put("value", name);
	}

	static Spec supabaseGetAll(String table) {
		ObjectNode p = JSON.createObjectNode()
			.put("resource", "row")
			.put("operation", "getAll")
			.put("tableId", table)
			.put("returnAll", true);
		return new Spec("n8n-nodes-base.supabase", 1, p);
	}

	static Spec supabaseCreate(String table) {
		ObjectNode p = JSON.createObjectNode()
			.put("resource", "row")
			.put("operation", "create")
			.put("tableId", table)
			.put("dataToSend", "autoMapInputData");
		return new Spec("n8n-nodes-base.supabase", 1, p);
	}

	/** A call; with a body, the current item is sent as JSON. */
	static Spec httpRequest(String method, String url, boolean sendItem) {
		ObjectNode p = JSON.createObjectNode().put("method", method).put("url", url);
		if (sendItem) {
			p.put("sendBody", true).put("specifyBody", "json").put("jsonBody", "={{ JSON.stringify($json) }}");
		}
		p.putObject("options");
		return new Spec("n8n-nodes-base.httpRequest", 4.2, p);
	}

	/**
	 * All items into one file in the binary property {@code data}: {@code csv} or
	 * {@code toJson}.
	 */
	static Spec toFile(String operation, String fileName) {
		ObjectNode p = JSON.createObjectNode().put("operation", operation).put("binaryPropertyName", "data");
		if ("toJson".equals(operation)) {
			p.put("mode", "once");
		}
		p.putObject("options").put("fileName", fileName);
		return new Spec("n8n-nodes-base.convertToFile", 1.1, p);
	}

	/**
	 * Uploads the binary property {@code data} as {@code key}; an empty bucket is for the
	 * user to fill.
	 */
	static Spec s3Upload(String bucket, String key) {
		ObjectNode p = JSON.createObjectNode()
			.put("operation", "upload")
			.put("bucketName", bucket)
			.put("fileName", key)
			.put("binaryData", true)
			.put("binaryPropertyName", "data");
		p.putObject("additionalFields");
		return new Spec("n8n-nodes-base.awsS3", 2, p);
	}

	static Spec slack(String channel, String text) {
		ObjectNode p = JSON.createObjectNode()
			.put("resource", "message")
			.put("operation", "post")
			.put("select", "channel");
		p.putObject("channelId").put("__rl", true).put("mode", "name").put("value", channel);
		p.put("text", text);
		p.putObject("otherOptions");
		return new Spec("n8n-nodes-base.slack", 2.2, p).once();
	}

	static Spec email(String from, String to, String subject, String text) {
		ObjectNode p = JSON.createObjectNode()
			.put("fromEmail", from)
			.put("toEmail", to)
			.put("subject", subject)
			.put("emailFormat", "text")
			.put("text", text);
		p.putObject("options");
		return new Spec("n8n-nodes-base.emailSend", 2.1, p).once();
	}

	/**
	 * The request body as the item, so a webhook run looks like the event it stands in
	 * for.
	 */
	static Spec requestBody() {
		ObjectNode p = JSON.createObjectNode()
			.put("mode", "runOnceForAllItems")
			.put("language", "javaScript")
			.put("jsCode", "return $input.all().map((item) => ({ json: item.json.body ?? {} }));");
		return new Spec("n8n-nodes-base.code", 2, p);
	}

	/** One example node per allowed type, for the sampling instruction. */
	static ArrayNode examples() {
		ArrayNode examples = JSON.createArrayNode();
		List<Spec> specs = List.of(webhook("POST", "orders", "a1b2c3d4-0000-4000-8000-000000000001"),
				respondWithExecutionId(), schedule("cronExpression", 0, "0 2 * * *"), schedule("minutes", 15, null),
				shopifyTrigger("orders/create", "a1b2c3d4-0000-4000-8000-000000000002"), postgresSelect("orders"),
				postgresInsert("orders"), supabaseCreate("orders"),
				httpRequest("POST", "https://api.example.com/orders", true), toFile("csv", "orders.csv"),
				s3Upload("backups", "orders.csv"), slack("#ops", "=Done at {{ $now.toISO() }}"),
				email("bot@example.com", "ops@example.com", "Report", "=Done at {{ $now.toISO() }}"), requestBody());
		for (Spec spec : specs) {
			ObjectNode node = examples.addObject().put("type", spec.type());
			if (spec.version() % 1 == 0) {
				node.put("typeVersion", (int) spec.version());
			}
			else {
				node.put("typeVersion", spec.version());
			}
			if (spec.webhookId() != null) {
				node.put("webhookId", spec.webhookId());
			}
			node.set("parameters", spec.parameters());
		}
		return examples;
	}

}
