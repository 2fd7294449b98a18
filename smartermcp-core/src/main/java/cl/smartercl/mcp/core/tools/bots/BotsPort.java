package cl.smartercl.mcp.core.tools.bots;

import reactor.core.publisher.Mono;

/** What the bot tools need from a tenant's bot platform (Botpress). */
public interface BotsPort {

	Mono<BotsList.Output> list(BotsList.Input input);

	Mono<BotsConversations.Output> conversations(BotsConversations.Input input);

	Mono<BotsAnalytics.Output> analytics(BotsAnalytics.Input input);

	Mono<BotsDeploy.Output> deploy(BotsDeploy.Input input);

}
