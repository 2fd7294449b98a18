package cl.smartercl.mcp.connectors.botpress;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;

import cl.smartercl.mcp.core.error.InvalidArgumentsException;
import cl.smartercl.mcp.core.error.NotFoundException;
import cl.smartercl.mcp.core.tools.bots.BotsAnalytics;
import cl.smartercl.mcp.core.tools.bots.BotsConversations;
import cl.smartercl.mcp.core.tools.bots.BotsDeploy;
import cl.smartercl.mcp.core.tools.bots.BotsList;
import cl.smartercl.mcp.core.tools.bots.BotsPort;

/**
 * The bot tools over one tenant's Botpress workspace, whichever the flavour. A bot id is
 * first looked up in the workspace's own bot list: a bot of another workspace is "not
 * found" and nothing about it is ever requested (the documented workspace isolation).
 */
public final class BotpressConnector implements BotsPort {

	/**
	 * Cloud ids are {@code 00000000-...} UUIDs, v12 ids short slugs; anything else never
	 * reaches a URL.
	 */
	private static final Pattern BOT_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$");

	private final BotpressFlavourApi api;

	private final BotpressOptions options;

	/**
	 * The version SmarterMCP deployed last, per bot: neither flavour says which version a
	 * bot runs (Cloud's bot has only {@code deployedAt}; a v12 bot, only its imported
	 * files), so "the same version" is what this server deployed since it started.
	 */
	private final Map<String, String> deployed = new ConcurrentHashMap<>();

	BotpressConnector(BotpressFlavourApi api, BotpressOptions options) {
		this.api = api;
		this.options = options;
	}

	@Override
	public Mono<BotsList.Output> list(BotsList.Input input) {
		return Mono.defer(() -> this.api.bots(input.cursor()));
	}

	@Override
	public Mono<BotsConversations.Output> conversations(BotsConversations.Input input) {
		return ownBot(input.botId()).then(Mono.defer(() -> this.api.conversations(input)));
	}

	@Override
	public Mono<BotsAnalytics.Output> analytics(BotsAnalytics.Input input) {
		return ownBot(input.botId()).then(Mono.defer(() -> {
			Instant now = this.options.clock().instant();
			Instant since = (input.period() != null) ? input.period().since(now) : input.from();
			Instant until = (input.period() != null) ? now : input.to();
			String period = (input.period() != null) ? input.period().label() : "custom";
			return this.api.analytics(input.botId(), since, until)
				.map((usage) -> new BotsAnalytics.Output(input.botId(), period, since, until, usage.source(),
						usage.metrics(), usage.unavailable()));
		}));
	}

	@Override
	public Mono<BotsDeploy.Output> deploy(BotsDeploy.Input input) {
		String botId = input.botId();
		return ownBot(botId).then(Mono.defer(() -> this.api.resolveVersion(botId, input.version())))
			.flatMap((version) -> {
				String previous = this.deployed.get(botId);
				if (version.equals(previous) && !input.force()) {
					return Mono.just(new BotsDeploy.Output(botId, version, "unchanged", previous, null,
							"Nothing to do: version " + version + " is the one SmarterMCP deployed last for bot "
									+ botId + ". Set force to deploy it again."));
				}
				return this.api.deploy(botId, version).map((done) -> {
					this.deployed.put(botId, version);
					return new BotsDeploy.Output(botId, version, "deployed", previous, done.deployedAt(),
							done.message());
				});
			});
	}

	/** Fails with "not found" unless the tenant's workspace holds the bot. */
	private Mono<Void> ownBot(String botId) {
		return Mono.defer(() -> {
			if (botId == null || !BOT_ID.matcher(botId).matches()) {
				return Mono.error(new InvalidArgumentsException("bot_id", "must be a bot id from bots_list"));
			}
			return this.api.inWorkspace(botId)
				.flatMap((found) -> found ? Mono.<Void>empty() : Mono
					.error(new NotFoundException("Bot", botId, "List the bots of this tenant with bots_list")));
		});
	}

}
