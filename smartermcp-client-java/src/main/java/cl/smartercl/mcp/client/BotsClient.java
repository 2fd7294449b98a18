package cl.smartercl.mcp.client;

import java.time.OffsetDateTime;
import java.util.concurrent.CompletableFuture;

import cl.smartercl.mcp.client.generated.ApiClient;
import cl.smartercl.mcp.client.generated.api.BotsApi;
import cl.smartercl.mcp.client.model.BotsAnalyticsInput;
import cl.smartercl.mcp.client.model.BotsAnalyticsOutput;
import cl.smartercl.mcp.client.model.BotsConversationsInput;
import cl.smartercl.mcp.client.model.BotsConversationsOutput;
import cl.smartercl.mcp.client.model.BotsDeployInput;
import cl.smartercl.mcp.client.model.BotsDeployOutput;
import cl.smartercl.mcp.client.model.BotsListInput;
import cl.smartercl.mcp.client.model.BotsListOutput;
import cl.smartercl.mcp.client.model.BotsPeriod;

/**
 * The Botpress tools: {@code bots_list, bots_conversations, bots_analytics, bots_deploy}.
 */
public final class BotsClient {

	private final BotsApi api;

	private final Calls calls;

	BotsClient(ApiClient client, Calls calls) {
		this.api = new BotsApi(client);
		this.calls = calls;
	}

	/** The first page of bots. */
	public BotsListOutput list() {
		return list(null);
	}

	/**
	 * The page of bots at {@code cursor} (the {@code next_cursor} of the previous page;
	 * {@code null}: the first).
	 */
	public BotsListOutput list(String cursor) {
		return Calls.await(listAsync(cursor));
	}

	public CompletableFuture<BotsListOutput> listAsync() {
		return listAsync(null);
	}

	public CompletableFuture<BotsListOutput> listAsync(String cursor) {
		BotsListInput input = new BotsListInput().cursor(cursor);
		return this.calls.tool("bots_list", () -> this.api.botsList(input, Calls.NO_LOG_LEVEL));
	}

	public BotsConversationsOutput conversations(String botId) {
		return conversations(new BotsConversationsInput().botId(botId));
	}

	/**
	 * With {@code limit}, {@code cursor} and {@code last_messages} set on the input as
	 * needed.
	 */
	public BotsConversationsOutput conversations(BotsConversationsInput input) {
		return Calls.await(conversationsAsync(input));
	}

	public CompletableFuture<BotsConversationsOutput> conversationsAsync(BotsConversationsInput input) {
		return this.calls.tool("bots_conversations", () -> this.api.botsConversations(input, Calls.NO_LOG_LEVEL));
	}

	/** Usage over a named period (today, week, month, 7d, 30d). */
	public BotsAnalyticsOutput analytics(String botId, BotsPeriod period) {
		return analytics(new BotsAnalyticsInput().botId(botId).period(period));
	}

	/** Usage over a custom period. */
	public BotsAnalyticsOutput analytics(String botId, OffsetDateTime from, OffsetDateTime to) {
		return analytics(new BotsAnalyticsInput().botId(botId).from(from).to(to));
	}

	public BotsAnalyticsOutput analytics(BotsAnalyticsInput input) {
		return Calls.await(analyticsAsync(input));
	}

	public CompletableFuture<BotsAnalyticsOutput> analyticsAsync(BotsAnalyticsInput input) {
		return this.calls.tool("bots_analytics", () -> this.api.botsAnalytics(input, Calls.NO_LOG_LEVEL));
	}

	/** Deploys the newest version of the bot. */
	public BotsDeployOutput deploy(String botId) {
		return deploy(new BotsDeployInput().botId(botId));
	}

	/**
	 * Deploys a version; {@code force} deploys it even when it is the one deployed last.
	 */
	public BotsDeployOutput deploy(String botId, String version, boolean force) {
		return deploy(new BotsDeployInput().botId(botId).version(version).force(force));
	}

	public BotsDeployOutput deploy(BotsDeployInput input) {
		return Calls.await(deployAsync(input));
	}

	public CompletableFuture<BotsDeployOutput> deployAsync(BotsDeployInput input) {
		return this.calls.tool("bots_deploy", () -> this.api.botsDeploy(input, Calls.NO_LOG_LEVEL));
	}

}
