package cl.smartercl.mcp.core.tools.bots;

import java.time.Duration;
import java.util.List;

import cl.smartercl.mcp.core.auth.Scope;
import cl.smartercl.mcp.core.tool.Backend;
import cl.smartercl.mcp.core.tool.Category;
import cl.smartercl.mcp.core.tool.ToolDefinition;
import cl.smartercl.mcp.core.tool.ToolHints;

/** The four Botpress tools. */
public final class BotsTools {

	private static final Backend BACKEND = Backend.BOTPRESS;

	/**
	 * A self-hosted deploy uploads an archive, then reloads the bot and checks it came
	 * back: longer than the server's default tool time-out allows for a large bot, and
	 * cut short it would leave the caller not knowing whether the import happened.
	 */
	static final Duration DEPLOY_TIME_LIMIT = Duration.ofMinutes(5);

	public static final ToolDefinition<BotsList.Input, BotsList.Output> BOTS_LIST = new ToolDefinition<>("bots_list",
			Category.BOTS,
			"List the Botpress bots of the tenant's workspace: id, name, description, status (enabled, disabled, not_deployed), last deployment, pipeline stage on self-hosted Botpress. Paged: pass next_cursor back as cursor.",
			Scope.READ_BOTS, ToolHints.readsBackend(), BACKEND, BotsList.Input.class, BotsList.Output.class,
			(ctx, in) -> ctx.port(BotsPort.class).list(in));

	public static final ToolDefinition<BotsConversations.Input, BotsConversations.Output> BOTS_CONVERSATIONS = new ToolDefinition<>(
			"bots_conversations", Category.BOTS,
			"List a bot's conversations, newest first: channel, participants, start and last update, message count, and optionally the last messages. Self-hosted Botpress only lists conversations handed off to a human (source and limitations say so).",
			Scope.READ_BOTS, ToolHints.readsBackend(), BACKEND, BotsConversations.Input.class,
			BotsConversations.Output.class, (ctx, in) -> ctx.port(BotsPort.class).conversations(in));

	public static final ToolDefinition<BotsAnalytics.Input, BotsAnalytics.Output> BOTS_ANALYTICS = new ToolDefinition<>(
			"bots_analytics", Category.BOTS,
			"A bot's usage over a period (today, week, month, 7d, 30d, or from/to): sessions, messages in and out, new, returning and total users, completion rate where tracked; each metric names its Botpress source.",
			Scope.READ_BOTS, ToolHints.readsBackend(), BACKEND, BotsAnalytics.Input.class, BotsAnalytics.Output.class,
			(ctx, in) -> ctx.port(BotsPort.class).analytics(in));

	public static final ToolDefinition<BotsDeploy.Input, BotsDeploy.Output> BOTS_DEPLOY = new ToolDefinition<>(
			"bots_deploy", Category.BOTS,
			"Deploy a bot version: on Botpress Cloud a saved version; self-hosted, an archive of the tenant's archives folder imported over the bot, then reloaded and checked. A failed import leaves the running bot as it was. Redeploying the last version does nothing unless force is set.",
			Scope.WRITE_BOTS, new ToolHints(false, true, true, true), BACKEND, BotsDeploy.Input.class,
			BotsDeploy.Output.class, (ctx, in) -> ctx.port(BotsPort.class).deploy(in))
		.withTimeLimit(DEPLOY_TIME_LIMIT);

	private BotsTools() {
	}

	public static List<ToolDefinition<?, ?>> all() {
		return List.of(BOTS_LIST, BOTS_CONVERSATIONS, BOTS_ANALYTICS, BOTS_DEPLOY);
	}

}
