package cl.smartercl.mcp.core.tools.bots;

import java.util.List;

import cl.smartercl.mcp.core.auth.Scope;
import cl.smartercl.mcp.core.tool.Category;
import cl.smartercl.mcp.core.tool.ToolDefinition;
import cl.smartercl.mcp.core.tool.ToolHints;

/** The four Botpress tools. */
public final class BotsTools {

	private static final String BACKEND = "botpress";

	public static final ToolDefinition<BotsList.Input, BotsList.Output> BOTS_LIST = new ToolDefinition<>("bots_list",
			Category.BOTS, "List the Botpress bots with their status and last deployment.", Scope.READ_BOTS,
			ToolHints.readsBackend(), BACKEND, BotsList.Input.class, BotsList.Output.class,
			(ctx, in) -> ctx.port(BotsPort.class).list(in));

	public static final ToolDefinition<BotsConversations.Input, BotsConversations.Output> BOTS_CONVERSATIONS = new ToolDefinition<>(
			"bots_conversations", Category.BOTS, "List a bot's recent conversations (channel, user, times).",
			Scope.READ_BOTS, ToolHints.readsBackend(), BACKEND, BotsConversations.Input.class,
			BotsConversations.Output.class, (ctx, in) -> ctx.port(BotsPort.class).conversations(in));

	public static final ToolDefinition<BotsAnalytics.Input, BotsAnalytics.Output> BOTS_ANALYTICS = new ToolDefinition<>(
			"bots_analytics", Category.BOTS, "A bot's usage over today, the week or the month: sessions, messages, users.",
			Scope.READ_BOTS, ToolHints.readsBackend(), BACKEND, BotsAnalytics.Input.class, BotsAnalytics.Output.class,
			(ctx, in) -> ctx.port(BotsPort.class).analytics(in));

	public static final ToolDefinition<BotsDeploy.Input, BotsDeploy.Output> BOTS_DEPLOY = new ToolDefinition<>(
			"bots_deploy", Category.BOTS, "Deploy an existing built version of a bot to production.", Scope.WRITE_BOTS,
			new ToolHints(false, true, true, true), BACKEND, BotsDeploy.Input.class, BotsDeploy.Output.class,
			(ctx, in) -> ctx.port(BotsPort.class).deploy(in));

	private BotsTools() {
	}

	public static List<ToolDefinition<?, ?>> all() {
		return List.of(BOTS_LIST, BOTS_CONVERSATIONS, BOTS_ANALYTICS, BOTS_DEPLOY);
	}

}
