package cl.smartercl.mcp.client;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import cl.smartercl.mcp.client.generated.ApiClient;
import cl.smartercl.mcp.client.generated.api.BotsApi;
import cl.smartercl.mcp.client.model.BotsAnalyticsInput;
import cl.smartercl.mcp.client.model.BotsAnalyticsOutput;
import cl.smartercl.mcp.client.model.BotsConversationsInput;
import cl.smartercl.mcp.client.model.BotsConversationsOutput;
import cl.smartercl.mcp.client.model.BotsDeployInput;
import cl.smartercl.mcp.client.model.BotsDeployOutput;
import cl.smartercl.mcp.client.model.BotsListOutput;
import cl.smartercl.mcp.client.model.Period;

/** The Botpress tools: {@code bots_list, bots_conversations, bots_analytics, bots_deploy}. */
public final class BotsClient {

	private final BotsApi api;

	private final Calls calls;

	BotsClient(ApiClient client, Calls calls) {
		this.api = new BotsApi(client);
		this.calls = calls;
	}

	public BotsListOutput list() {
		return Calls.await(listAsync());
	}

	public CompletableFuture<BotsListOutput> listAsync() {
		return this.calls.tool("bots_list", () -> this.api.botsList(Map.of()));
	}

	public BotsConversationsOutput conversations(String botId) {
		return conversations(new BotsConversationsInput().botId(botId));
	}

	public BotsConversationsOutput conversations(BotsConversationsInput input) {
		return Calls.await(conversationsAsync(input));
	}

	public CompletableFuture<BotsConversationsOutput> conversationsAsync(BotsConversationsInput input) {
		return this.calls.tool("bots_conversations", () -> this.api.botsConversations(input));
	}

	public BotsAnalyticsOutput analytics(String botId, Period period) {
		return Calls.await(analyticsAsync(botId, period));
	}

	public CompletableFuture<BotsAnalyticsOutput> analyticsAsync(String botId, Period period) {
		BotsAnalyticsInput input = new BotsAnalyticsInput().botId(botId).period(period);
		return this.calls.tool("bots_analytics", () -> this.api.botsAnalytics(input));
	}

	/** Deploys the latest built version of the bot. */
	public BotsDeployOutput deploy(String botId) {
		return deploy(new BotsDeployInput().botId(botId));
	}

	public BotsDeployOutput deploy(BotsDeployInput input) {
		return Calls.await(deployAsync(input));
	}

	public CompletableFuture<BotsDeployOutput> deployAsync(BotsDeployInput input) {
		return this.calls.tool("bots_deploy", () -> this.api.botsDeploy(input));
	}

}
