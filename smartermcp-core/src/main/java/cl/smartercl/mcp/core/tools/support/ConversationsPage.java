package cl.smartercl.mcp.core.tools.support;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * One page of {@code support_conversations_list}.
 *
 * @param conversations newest activity first
 * @param count how many are on this page
 * @param total how many conversations match the status and assignee in all
 * @param truncated whether more match than this page holds
 * @param nextCursor hands the next page out; {@code null} on the last page
 * @param counts the help desk's counts for the status, by assignee
 */
public record ConversationsPage(List<Conversation> conversations, int count,
		@JsonPropertyDescription("How many conversations match in all.") Long total, boolean truncated,
		@JsonPropertyDescription("Pass as cursor to get the next page; null on the last page.") String nextCursor,
		Counts counts) {

	/**
	 * Chatwoot's own counts for the requested status (its {@code meta}): assigned to the
	 * token's user, assigned to anyone, unassigned, and all.
	 */
	public record Counts(@JsonPropertyDescription("Assigned to the user whose token the server uses.") Long mine,
			Long assigned, Long unassigned, Long all) {
	}

}
