package cl.smartercl.mcp.core.tools.support;

import java.util.List;

import cl.smartercl.mcp.core.auth.Scope;
import cl.smartercl.mcp.core.tool.Backend;
import cl.smartercl.mcp.core.tool.Category;
import cl.smartercl.mcp.core.tool.ToolDefinition;
import cl.smartercl.mcp.core.tool.ToolHints;

/** The four Chatwoot support tools. */
public final class SupportTools {

	private static final Backend BACKEND = Backend.CHATWOOT;

	public static final ToolDefinition<SupportConversationsList.Input, ConversationsPage> SUPPORT_CONVERSATIONS_LIST = new ToolDefinition<>(
			"support_conversations_list", Category.SUPPORT,
			"List support conversations by status (default open) and assignee (me, unassigned, assigned, or an agent), "
					+ "newest activity first, up to 100 a page.",
			Scope.READ_SUPPORT, ToolHints.readsBackend(), BACKEND, SupportConversationsList.Input.class,
			ConversationsPage.class, (ctx, in) -> ctx.port(SupportPort.class).listConversations(in));

	public static final ToolDefinition<SupportConversationsSearch.Input, SupportConversationsSearch.Output> SUPPORT_CONVERSATIONS_SEARCH = new ToolDefinition<>(
			"support_conversations_search", Category.SUPPORT,
			"Find support conversations by number (#123), by the contact's email, phone or name, or by text in their "
					+ "messages; each match says why it matched and shows the matching message.",
			Scope.READ_SUPPORT, ToolHints.readsBackend(), BACKEND, SupportConversationsSearch.Input.class,
			SupportConversationsSearch.Output.class, (ctx, in) -> ctx.port(SupportPort.class).searchConversations(in));

	public static final ToolDefinition<SupportAgentsStatus.Input, SupportAgentsStatus.Output> SUPPORT_AGENTS_STATUS = new ToolDefinition<>(
			"support_agents_status", Category.SUPPORT,
			"Show each support agent's availability (online, busy, offline).", Scope.READ_SUPPORT,
			ToolHints.readsBackend(), BACKEND, SupportAgentsStatus.Input.class, SupportAgentsStatus.Output.class,
			(ctx, in) -> ctx.port(SupportPort.class).agentsStatus(in));

	public static final ToolDefinition<SupportMetrics.Input, SupportMetrics.Output> SUPPORT_METRICS = new ToolDefinition<>(
			"support_metrics", Category.SUPPORT,
			"Support performance for today, this week or this month so far, against the previous window of equal "
					+ "length: conversations, messages, resolutions, first response and resolution times, CSAT. Needs a "
					+ "Chatwoot administrator token.",
			Scope.READ_SUPPORT, ToolHints.readsBackend(), BACKEND, SupportMetrics.Input.class,
			SupportMetrics.Output.class, (ctx, in) -> ctx.port(SupportPort.class).metrics(in));

	private SupportTools() {
	}

	public static List<ToolDefinition<?, ?>> all() {
		return List.of(SUPPORT_CONVERSATIONS_LIST, SUPPORT_CONVERSATIONS_SEARCH, SUPPORT_AGENTS_STATUS,
				SUPPORT_METRICS);
	}

}
