package cl.smartercl.mcp.testsupport.chatwoot;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * THE one list of the places where Chatwoot 4.9.1's own swagger
 * ({@code shared/backend-specs/
 * chatwoot-swagger-v4.9.1.json}) disagrees with what Chatwoot does, each with its reason
 * and evidence ({@code shared/backend-notes/chatwoot.md}, cited by section, and
 * Chatwoot's views). {@link ChatwootOracle} applies exactly these corrections to the
 * swagger before validating exchanges; nothing else is relaxed.
 */
public final class ChatwootSwaggerErrata {

	/**
	 * One correction.
	 *
	 * @param name a short name
	 * @param reason what Chatwoot really does, and where that is written
	 */
	public record Erratum(String name, String reason, Consumer<ObjectNode> patch) {
	}

	private static final String V1 = "/api/v1/accounts/{account_id}";

	/** The operations the support tools call (path, verb). */
	static final List<String[]> OPERATIONS = List.of(new String[] { V1 + "/conversations", "get" },
			new String[] { V1 + "/conversations/filter", "post" },
			new String[] { V1 + "/conversations/{conversation_id}", "get" },
			new String[] { V1 + "/conversations/{conversation_id}/messages", "get" },
			new String[] { V1 + "/agents", "get" }, new String[] { V1 + "/inboxes", "get" },
			new String[] { "/api/v2/accounts/{account_id}/reports/summary", "get" },
			new String[] { V1 + "/search/conversations", "get" }, new String[] { V1 + "/conversations/search", "get" },
			new String[] { V1 + "/csat_survey_responses/metrics", "get" }, new String[] { "/api/v1/profile", "get" });

	public static final List<Erratum> ALL = List.of(new Erratum("availability values",
			"agent.availability_status is online|busy|offline (the account_users.availability enum); the swagger's "
					+ "'available' does not exist [backend-notes §6.1, §3 Agent]",
			(spec) -> {
				ArrayNode values = schema(spec, "agent").withObjectProperty("properties")
					.withObjectProperty("availability_status")
					.putArray("enum");
				values.add("online").add("busy").add("offline");
			}),
			new Erratum("search routes",
					"GET /search/conversations (contact search, {payload:{conversations:[…]}}) and GET /conversations/search "
							+ "(message search, {meta, payload} without the data wrapper) exist in config/routes.rb but not in "
							+ "the 4.9.1 swagger [backend-notes §2, §3]",
					ChatwootSwaggerErrata::addSearchRoutes),
			new Erratum("CSAT metrics route",
					"GET /csat_survey_responses/metrics ({total_count, ratings_count, total_sent_messages_count}) is what "
							+ "the dashboard reads for CSAT; it is not in the swagger [backend-notes §2, §3 CSAT]",
					ChatwootSwaggerErrata::addCsatRoute),
			new Erratum("401 for 403",
					"Chatwoot answers a bad token AND a Pundit authorisation failure with 401 {\"error\":…}, never 403; "
							+ "the swagger lists 403 for some routes and 401 for none of these [backend-notes §5]",
					(spec) -> each(spec, (op) -> op.withObjectProperty("responses").set("401", errorResponse()))),
			new Erratum("error statuses",
					"404 {\"error\":\"Resource could not be found\"}, 422 {\"error\":…} and rack-attack's 429 (text/plain, "
							+ "Retry-After) can answer any of these routes; the swagger documents none of them here "
							+ "[backend-notes §1, §5]",
					(spec) -> each(spec, (op) -> {
						ObjectNode responses = op.withObjectProperty("responses");
						ObjectNode notFound = errorResponse();
						notFound.withObjectProperty("content")
							.withObjectProperty("text/html")
							.withObjectProperty("schema")
							.put("type", "string");
						responses.set("404", notFound);
						responses.set("422", errorResponse());
						ObjectNode limited = responses.withObjectProperty("429");
						limited.put("description", "rack-attack throttle");
						limited.withObjectProperty("content")
							.withObjectProperty("text/plain")
							.withObjectProperty("schema")
							.put("type", "string");
						responses.set("500", errorResponse());
					})),
			new Erratum("snoozed status",
					"a conversation's status can be snoozed (the list's own status parameter offers it; the conversation "
							+ "schema's enum omits it) [backend-notes §2]",
					(spec) -> ((ArrayNode) schema(spec, "conversation").withObjectProperty("properties")
						.withObjectProperty("status")
						.get("enum")).add("snoozed")),
			new Erratum("timestamp is a number",
					"conversation.timestamp is last_activity_at.to_i, Unix seconds like every conversation time; the "
							+ "swagger says string [backend-notes §3; _conversation.json.jbuilder]",
					(spec) -> schema(spec, "conversation").withObjectProperty("properties")
						.withObjectProperty("timestamp")
						.put("type", "number")),
			new Erratum("null conversation fields",
					"snoozed_until, priority, sla_policy_id and last_non_activity_message are rendered as they are, so "
							+ "null when unset; the swagger marks none nullable [backend-notes §3; _conversation.json.jbuilder]",
					(spec) -> {
						ObjectNode properties = schema(spec, "conversation").withObjectProperty("properties");
						for (String field : List.of("snoozed_until", "priority", "sla_policy_id")) {
							properties.withObjectProperty(field).put("nullable", true);
						}
						ObjectNode last = properties.putObject("last_non_activity_message");
						last.put("nullable", true);
						last.putArray("allOf").addObject().put("$ref", "#/components/schemas/message");
					}),
			new Erratum("report averages",
					"the summary's average times are decimals rendered as strings, or null when nothing was measured "
							+ "[backend-notes §3 Reports summary]",
					(spec) -> {
						ObjectNode summary = schema(spec, "account_summary").withObjectProperty("properties");
						for (ObjectNode properties : List.of(summary,
								summary.withObjectProperty("previous").withObjectProperty("properties"))) {
							properties.withObjectProperty("avg_first_response_time").put("nullable", true);
							properties.withObjectProperty("avg_resolution_time").put("nullable", true);
						}
					}),
			new Erratum("filter query_operator null",
					"the last condition of a conversation filter has query_operator null, as the swagger's own example "
							+ "and backend-notes §2 show; its schema's enum (AND, OR) does not allow it",
					(spec) -> {
						ObjectNode item = (ObjectNode) spec.withObjectProperty("paths")
							.withObjectProperty(V1 + "/conversations/filter")
							.withObjectProperty("post")
							.withObjectProperty("requestBody")
							.withObjectProperty("content")
							.withObjectProperty("application/json")
							.withObjectProperty("schema")
							.withObjectProperty("properties")
							.withObjectProperty("payload")
							.withObjectProperty("items");
						item.withObjectProperty("properties")
							.withObjectProperty("query_operator")
							.put("nullable", true);
						((ArrayNode) item.withObjectProperty("properties")
							.withObjectProperty("query_operator")
							.get("enum")).addNull();
					}));

	private ChatwootSwaggerErrata() {
	}

	/** Applies every erratum to a parsed copy of the swagger. */
	public static ObjectNode apply(ObjectNode spec) {
		ALL.forEach((erratum) -> erratum.patch().accept(spec));
		return spec;
	}

	private static ObjectNode schema(ObjectNode spec, String name) {
		return spec.withObjectProperty("components").withObjectProperty("schemas").withObjectProperty(name);
	}

	private static void each(ObjectNode spec, Consumer<ObjectNode> patch) {
		for (String[] operation : OPERATIONS) {
			JsonNode op = spec.path("paths").path(operation[0]).path(operation[1]);
			if (op.isObject()) {
				patch.accept((ObjectNode) op);
			}
		}
	}

	private static ObjectNode errorResponse() {
		ObjectNode response = ChatwootDouble.JSON.createObjectNode();
		response.put("description", "Chatwoot's error body");
		ObjectNode schema = response.withObjectProperty("content")
			.withObjectProperty("application/json")
			.withObjectProperty("schema");
		schema.put("type", "object");
		schema.withObjectProperty("properties").withObjectProperty("error").put("type", "string");
		schema.withObjectProperty("properties").withObjectProperty("message").put("type", "string");
		return response;
	}

	private static ObjectNode accountParameter(ObjectNode operation) {
		operation.putArray("parameters").addObject().put("$ref", "#/components/parameters/account_id");
		return operation;
	}

	private static void queryParameter(ObjectNode get, String name, String type, boolean required) {
		ObjectNode parameter = get.withArrayProperty("parameters").addObject();
		parameter.put("name", name).put("in", "query").put("required", required);
		parameter.withObjectProperty("schema").put("type", type);
	}

	private static ObjectNode get(ObjectNode spec, String path) {
		ObjectNode item = spec.withObjectProperty("paths").withObjectProperty(path);
		accountParameter(item);
		ObjectNode get = item.withObjectProperty("get");
		get.putArray("security").addObject().putArray("userApiKey");
		get.putArray("parameters");
		return get;
	}

	private static void addSearchRoutes(ObjectNode spec) {
		ObjectNode contacts = get(spec, V1 + "/search/conversations");
		queryParameter(contacts, "q", "string", true);
		queryParameter(contacts, "page", "integer", false);
		ObjectNode hit = ChatwootDouble.JSON.createObjectNode().put("type", "object");
		ObjectNode hitProperties = hit.withObjectProperty("properties");
		for (String field : List.of("id", "account_id", "created_at")) {
			hitProperties.withObjectProperty(field).put("type", "number");
		}
		hitProperties.withObjectProperty("message").put("$ref", "#/components/schemas/message");
		for (String field : List.of("contact", "inbox", "agent", "additional_attributes")) {
			hitProperties.withObjectProperty(field).put("type", "object");
		}
		hit.putArray("required").add("id");
		ObjectNode contactsSchema = okJson(contacts);
		contactsSchema.put("type", "object").putArray("required").add("payload");
		ObjectNode conversations = contactsSchema.withObjectProperty("properties").withObjectProperty("payload");
		conversations.put("type", "object").putArray("required").add("conversations");
		conversations.withObjectProperty("properties")
			.withObjectProperty("conversations")
			.put("type", "array")
			.set("items", hit);

		ObjectNode messages = get(spec, V1 + "/conversations/search");
		queryParameter(messages, "q", "string", true);
		queryParameter(messages, "page", "integer", false);
		ObjectNode messagesSchema = okJson(messages);
		messagesSchema.put("type", "object").putArray("required").add("payload");
		ObjectNode meta = messagesSchema.withObjectProperty("properties").withObjectProperty("meta");
		meta.put("type", "object");
		for (String field : List.of("mine_count", "unassigned_count", "all_count")) {
			meta.withObjectProperty("properties").withObjectProperty(field).put("type", "number");
		}
		ObjectNode items = messagesSchema.withObjectProperty("properties")
			.withObjectProperty("payload")
			.put("type", "array")
			.withObjectProperty("items");
		items.putArray("allOf").add(ref("generic_id")).add(ref("conversation"));
	}

	private static void addCsatRoute(ObjectNode spec) {
		ObjectNode csat = get(spec, V1 + "/csat_survey_responses/metrics");
		queryParameter(csat, "since", "string", false);
		queryParameter(csat, "until", "string", false);
		ObjectNode schema = okJson(csat);
		schema.put("type", "object")
			.putArray("required")
			.add("total_count")
			.add("ratings_count")
			.add("total_sent_messages_count");
		schema.withObjectProperty("properties").withObjectProperty("total_count").put("type", "integer");
		schema.withObjectProperty("properties").withObjectProperty("total_sent_messages_count").put("type", "integer");
		ObjectNode ratings = schema.withObjectProperty("properties")
			.withObjectProperty("ratings_count")
			.put("type", "object");
		ratings.withObjectProperty("additionalProperties").put("type", "integer");
	}

	private static ObjectNode okJson(ObjectNode get) {
		ObjectNode ok = get.withObjectProperty("responses").withObjectProperty("200");
		ok.put("description", "Success");
		return ok.withObjectProperty("content").withObjectProperty("application/json").withObjectProperty("schema");
	}

	private static ObjectNode ref(String schema) {
		return ChatwootDouble.JSON.createObjectNode().put("$ref", "#/components/schemas/" + schema);
	}

	/** The reasons, for a report. */
	public static Map<String, String> reasons() {
		Map<String, String> reasons = new java.util.LinkedHashMap<>();
		ALL.forEach((erratum) -> reasons.put(erratum.name(), erratum.reason()));
		return reasons;
	}

}
