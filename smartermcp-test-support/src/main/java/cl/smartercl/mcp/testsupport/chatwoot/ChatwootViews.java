package cl.smartercl.mcp.testsupport.chatwoot;

import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cl.smartercl.mcp.testsupport.chatwoot.ChatwootSeed.Conv;
import cl.smartercl.mcp.testsupport.chatwoot.ChatwootSeed.Message;
import cl.smartercl.mcp.testsupport.chatwoot.ChatwootSeed.User;

/**
 * The JSON Chatwoot renders for one account, after its jbuilder views (conversation
 * partial, agent, inbox, message push data, search results, report summary, CSAT metrics)
 * as described in {@code shared/backend-notes/chatwoot.md} §3. Times are Unix seconds; a
 * missing time is Chatwoot's {@code nil.to_i}, 0.
 */
final class ChatwootViews {

	private final ChatwootSeed seed;

	private final long accountId;

	ChatwootViews(ChatwootSeed seed, long accountId) {
		this.seed = seed;
		this.accountId = accountId;
	}

	List<Conv> all() {
		return this.seed.conversations(this.accountId);
	}

	Conv byDisplayId(long displayId) {
		return all().stream().filter((c) -> c.displayId == displayId).findFirst().orElse(null);
	}

	ArrayNode conversations(List<Conv> conversations) {
		ArrayNode array = ChatwootDouble.JSON.createArrayNode();
		conversations.forEach((c) -> array.add(conversation(c)));
		return array;
	}

	/** {@code api/v1/conversations/partials/_conversation.json.jbuilder}. */
	ObjectNode conversation(Conv c) {
		ObjectNode json = ChatwootDouble.JSON.createObjectNode();
		ObjectNode meta = json.putObject("meta");
		meta.set("sender", contact(this.seed.contact(c.contactId)));
		meta.put("channel", this.seed.inbox(c.inboxId).channelType());
		if (c.assigneeId != null) {
			meta.set("assignee", agent(this.seed.user(c.assigneeId)));
		}
		meta.put("hmac_verified", false);
		json.put("id", c.displayId);
		ArrayNode messages = json.putArray("messages");
		if (!c.messages.isEmpty()) {
			messages.add(message(c, c.messages.get(c.messages.size() - 1)));
		}
		json.put("account_id", c.accountId);
		json.put("uuid", "00000000-0000-4000-8000-" + String.format("%012d", c.id));
		json.putObject("additional_attributes");
		json.put("agent_last_seen_at", 0);
		json.put("assignee_last_seen_at", 0);
		json.put("can_reply", true);
		json.put("contact_last_seen_at", 0);
		json.putObject("custom_attributes");
		json.put("inbox_id", c.inboxId);
		ArrayNode labels = json.putArray("labels");
		c.labels.forEach(labels::add);
		json.put("muted", false);
		if (c.snoozedUntil == null) {
			json.putNull("snoozed_until");
		}
		else {
			json.put("snoozed_until", c.snoozedUntil.getEpochSecond());
		}
		json.put("status", c.status);
		json.put("created_at", c.createdAt.getEpochSecond());
		json.put("timestamp", c.lastActivityAt.getEpochSecond());
		json.put("first_reply_created_at", seconds(c.firstReplyAt()));
		json.put("unread_count", c.unread);
		Message last = null;
		for (Message m : c.messages) {
			if (m.messageType() != 2) {
				last = m;
			}
		}
		if (last == null) {
			json.putNull("last_non_activity_message");
		}
		else {
			json.set("last_non_activity_message", message(c, last));
		}
		json.put("last_activity_at", c.lastActivityAt.getEpochSecond());
		if (c.priority == null) {
			json.putNull("priority");
		}
		else {
			json.put("priority", c.priority);
		}
		json.put("waiting_since", seconds(c.waitingSince()));
		json.putNull("sla_policy_id");
		return json;
	}

	/** {@code Message#push_event_data}. */
	private ObjectNode message(Conv c, Message m) {
		ObjectNode json = ChatwootDouble.JSON.createObjectNode();
		json.put("id", m.id());
		json.put("content", m.content());
		json.put("account_id", c.accountId);
		json.put("inbox_id", c.inboxId);
		json.put("conversation_id", c.displayId);
		json.put("message_type", m.messageType());
		json.put("created_at", m.createdAt().getEpochSecond());
		json.put("updated_at", m.createdAt().getEpochSecond());
		json.put("private", m.privateNote());
		json.put("status", "sent");
		json.put("content_type", "text");
		json.putObject("content_attributes");
		json.put("sender_id", m.senderId());
		json.putObject("external_source_ids");
		json.putObject("additional_attributes");
		json.put("processed_message_content", m.content());
		json.putObject("sentiment");
		ObjectNode sender = json.putObject("sender");
		if (m.messageType() == 0) {
			ChatwootSeed.Contact contact = this.seed.contact(m.senderId());
			sender.put("id", contact.id()).put("name", contact.name()).put("type", "contact");
		}
		else {
			User user = this.seed.user(m.senderId());
			sender.put("id", user.id()).put("name", user.name()).put("type", "user");
		}
		return json;
	}

	/** {@code api/v1/models/_contact.json.jbuilder}, the fields the list shows. */
	private ObjectNode contact(ChatwootSeed.Contact contact) {
		ObjectNode json = ChatwootDouble.JSON.createObjectNode();
		json.putObject("additional_attributes");
		json.put("availability_status", "offline");
		json.put("email", contact.email());
		json.put("id", contact.id());
		json.put("name", contact.name());
		json.put("phone_number", contact.phone());
		json.put("blocked", false);
		if (contact.identifier() != null) {
			json.put("identifier", contact.identifier());
		}
		json.put("thumbnail", "");
		json.putObject("custom_attributes");
		json.put("created_at", this.seed.now.minusSeconds(90L * 86_400).getEpochSecond());
		return json;
	}

	/** {@code api/v1/models/_agent.json.jbuilder}. */
	ObjectNode agent(User user) {
		ObjectNode json = ChatwootDouble.JSON.createObjectNode();
		json.put("id", user.id());
		json.put("account_id", user.accountId());
		json.put("availability_status", user.availability());
		json.put("auto_offline", user.autoOffline());
		json.put("confirmed", true);
		json.put("email", user.email());
		json.put("provider", "email");
		json.put("available_name", user.name());
		json.put("name", user.name());
		json.put("role", user.role());
		json.put("thumbnail", "");
		return json;
	}

	ArrayNode agents() {
		ArrayNode array = ChatwootDouble.JSON.createArrayNode();
		this.seed.users.stream().filter((u) -> u.accountId() == this.accountId).forEach((u) -> array.add(agent(u)));
		return array;
	}

	ObjectNode inboxes() {
		ObjectNode json = ChatwootDouble.JSON.createObjectNode();
		ArrayNode payload = json.putArray("payload");
		this.seed.inboxes.stream().filter((b) -> b.accountId() == this.accountId).forEach((b) -> {
			ObjectNode inbox = payload.addObject();
			inbox.put("id", b.id());
			inbox.put("name", b.name());
			inbox.put("channel_type", b.channelType());
			inbox.put("avatar_url", "");
			inbox.put("enable_auto_assignment", true);
			inbox.put("greeting_enabled", false);
			inbox.put("csat_survey_enabled", true);
			inbox.put("working_hours_enabled", false);
			inbox.put("timezone", "UTC");
		});
		return json;
	}

	/** {@code GET /conversations/{id}/messages}: {@code {"meta":{…},"payload":[…]}}. */
	ObjectNode messages(Conv c) {
		ObjectNode json = ChatwootDouble.JSON.createObjectNode();
		ObjectNode meta = json.putObject("meta");
		ArrayNode labels = meta.putArray("labels");
		c.labels.forEach(labels::add);
		meta.putObject("additional_attributes");
		ArrayNode payload = json.putArray("payload");
		c.messages.forEach((m) -> payload.add(message(c, m)));
		return json;
	}

	/** One result of {@code GET /search/conversations}. */
	ObjectNode searchHit(Conv c) {
		ObjectNode json = ChatwootDouble.JSON.createObjectNode();
		json.put("id", c.displayId);
		json.put("account_id", c.accountId);
		json.put("created_at", c.createdAt.getEpochSecond());
		json.set("message", message(c, c.messages.get(c.messages.size() - 1)));
		ChatwootSeed.Contact contact = this.seed.contact(c.contactId);
		json.putObject("contact")
			.put("id", contact.id())
			.put("name", contact.name())
			.put("email", contact.email())
			.put("phone_number", contact.phone());
		ChatwootSeed.Inbox inbox = this.seed.inbox(c.inboxId);
		json.putObject("inbox")
			.put("id", inbox.id())
			.put("name", inbox.name())
			.put("channel_type", inbox.channelType());
		if (c.assigneeId != null) {
			User agent = this.seed.user(c.assigneeId);
			json.putObject("agent").put("id", agent.id()).put("name", agent.name()).put("email", agent.email());
		}
		json.putObject("additional_attributes");
		return json;
	}

	/**
	 * The account summary between two Unix seconds: conversations created, messages in
	 * and out, resolutions, and average first response and resolution times (reporting
	 * events), averages as decimal strings.
	 */
	ObjectNode summary(long since, long until) {
		List<Conv> created = all().stream().filter((c) -> within(c.createdAt, since, until)).toList();
		long incoming = all().stream()
			.flatMap((c) -> c.messages.stream())
			.filter((m) -> m.messageType() == 0 && within(m.createdAt(), since, until))
			.count();
		long outgoing = all().stream()
			.flatMap((c) -> c.messages.stream())
			.filter((m) -> m.messageType() == 1 && !m.privateNote() && within(m.createdAt(), since, until))
			.count();
		List<Conv> resolved = all().stream()
			.filter((c) -> c.resolvedAt != null && within(c.resolvedAt, since, until))
			.toList();
		OptionalDouble firstResponse = all().stream()
			.filter((c) -> c.firstReplyAt() != null && within(c.firstReplyAt(), since, until))
			.mapToLong((c) -> c.firstReplyAt().getEpochSecond() - c.createdAt.getEpochSecond())
			.average();
		OptionalDouble resolution = resolved.stream()
			.mapToLong((c) -> c.resolvedAt.getEpochSecond() - c.createdAt.getEpochSecond())
			.average();
		ObjectNode json = ChatwootDouble.JSON.createObjectNode();
		json.put("conversations_count", created.size());
		json.put("incoming_messages_count", incoming);
		json.put("outgoing_messages_count", outgoing);
		average(json, "avg_first_response_time", firstResponse);
		average(json, "avg_resolution_time", resolution);
		json.put("resolutions_count", resolved.size());
		json.putNull("reply_time");
		return json;
	}

	/** {@code csat_survey_responses/metrics.json.jbuilder}. */
	ObjectNode csatMetrics(long since, long until) {
		List<ChatwootSeed.Csat> sent = this.seed.csat.stream()
			.filter((s) -> s.accountId() == this.accountId && within(s.sentAt(), since, until))
			.toList();
		List<ChatwootSeed.Csat> answered = this.seed.csat.stream()
			.filter((s) -> s.accountId() == this.accountId && s.rating() != null
					&& within(s.answeredAt(), since, until))
			.toList();
		ObjectNode json = ChatwootDouble.JSON.createObjectNode();
		json.put("total_count", answered.size());
		ObjectNode ratings = json.putObject("ratings_count");
		for (int r = 1; r <= 5; r++) {
			int rating = r;
			long n = answered.stream().filter((s) -> s.rating() == rating).count();
			if (n > 0) {
				ratings.put(Integer.toString(r), n);
			}
		}
		json.put("total_sent_messages_count", sent.size());
		return json;
	}

	static ObjectNode profile(User user, ChatwootSeed seed) {
		ObjectNode json = ChatwootDouble.JSON.createObjectNode();
		json.put("id", user.id());
		json.put("account_id", user.accountId());
		json.put("available_name", user.name());
		json.put("confirmed", true);
		json.put("email", user.email());
		json.put("name", user.name());
		json.put("provider", "email");
		json.put("role", user.role());
		ArrayNode accounts = json.putArray("accounts");
		seed.accounts.stream()
			.filter((a) -> a.id() == user.accountId())
			.forEach((a) -> accounts.addObject()
				.put("id", a.id())
				.put("name", a.name())
				.put("role", user.role())
				.put("availability", user.availability())
				.put("availability_status", user.availability())
				.put("auto_offline", user.autoOffline()));
		return json;
	}

	private static void average(ObjectNode json, String field, OptionalDouble value) {
		if (value.isPresent()) {
			json.put(field, String.format(java.util.Locale.ROOT, "%.2f", value.getAsDouble()));
		}
		else {
			json.putNull(field);
		}
	}

	private static boolean within(Instant at, long since, long until) {
		long s = at.getEpochSecond();
		return s >= since && s <= until;
	}

	private static long seconds(Instant at) {
		return (at == null) ? 0 : at.getEpochSecond();
	}

}
