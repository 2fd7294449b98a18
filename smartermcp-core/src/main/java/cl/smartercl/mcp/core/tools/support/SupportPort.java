package cl.smartercl.mcp.core.tools.support;

import reactor.core.publisher.Mono;

/** What the support tools need from a tenant's help desk (Chatwoot). */
public interface SupportPort {

	Mono<ConversationsPage> listConversations(SupportConversationsList.Input input);

	Mono<SupportConversationsSearch.Output> searchConversations(SupportConversationsSearch.Input input);

	Mono<SupportAgentsStatus.Output> agentsStatus(SupportAgentsStatus.Input input);

	Mono<SupportMetrics.Output> metrics(SupportMetrics.Input input);

}
