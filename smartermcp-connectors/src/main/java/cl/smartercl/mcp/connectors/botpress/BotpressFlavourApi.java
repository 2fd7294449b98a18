package cl.smartercl.mcp.connectors.botpress;

import java.time.Instant;
import java.util.List;

import reactor.core.publisher.Mono;

import cl.smartercl.mcp.core.health.ProbeResult;
import cl.smartercl.mcp.core.tools.bots.BotsAnalytics;
import cl.smartercl.mcp.core.tools.bots.BotsConversations;
import cl.smartercl.mcp.core.tools.bots.BotsList;

/**
 * What {@link BotpressConnector} needs of one Botpress flavour: {@link BotpressCloudApi}
 * or {@link BotpressV12Api}, each holding every wire detail of its API. Bot ids reaching
 * these methods (other than {@link #inWorkspace}) belong to the tenant's workspace: the
 * connector checked first.
 */
interface BotpressFlavourApi extends AutoCloseable {

	/** One page of the workspace's bots. */
	Mono<BotsList.Output> bots(String cursor);

	/**
	 * Whether the tenant's workspace holds this bot, read from the workspace's own bot
	 * list.
	 */
	Mono<Boolean> inWorkspace(String botId);

	Mono<BotsConversations.Output> conversations(BotsConversations.Input input);

	Mono<Usage> analytics(String botId, Instant since, Instant until);

	/**
	 * The version a deploy of {@code requested} (or the newest, when {@code null}) would
	 * deploy.
	 */
	Mono<String> resolveVersion(String botId, String requested);

	/**
	 * Deploys {@code version}, which {@link #resolveVersion} gave; fails when the bot is
	 * not running it.
	 */
	Mono<Deployed> deploy(String botId, String version);

	/** The cheapest authenticated call. */
	Mono<ProbeResult> probe();

	@Override
	void close();

	/** Normalised usage of a period. */
	record Usage(String source, List<BotsAnalytics.Metric> metrics, List<String> unavailable) {
	}

	/** A finished deploy. */
	record Deployed(Instant deployedAt, String message) {
	}

}
