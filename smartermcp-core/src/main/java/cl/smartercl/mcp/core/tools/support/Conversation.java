package cl.smartercl.mcp.core.tools.support;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * A support conversation as the support tools return it.
 *
 * @param id the conversation number shown in the help desk (Chatwoot's per-account
 * {@code display_id})
 * @param status open, pending, resolved or snoozed
 * @param priority urgent, high, medium or low; {@code null} when none is set
 * @param inbox the inbox the conversation came in through
 * @param contact who the conversation is with
 * @param assignee who it is assigned to; {@code null} when unassigned
 * @param labels the conversation's labels
 * @param unreadCount incoming messages no agent has read yet
 * @param lastMessage the latest message, shortened
 * @param lastActivityAt when anything last happened in it
 * @param waitingSince since when the contact has been waiting for an answer; {@code null}
 * when nobody waits
 * @param link where an agent opens it in the help desk
 */
public record Conversation(@JsonPropertyDescription("The conversation number shown in Chatwoot.") long id,
		@JsonPropertyDescription("open, pending, resolved or snoozed.") String status,
		@JsonPropertyDescription("urgent, high, medium or low; null when none is set.") String priority, Inbox inbox,
		Contact contact, @JsonPropertyDescription("Null when unassigned.") Assignee assignee, List<String> labels,
		int unreadCount, @JsonPropertyDescription("The latest message, shortened.") String lastMessage,
		Instant lastActivityAt,
		@JsonPropertyDescription("Since when the contact has waited for a reply; null when nobody waits.") Instant waitingSince,
		@JsonPropertyDescription("Opens the conversation in Chatwoot.") URI link) {

	/** An inbox (a channel: website widget, email, WhatsApp...). */
	public record Inbox(long id, String name, String channel) {
	}

	/** The contact a conversation is with; any field may be {@code null}. */
	public record Contact(long id, String name, String email, String phone) {
	}

	/**
	 * The agent, or agent bot, a conversation is assigned to.
	 *
	 * @param type {@code agent} or {@code bot}
	 */
	public record Assignee(long id, String name, String email, @JsonPropertyDescription("agent or bot.") String type) {
	}

}
