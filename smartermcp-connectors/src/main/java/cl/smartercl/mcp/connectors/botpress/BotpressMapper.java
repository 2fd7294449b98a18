package cl.smartercl.mcp.connectors.botpress;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import org.springframework.web.util.UriUtils;

import cl.smartercl.mcp.core.tools.bots.BotsAnalytics;
import cl.smartercl.mcp.core.tools.bots.BotsConversations;
import cl.smartercl.mcp.core.tools.bots.BotsList;

/** Botpress wire objects (both flavours) to the bot tools' records. */
final class BotpressMapper {

	private static final int MAX_TEXT = 2000;

	private BotpressMapper() {
	}

	// ---- Cloud
	// -----------------------------------------------------------------------------------

	/**
	 * A bot of {@code listBots}: {@code {id, name, createdAt, updatedAt, deployedAt?,
	 * tags}}.
	 */
	static BotsList.Bot cloudBot(JsonNode bot) {
		Instant deployedAt = instant(bot.path("deployedAt"));
		String description = bot.path("description").isString() ? bot.path("description").stringValue() : null;
		return new BotsList.Bot(bot.path("id").asString(""), bot.path("name").asString(""), description,
				(deployedAt != null) ? BotsList.Status.ENABLED : BotsList.Status.NOT_DEPLOYED, deployedAt,
				instant(bot.path("updatedAt")), null);
	}

	static BotsConversations.BotConversation cloudConversation(JsonNode conversation, JsonNode participants,
			List<JsonNode> messages) {
		List<String> ids = new ArrayList<>();
		participants.forEach((p) -> ids.add(p.path("id").asString("")));
		JsonNode count = conversation.path("messageCount");
		return new BotsConversations.BotConversation(conversation.path("id").asString(""),
				channel(conversation.path("integration").asString(null), conversation.path("channel").asString(null)),
				ids, instant(conversation.path("createdAt")), instant(conversation.path("updatedAt")),
				count.isNumber() ? count.asInt() : null, null,
				(messages == null) ? null : messages.stream().map(BotpressMapper::cloudMessage).toList());
	}

	private static BotsConversations.BotMessage cloudMessage(JsonNode message) {
		JsonNode payload = message.path("payload");
		return new BotsConversations.BotMessage(message.path("id").asString(""),
				message.path("direction").asString(null), message.path("type").asString(null), text(payload),
				message.path("userId").asString(null), instant(message.path("createdAt")));
	}

	/**
	 * Sums {@code getBotAnalytics} records. Cloud counts no goals, so there is no
	 * completion rate.
	 */
	static BotpressFlavourApi.Usage cloudUsage(JsonNode records) {
		Map<String, Double> sums = new LinkedHashMap<>();
		for (String field : List.of("sessions", "userMessages", "botMessages", "newUsers", "returningUsers")) {
			double sum = 0;
			for (JsonNode record : records) {
				sum += record.path(field).asDouble(0);
			}
			sums.put(field, sum);
		}
		List<BotsAnalytics.Metric> metrics = List.of(
				new BotsAnalytics.Metric("sessions", sums.get("sessions"), "sessions"),
				new BotsAnalytics.Metric("messages_in", sums.get("userMessages"), "userMessages"),
				new BotsAnalytics.Metric("messages_out", sums.get("botMessages"), "botMessages"),
				new BotsAnalytics.Metric("new_users", sums.get("newUsers"), "newUsers"),
				new BotsAnalytics.Metric("returning_users", sums.get("returningUsers"), "returningUsers"),
				new BotsAnalytics.Metric("users", sums.get("newUsers") + sums.get("returningUsers"),
						"newUsers + returningUsers"));
		return new BotpressFlavourApi.Usage(BotpressCloudApi.ANALYTICS_SOURCE, metrics,
				List.of("completion_rate: Botpress Cloud bot analytics count no goals or workflow completions"));
	}

	// ---- v12
	// -------------------------------------------------------------------------------------

	/**
	 * A bot config of {@code GET /api/v2/admin/workspace/bots}:
	 * {@code {id, name, description, disabled, pipeline_status: {current_stage: {id,
	 * promoted_on}}}}. v12 keeps no update time.
	 */
	static BotsList.Bot v12Bot(JsonNode bot) {
		JsonNode stage = bot.path("pipeline_status").path("current_stage");
		String description = bot.path("description").isString() ? bot.path("description").stringValue() : null;
		return new BotsList.Bot(bot.path("id").asString(""), bot.path("name").asString(""),
				(description == null || description.isBlank()) ? null : description,
				bot.path("disabled").asBoolean(false) ? BotsList.Status.DISABLED : BotsList.Status.ENABLED,
				instant(stage.path("promoted_on")), null,
				stage.path("id").isString() ? stage.path("id").stringValue() : null);
	}

	/**
	 * A hitlnext handoff:
	 * {@code {id, userId, agentId?, status, userChannel, userThreadId, createdAt,
	 * updatedAt}}; the conversation is the user's thread.
	 */
	static BotsConversations.BotConversation v12Handoff(JsonNode handoff, List<JsonNode> events) {
		Set<String> participants = new LinkedHashSet<>();
		if (handoff.path("userId").isString()) {
			participants.add(handoff.path("userId").stringValue());
		}
		if (handoff.path("agentId").isString()) {
			participants.add(handoff.path("agentId").stringValue());
		}
		return new BotsConversations.BotConversation(handoff.path("userThreadId").asString(""),
				handoff.path("userChannel").asString(null), List.copyOf(participants),
				instant(handoff.path("createdAt")), instant(handoff.path("updatedAt")), null,
				handoff.path("status").asString(null),
				(events == null) ? null : events.stream().map(BotpressMapper::v12Message).toList());
	}

	/**
	 * A stored event of the hitlnext messages route: {@code {id, direction, target,
	 * createdOn, event}}, where {@code event} is the IO event as an object or as JSON
	 * text.
	 */
	private static BotsConversations.BotMessage v12Message(JsonNode stored) {
		JsonNode event = stored.path("event");
		if (event.isString()) {
			try {
				event = BotpressHttp.JSON.readTree(event.stringValue());
			}
			catch (JacksonException ex) {
				event = BotpressHttp.JSON.missingNode();
			}
		}
		JsonNode payload = event.path("payload");
		String type = event.path("type").isString() ? event.path("type").stringValue()
				: payload.path("type").asString(null);
		return new BotsConversations.BotMessage(stored.path("id").asString(""), stored.path("direction").asString(null),
				type, text(payload), stored.path("target").asString(null), instant(stored.path("createdOn")));
	}

	/**
	 * Sums the analytics module's daily rows {@code {metric, subMetric, channel, value}}
	 * per metric. Users are new plus returning, as on Cloud (the daily
	 * {@code active_users_count} would count a user once per day). Completion rate is
	 * completed over started workflows, when the bot tracks any.
	 */
	static BotpressFlavourApi.Usage v12Usage(JsonNode rows) {
		Map<String, Double> sums = new LinkedHashMap<>();
		for (JsonNode row : rows) {
			sums.merge(row.path("metric").asString(""), row.path("value").asDouble(0), Double::sum);
		}
		double newUsers = sums.getOrDefault("new_users_count", 0.0);
		double returning = sums.getOrDefault("returning_users_count", 0.0);
		List<BotsAnalytics.Metric> metrics = new ArrayList<>(List.of(
				new BotsAnalytics.Metric("sessions", sums.getOrDefault("sessions_count", 0.0), "sessions_count"),
				new BotsAnalytics.Metric("messages_in", sums.getOrDefault("msg_received_count", 0.0),
						"msg_received_count"),
				new BotsAnalytics.Metric("messages_out", sums.getOrDefault("msg_sent_count", 0.0), "msg_sent_count"),
				new BotsAnalytics.Metric("new_users", newUsers, "new_users_count"),
				new BotsAnalytics.Metric("returning_users", returning, "returning_users_count"),
				new BotsAnalytics.Metric("users", newUsers + returning, "new_users_count + returning_users_count")));
		List<String> unavailable = new ArrayList<>();
		double started = sums.getOrDefault("workflow_started_count", 0.0);
		if (started > 0) {
			metrics.add(new BotsAnalytics.Metric("completion_rate",
					Math.min(1.0, sums.getOrDefault("workflow_completed_count", 0.0) / started),
					"workflow_completed_count / workflow_started_count"));
		}
		else {
			unavailable.add(
					"completion_rate: the bot started no tracked workflow in this period (workflow_started_count is 0)");
		}
		return new BotpressFlavourApi.Usage(BotpressV12Api.ANALYTICS_SOURCE, metrics, unavailable);
	}

	// ---- shared
	// ----------------------------------------------------------------------------------

	/** The {@code limit} newest items of an array, newest first, by an ISO time field. */
	static List<JsonNode> newestFirst(JsonNode items, String timeField, int limit) {
		List<JsonNode> list = new ArrayList<>();
		items.forEach(list::add);
		list.sort(Comparator.comparing((JsonNode item) -> {
			Instant at = instant(item.path(timeField));
			return (at == null) ? Instant.EPOCH : at;
		}).reversed());
		return list.subList(0, Math.min(limit, list.size()));
	}

	/** A path segment, encoded. */
	static String segment(String value) {
		return UriUtils.encodePathSegment(value, StandardCharsets.UTF_8);
	}

	static Instant instant(JsonNode node) {
		if (!node.isString()) {
			return null;
		}
		try {
			return Instant.parse(node.stringValue());
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static String channel(String integration, String channel) {
		if (integration == null || integration.isEmpty()) {
			return channel;
		}
		return (channel == null || channel.isEmpty() || channel.equals("channel")) ? integration
				: integration + "/" + channel;
	}

	private static String text(JsonNode payload) {
		JsonNode text = payload.path("text");
		if (!text.isString()) {
			return null;
		}
		String value = text.stringValue();
		return (value.length() > MAX_TEXT) ? value.substring(0, MAX_TEXT) + "…" : value;
	}

}
