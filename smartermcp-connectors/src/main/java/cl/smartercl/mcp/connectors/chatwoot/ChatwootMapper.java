package cl.smartercl.mcp.connectors.chatwoot;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;

import tools.jackson.databind.JsonNode;

import cl.smartercl.mcp.core.error.BackendException;
import cl.smartercl.mcp.core.tools.support.Conversation;
import cl.smartercl.mcp.core.tools.support.ConversationsPage;
import cl.smartercl.mcp.core.tools.support.SupportAgentsStatus;
import cl.smartercl.mcp.core.tools.support.SupportMetrics;

/** Chatwoot's JSON to the support contracts. */
final class ChatwootMapper {

	private static final int MAX_MESSAGE = 200;

	private static final int EXCERPT_CONTEXT = 60;

	private final LongFunction<URI> links;

	ChatwootMapper(LongFunction<URI> links) {
		this.links = links;
	}

	// ---- conversations
	// ---------------------------------------------------------------------------

	/** The inboxes of {@code {"payload":[…]}} by id. */
	Map<Long, Conversation.Inbox> inboxes(JsonNode json) {
		Map<Long, Conversation.Inbox> inboxes = new LinkedHashMap<>();
		for (JsonNode inbox : json.path("payload")) {
			long id = inbox.path("id").asLong(0);
			inboxes.put(id, new Conversation.Inbox(id, text(inbox, "name"), channel(text(inbox, "channel_type"))));
		}
		return inboxes;
	}

	/**
	 * The {@code data} of a conversation list ({@code {"data":{"meta","payload"}}}); the
	 * filter and the message search answer {@code {"meta","payload"}} without the wrapper
	 * [backend-notes §3].
	 */
	static JsonNode listBody(JsonNode json) {
		JsonNode body = json.has("data") ? json.path("data") : json;
		if (!body.path("payload").isArray()) {
			throw incomplete("a conversation list without its payload");
		}
		return body;
	}

	static ConversationsPage.Counts counts(JsonNode meta) {
		return new ConversationsPage.Counts(metaCount(meta, "mine_count"), metaCount(meta, "assigned_count"),
				metaCount(meta, "unassigned_count"), metaCount(meta, "all_count"));
	}

	Conversation conversation(JsonNode c, Map<Long, Conversation.Inbox> inboxes) {
		if (!c.path("id").canConvertToLong() || !c.path("id").isNumber()) {
			throw incomplete("a conversation without its id");
		}
		long id = c.path("id").asLong();
		JsonNode meta = c.path("meta");
		long inboxId = c.path("inbox_id").asLong(0);
		Conversation.Inbox inbox = inboxes.getOrDefault(inboxId,
				new Conversation.Inbox(inboxId, null, channel(text(meta, "channel"))));
		JsonNode sender = meta.path("sender");
		Conversation.Contact contact = sender.isObject() ? new Conversation.Contact(sender.path("id").asLong(0),
				text(sender, "name"), text(sender, "email"), text(sender, "phone_number")) : null;
		JsonNode agent = meta.path("assignee");
		Conversation.Assignee assignee = agent.isObject() ? new Conversation.Assignee(agent.path("id").asLong(0),
				name(agent), text(agent, "email"), "AgentBot".equals(text(meta, "assignee_type")) ? "bot" : "agent")
				: null;
		List<String> labels = new ArrayList<>();
		c.path("labels").forEach((label) -> labels.add(label.asString()));
		return new Conversation(id, text(c, "status"), text(c, "priority"), inbox, contact, assignee, labels,
				c.path("unread_count").asInt(0), shorten(lastMessage(c), MAX_MESSAGE),
				instant(c.has("last_activity_at") ? c.path("last_activity_at") : c.path("timestamp")),
				instant(c.path("waiting_since")), this.links.apply(id));
	}

	private static String lastMessage(JsonNode c) {
		JsonNode last = c.path("last_non_activity_message");
		if (last.isObject() && last.path("content").isString()) {
			return last.path("content").stringValue();
		}
		JsonNode messages = c.path("messages");
		if (messages.isArray() && !messages.isEmpty()) {
			return text(messages.get(messages.size() - 1), "content");
		}
		return null;
	}

	/**
	 * The message of {@code {"payload":[…]}} that contains the text, newest first,
	 * shortened around it.
	 */
	static String excerpt(JsonNode messages, String needle) {
		String lower = needle.toLowerCase(Locale.ROOT);
		JsonNode payload = messages.path("payload");
		for (int i = payload.size() - 1; i >= 0; i--) {
			JsonNode message = payload.get(i);
			String content = text(message, "content");
			if (content == null || message.path("private").asBoolean(false)) {
				continue;
			}
			int at = content.toLowerCase(Locale.ROOT).indexOf(lower);
			if (at >= 0) {
				int from = Math.max(0, at - EXCERPT_CONTEXT);
				int to = Math.min(content.length(), at + needle.length() + EXCERPT_CONTEXT);
				String oneLine = content.substring(from, to).replaceAll("\\s+", " ").strip();
				return ((from > 0) ? "…" : "") + oneLine + ((to < content.length()) ? "…" : "");
			}
		}
		return null;
	}

	// ---- agents
	// ----------------------------------------------------------------------------------

	static SupportAgentsStatus.Output agents(JsonNode json) {
		if (!json.isArray()) {
			throw incomplete("an agent list that is not a list");
		}
		List<SupportAgentsStatus.Agent> agents = new ArrayList<>();
		for (JsonNode agent : json) {
			agents.add(new SupportAgentsStatus.Agent(agent.path("id").asLong(0), name(agent), text(agent, "email"),
					text(agent, "role"), availability(text(agent, "availability_status")),
					agent.path("auto_offline").asBoolean(false), agent.path("confirmed").asBoolean(false)));
		}
		agents.sort((a, b) -> (rank(a.availability()) != rank(b.availability()))
				? Integer.compare(rank(a.availability()), rank(b.availability()))
				: String.CASE_INSENSITIVE_ORDER.compare(String.valueOf(a.name()), String.valueOf(b.name())));
		int online = (int) agents.stream().filter((a) -> "online".equals(a.availability())).count();
		int busy = (int) agents.stream().filter((a) -> "busy".equals(a.availability())).count();
		int offline = (int) agents.stream().filter((a) -> "offline".equals(a.availability())).count();
		return new SupportAgentsStatus.Output(agents, online, busy, offline, agents.size());
	}

	/**
	 * Chatwoot's values are {@code online|busy|offline} (the
	 * {@code account_users.availability} enum); its swagger says {@code available}, which
	 * is read as online should a build ever send it [backend-notes §6.1].
	 */
	static String availability(String value) {
		if (value == null) {
			return "offline";
		}
		return "available".equals(value) ? "online" : value;
	}

	private static int rank(String availability) {
		return switch (availability) {
			case "online" -> 0;
			case "busy" -> 1;
			case "offline" -> 2;
			default -> 3;
		};
	}

	static String name(JsonNode agent) {
		String available = text(agent, "available_name");
		return (available != null && !available.isBlank()) ? available : text(agent, "name");
	}

	// ---- metrics
	// ---------------------------------------------------------------------------------

	static SupportMetrics.Count count(JsonNode summary, String field) {
		if (!summary.path(field).isNumber() && !summary.path(field).isString()) {
			throw incomplete("a report summary without " + field);
		}
		long current = Math.round(number(summary.path(field)));
		long previous = Math.round(numberOr(summary.path("previous").path(field), 0));
		Double change = (previous == 0) ? null : round((current - previous) * 100.0 / previous);
		return new SupportMetrics.Count(current, previous, change);
	}

	static SupportMetrics.Time time(JsonNode summary, String field) {
		Double current = seconds(summary.path(field));
		Double previous = seconds(summary.path("previous").path(field));
		return new SupportMetrics.Time(current, human(current), previous, human(previous));
	}

	/**
	 * CSAT as the dashboard computes it: (ratings 4 + 5) / responses; responses / surveys
	 * sent [backend-notes §3].
	 */
	static SupportMetrics.Csat csat(JsonNode current, JsonNode previous) {
		long responses = current.path("total_count").asLong(0);
		long sent = current.path("total_sent_messages_count").asLong(0);
		long previousResponses = previous.path("total_count").asLong(0);
		long previousSent = previous.path("total_sent_messages_count").asLong(0);
		return new SupportMetrics.Csat(score(current), responses, sent, rate(responses, sent), score(previous),
				previousResponses, rate(previousResponses, previousSent));
	}

	private static Double score(JsonNode csat) {
		long total = csat.path("total_count").asLong(0);
		if (total == 0) {
			return null;
		}
		JsonNode ratings = csat.path("ratings_count");
		long good = ratings.path("4").asLong(0) + ratings.path("5").asLong(0);
		return round(good * 100.0 / total);
	}

	private static Double rate(long responses, long sent) {
		return (sent == 0) ? null : round(responses * 100.0 / sent);
	}

	/** Report averages are strings, decimals or null [backend-notes §3]. */
	static Double seconds(JsonNode value) {
		if (value.isNumber()) {
			return round(value.asDouble());
		}
		if (value.isString() && !value.stringValue().isBlank()) {
			try {
				return round(new BigDecimal(value.stringValue().strip()).doubleValue());
			}
			catch (NumberFormatException ex) {
				throw incomplete("a report time that is not a number");
			}
		}
		return null;
	}

	/**
	 * Seconds in words: {@code 45 s}, {@code 3 min 20 s}, {@code 1 h 5 min},
	 * {@code 2 d 4 h}.
	 */
	static String human(Double seconds) {
		if (seconds == null) {
			return null;
		}
		long s = Math.round(seconds);
		if (s < 60) {
			return s + " s";
		}
		if (s < 3600) {
			return (s / 60) + " min" + ((s % 60 == 0) ? "" : " " + (s % 60) + " s");
		}
		if (s < 86_400) {
			long minutes = (s % 3600) / 60;
			return (s / 3600) + " h" + ((minutes == 0) ? "" : " " + minutes + " min");
		}
		long hours = (s % 86_400) / 3600;
		return (s / 86_400) + " d" + ((hours == 0) ? "" : " " + hours + " h");
	}

	// ---- small helpers
	// ---------------------------------------------------------------------------

	static String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return value.isString() ? value.stringValue() : (value.isNumber() ? value.asString() : null);
	}

	private static Long metaCount(JsonNode meta, String field) {
		return meta.path(field).isNumber() ? meta.path(field).asLong() : null;
	}

	private static double number(JsonNode value) {
		if (value.isNumber()) {
			return value.asDouble();
		}
		try {
			return Double.parseDouble(value.stringValue());
		}
		catch (NumberFormatException ex) {
			throw incomplete("a report count that is not a number");
		}
	}

	private static double numberOr(JsonNode value, double fallback) {
		return (value.isNumber() || value.isString()) ? number(value) : fallback;
	}

	/**
	 * Unix seconds to an instant; Chatwoot writes 0 (its {@code nil.to_i}) for "never".
	 */
	private static Instant instant(JsonNode value) {
		if (!value.isNumber()) {
			return null;
		}
		long seconds = value.asLong();
		return (seconds <= 0) ? null : Instant.ofEpochSecond(seconds);
	}

	private static String channel(String type) {
		if (type == null) {
			return null;
		}
		// Channel::WebWidget -> web_widget
		String bare = type.startsWith("Channel::") ? type.substring("Channel::".length()) : type;
		return bare.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
	}

	private static String shorten(String text, int max) {
		if (text == null) {
			return null;
		}
		String line = text.replaceAll("\\s+", " ").strip();
		return (line.length() > max) ? line.substring(0, max) + "…" : line;
	}

	private static Double round(double value) {
		return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).doubleValue();
	}

	static BackendException incomplete(String what) {
		return new BackendException(ChatwootApi.SERVICE, "Chatwoot gave an incomplete answer: " + what);
	}

}
