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
import cl.smartercl.mcp.client.model.SupportConversationsSearchOutput;
import cl.smartercl.mcp.client.model.SupportMetricsInput;
import cl.smartercl.mcp.client.model.SupportMetricsOutput;

/**
 * The Chatwoot tools: {@code support_conversations_list},
 * {@code support_conversations_search}, {@code support_agents_status},
 * {@code support_metrics}.
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

	/**
	 * Conversations by status and assignee ({@code me}, {@code unassigned},
	 * {@code assigned}, {@code all}, or an agent's name, email or id), at most
	 * {@code limit} (1 to 100) a page.
	 */
	public ConversationsPage conversations(SupportConversationsListStatus status, String assignee, Integer limit) {
		return conversations(new SupportConversationsListInput().status(status).assignee(assignee).limit(limit));
	}

	/**
	 * The page after {@code page}, with the same status, assignee and limit; {@code null}
	 * after the last.
	 */
	public ConversationsPage nextConversations(SupportConversationsListInput previousInput, ConversationsPage page) {
		if (page.getNextCursor() == null) {
			return null;
		}
		SupportConversationsListInput next = new SupportConversationsListInput().status(previousInput.getStatus())
			.assignee(previousInput.getAssignee())
			.limit(previousInput.getLimit())
			.cursor(page.getNextCursor());
		return conversations(next);
	}

	public ConversationsPage conversations(SupportConversationsListInput input) {
		return Calls.await(conversationsAsync(input));
	}

	public CompletableFuture<ConversationsPage> conversationsAsync(SupportConversationsListInput input) {
		return this.calls.tool("support_conversations_list",
				() -> this.api.supportConversationsList(input, Calls.NO_LOG_LEVEL));
	}

	/**
	 * Conversations by number ({@code #123}), by the contact's email, phone or name, or
	 * by message text; each match says why it matched.
	 */
	public SupportConversationsSearchOutput searchConversations(String query) {
		return Calls.await(searchConversationsAsync(query));
	}

	public CompletableFuture<SupportConversationsSearchOutput> searchConversationsAsync(String query) {
		SupportConversationsSearchInput input = new SupportConversationsSearchInput().query(query);
		return this.calls.tool("support_conversations_search",
				() -> this.api.supportConversationsSearch(input, Calls.NO_LOG_LEVEL));
	}

	/** The availability of each agent. */
	public SupportAgentsStatusOutput agents() {
		return Calls.await(agentsAsync());
	}

	public CompletableFuture<SupportAgentsStatusOutput> agentsAsync() {
		return this.calls.tool("support_agents_status",
				() -> this.api.supportAgentsStatus(Map.of(), Calls.NO_LOG_LEVEL));
	}

	/**
	 * CSAT, resolution and response times, counts, over {@code period} so far, each with
	 * the previous window of equal length. Needs the tenant's Chatwoot token to be an
	 * administrator's.
	 */
	public SupportMetricsOutput metrics(Period period) {
		return Calls.await(metricsAsync(period));
	}

	public CompletableFuture<SupportMetricsOutput> metricsAsync(Period period) {
		SupportMetricsInput input = new SupportMetricsInput().period(period);
		return this.calls.tool("support_metrics", () -> this.api.supportMetrics(input, Calls.NO_LOG_LEVEL));
	}

}
