package cl.smartercl.mcp.core.tools.support;

import java.util.List;

/** Conversations returned by the list and search tools. */
public record ConversationsPage(List<Conversation> conversations, int count, boolean truncated) {
}
