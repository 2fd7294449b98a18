package cl.smartercl.mcp.testsupport.botpress;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Botpress Cloud as the official client sees it: {@code /v1/admin/bots...} scoped by
 * {@code x-workspace-id}, {@code /v1/chat/...} scoped by {@code x-bot-id}, a bearer
 * token, opaque {@code meta.nextToken} paging and errors {@code {id, code, type,
 * message}}.
 */
final class CloudRoutes {

	private static final Pattern BOT = Pattern
		.compile("^/v1/admin/bots/([^/]+)(/analytics|/versions|/versions/deploy)?$");

	private static final Pattern PARTICIPANTS = Pattern.compile("^/v1/chat/conversations/([^/]+)/participants$");

	private static final int DEFAULT_PAGE = 20;

	private final BotpressSeed seed;

	private final BotpressDouble owner;

	final Map<String, String> deployedVersions = new ConcurrentHashMap<>();

	CloudRoutes(BotpressSeed seed, BotpressDouble owner) {
		this.seed = seed;
		this.owner = owner;
	}

	boolean handles(String path) {
		return path.startsWith("/v1/");
	}

	void handle(Exchange ex) {
		String auth = ex.header("Authorization");
		String workspace = (auth != null && auth.startsWith("Bearer ")) ? this.seed.cloudTokens.get(auth.substring(7))
				: null;
		if (workspace == null) {
			error(ex, 401, "Unauthorized", "Invalid or missing authentication token");
			return;
		}
		if (ex.path.startsWith("/v1/chat/")) {
			chat(ex, workspace);
			return;
		}
		String header = ex.header("x-workspace-id");
		if (header == null) {
			error(ex, 400, "InvalidPayload", "Missing required header x-workspace-id");
			return;
		}
		if (!header.equals(workspace)) {
			error(ex, 403, "Forbidden", "You don't have access to workspace " + header);
			return;
		}
		if (ex.method.equals("GET") && ex.path.equals("/v1/admin/bots")) {
			page(ex, "bots", this.seed.cloudBots.get(workspace));
			return;
		}
		Matcher m = BOT.matcher(ex.path);
		if (!m.matches()) {
			error(ex, 404, "ResourceNotFound", "No route " + ex.method + " " + ex.path);
			return;
		}
		ObjectNode bot = bot(workspace, m.group(1));
		if (bot == null) {
			error(ex, 404, "ResourceNotFound", "Bot " + m.group(1) + " not found");
			return;
		}
		String rest = (m.group(2) == null) ? "" : m.group(2);
		switch (ex.method + " " + rest) {
			case "GET " -> ex.json(200, Exchange.JSON.createObjectNode().set("bot", bot));
			case "GET /analytics" -> analytics(ex, bot.get("id").asText());
			case "GET /versions" -> {
				ObjectNode body = Exchange.JSON.createObjectNode();
				body.putArray("versions")
					.addAll(this.seed.cloudVersions.getOrDefault(bot.get("id").asText(), List.of()));
				ex.json(200, body);
			}
			case "POST /versions/deploy" -> deploy(ex, bot);
			default -> error(ex, 404, "ResourceNotFound", "No route " + ex.method + " " + ex.path);
		}
	}

	private void chat(Exchange ex, String workspace) {
		String botId = ex.header("x-bot-id");
		if (botId == null) {
			error(ex, 400, "InvalidPayload", "Missing required header x-bot-id");
			return;
		}
		if (bot(workspace, botId) == null) {
			error(ex, 404, "ResourceNotFound", "Bot " + botId + " not found");
			return;
		}
		if (ex.method.equals("GET") && ex.path.equals("/v1/chat/conversations")) {
			List<ObjectNode> conversations = new ArrayList<>(
					this.seed.cloudConversations.getOrDefault(botId, List.of()));
			String field = ex.query.getOrDefault("sortField", "createdAt");
			Comparator<ObjectNode> order = Comparator.comparing((ObjectNode c) -> c.get(field).asText());
			conversations.sort(ex.query.getOrDefault("sortDirection", "asc").equals("desc") ? order.reversed() : order);
			page(ex, "conversations", conversations);
			return;
		}
		if (ex.method.equals("GET") && ex.path.equals("/v1/chat/messages")) {
			String conversation = ex.query.get("conversationId");
			List<ObjectNode> messages = new ArrayList<>(this.seed.cloudMessages.getOrDefault(conversation, List.of()));
			messages.sort(Comparator.comparing((ObjectNode c) -> c.get("createdAt").asText()).reversed());
			page(ex, "messages", messages);
			return;
		}
		Matcher m = PARTICIPANTS.matcher(ex.path);
		if (ex.method.equals("GET") && m.matches()) {
			if (!conversationOf(botId, m.group(1))) {
				error(ex, 404, "ResourceNotFound", "Conversation " + m.group(1) + " not found");
				return;
			}
			page(ex, "participants", this.seed.cloudParticipants.getOrDefault(m.group(1), List.of()));
			return;
		}
		error(ex, 404, "ResourceNotFound", "No route " + ex.method + " " + ex.path);
	}

	private void analytics(Exchange ex, String botId) {
		Instant from;
		Instant to;
		try {
			from = Instant.parse(ex.query.get("startDate"));
			to = Instant.parse(ex.query.get("endDate"));
		}
		catch (NullPointerException | DateTimeParseException e) {
			error(ex, 400, "InvalidPayload", "startDate and endDate are required ISO 8601 dates");
			return;
		}
		ObjectNode body = Exchange.JSON.createObjectNode();
		ArrayNode records = body.putArray("records");
		for (Instant day : BotpressSeed.days(from, to)) {
			ObjectNode record = records.addObject()
				.put("startDateTimeUtc", day.toString())
				.put("endDateTimeUtc", day.plus(Duration.ofDays(1)).toString())
				.put("returningUsers", BotpressSeed.CLOUD_DAILY_RETURNING_USERS)
				.put("newUsers", BotpressSeed.CLOUD_DAILY_NEW_USERS)
				.put("sessions", BotpressSeed.CLOUD_DAILY_SESSIONS)
				.put("messages", BotpressSeed.CLOUD_DAILY_USER_MESSAGES + BotpressSeed.CLOUD_DAILY_BOT_MESSAGES)
				.put("userMessages", BotpressSeed.CLOUD_DAILY_USER_MESSAGES)
				.put("botMessages", BotpressSeed.CLOUD_DAILY_BOT_MESSAGES)
				.put("events", 20);
			record.putObject("eventTypes").put("message_created", 20);
			record.putObject("customEvents");
			ObjectNode llm = record.putObject("llm")
				.put("calls", 0)
				.put("errors", 0)
				.put("inputTokens", 0)
				.put("outputTokens", 0);
			for (String stat : List.of("latency", "tokensPerSecond")) {
				llm.putObject(stat).put("mean", 0).put("sd", 0).put("min", 0).put("max", 0);
			}
			llm.putObject("cost").put("sum", 0).put("mean", 0).put("sd", 0).put("min", 0).put("max", 0);
		}
		ex.json(200, body);
	}

	private void deploy(Exchange ex, ObjectNode bot) {
		JsonNode body = ex.jsonBody();
		String versionId = (body == null) ? null : body.path("versionId").asText(null);
		if (versionId == null) {
			error(ex, 400, "InvalidPayload", "versionId is required");
			return;
		}
		String botId = bot.get("id").asText();
		boolean known = this.seed.cloudVersions.getOrDefault(botId, List.of())
			.stream()
			.anyMatch((v) -> v.get("id").asText().equals(versionId));
		if (!known) {
			error(ex, 404, "ResourceNotFound", "Version " + versionId + " not found");
			return;
		}
		this.deployedVersions.put(botId, versionId);
		synchronized (bot) {
			bot.put("deployedAt", this.owner.now().toString());
			bot.put("updatedAt", this.owner.now().toString());
		}
		ex.json(200, Exchange.JSON.createObjectNode());
	}

	/**
	 * One page of {@code items}: {@code pageSize} (at most the double's maximum) from the
	 * offset in {@code nextToken}.
	 */
	private void page(Exchange ex, String name, List<ObjectNode> items) {
		int offset = 0;
		String token = ex.query.get("nextToken");
		if (token != null) {
			try {
				String text = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
				if (!text.startsWith("offset=")) {
					throw new IllegalArgumentException(text);
				}
				offset = Integer.parseInt(text.replaceAll("\\D", ""));
			}
			catch (IllegalArgumentException | IndexOutOfBoundsException e) {
				error(ex, 400, "InvalidPayload", "nextToken is invalid");
				return;
			}
		}
		int size = DEFAULT_PAGE;
		if (ex.query.containsKey("pageSize")) {
			try {
				size = Integer.parseInt(ex.query.get("pageSize"));
			}
			catch (NumberFormatException e) {
				error(ex, 400, "InvalidPayload", "pageSize must be a number");
				return;
			}
		}
		size = Math.max(1, Math.min(size, this.owner.maxPageSize()));
		int end = Math.min(items.size(), offset + size);
		ObjectNode body = Exchange.JSON.createObjectNode();
		ArrayNode array = body.putArray(name);
		for (int i = Math.min(offset, items.size()); i < end; i++) {
			array.add(items.get(i));
		}
		ObjectNode meta = body.putObject("meta");
		if (end < items.size()) {
			// opaque to callers; base64 with padding, so it must be URL-encoded on the
			// way back
			String state = "offset=" + end + ";";
			state = (state.length() % 3 == 0) ? state + ";" : state;
			meta.put("nextToken", Base64.getEncoder().encodeToString(state.getBytes(StandardCharsets.UTF_8)));
		}
		ex.json(200, body);
	}

	private ObjectNode bot(String workspace, String botId) {
		for (ObjectNode bot : this.seed.cloudBots.getOrDefault(workspace, List.of())) {
			if (bot.get("id").asText().equals(botId)) {
				return bot;
			}
		}
		return null;
	}

	private boolean conversationOf(String botId, String conversationId) {
		return this.seed.cloudConversations.getOrDefault(botId, List.of())
			.stream()
			.anyMatch((c) -> c.get("id").asText().equals(conversationId));
	}

	static void error(Exchange ex, int code, String type, String message) {
		ex.json(code,
				Exchange.JSON.createObjectNode()
					.put("id", "err_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16))
					.put("code", code)
					.put("type", type)
					.put("message", message));
	}

}
