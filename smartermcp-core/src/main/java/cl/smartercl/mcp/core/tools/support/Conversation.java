package cl.smartercl.mcp.core.tools.support;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A support conversation as the support tools return it. */
public record Conversation(@JsonPropertyDescription("The conversation number shown in Chatwoot.") long id, String status,
		String inbox, String contactName, String contactEmail, String assignee, int unreadCount,
		@JsonPropertyDescription("The latest message, shortened.") String lastMessage, Instant lastActivityAt) {
}
