package cl.smartercl.mcp.client;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import cl.smartercl.mcp.client.generated.ApiClient;
import cl.smartercl.mcp.client.generated.api.SupportApi;
import cl.smartercl.mcp.client.model.ConversationsPage;
import cl.smartercl.mcp.client.model.Period;
import cl.smartercl.mcp.client.model.SupportAgentsStatusOutput;
import cl.smartercl.mcp.client.model.SupportConversationsListInput;
import cl.smartercl.mcp.client.model.SupportConversationsListStatus;
import cl.smartercl.mcp.client.model.SupportConversationsSearchInput;
import cl.smartercl.mcp.client.model.SupportMetricsInput;
import cl.smartercl.mcp.client.model.SupportMetricsOutput;

/**
 * The Chatwoot tools: {@code support_conversations_list}, {@code support_conversations_search},
 * {@code support_agents_status}, {@code support_metrics}.
 */
public final class SupportClient {

	private final SupportApi api;

	private final Calls calls;

	SupportClient(ApiClient client, Calls calls) {
		this.api = new SupportApi(client);
		this.calls = calls;
	}

	public ConversationsPage conversations() {
		return conversations(new SupportConversationsListInput());
	}

	public ConversationsPage conversations(SupportConversationsListStatus status) {
		return conversations(new SupportConversationsListInput().status(status));
	}

	public ConversationsPage conversations(SupportConversationsListInput input) {
		return Calls.await(conversationsAsync(input));
	}

	public CompletableFuture<ConversationsPage> conversationsAsync(SupportConversationsListInput input) {
		return this.calls.tool("support_conversations_list", () -> this.api.supportConversationsList(input));
	}

	/** Conversations whose messages or contact match {@code query}. */
	public ConversationsPage searchConversations(String query) {
		return Calls.await(searchConversationsAsync(query));
	}

	public CompletableFuture<ConversationsPage> searchConversationsAsync(String query) {
		SupportConversationsSearchInput input = new SupportConversationsSearchInput().query(query);
		return this.calls.tool("support_conversations_search", () -> this.api.supportConversationsSearch(input));
	}

	/** The availability of each agent. */
	public SupportAgentsStatusOutput agents() {
		return Calls.await(agentsAsync());
	}

	public CompletableFuture<SupportAgentsStatusOutput> agentsAsync() {
		return this.calls.tool("support_agents_status", () -> this.api.supportAgentsStatus(Map.of()));
	}

	/** CSAT, resolution and response times, counts, over {@code period}. */
	public SupportMetricsOutput metrics(Period period) {
		return Calls.await(metricsAsync(period));
	}

	public CompletableFuture<SupportMetricsOutput> metricsAsync(Period period) {
		SupportMetricsInput input = new SupportMetricsInput().period(period);
		return this.calls.tool("support_metrics", () -> this.api.supportMetrics(input));
	}

}
