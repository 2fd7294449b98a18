package cl.smartercl.mcp.connectors.botpress;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import cl.smartercl.mcp.connectors.config.Secret;
import cl.smartercl.mcp.core.error.BackendException;
import cl.smartercl.mcp.core.error.InvalidArgumentsException;
import cl.smartercl.mcp.core.error.NotFoundException;
import cl.smartercl.mcp.core.error.ToolException;
import cl.smartercl.mcp.core.health.ProbeResult;
import cl.smartercl.mcp.core.tools.bots.BotsConversations;
import cl.smartercl.mcp.core.tools.bots.BotsList;
import cl.smartercl.mcp.core.tools.common.Cursor;
import cl.smartercl.mcp.core.tools.services.HealthStatus;

/**
 * Every wire detail of Botpress Cloud: {@code /v1/admin/...} with {@code x-workspace-id},
 * {@code /v1/chat/...} with {@code x-bot-id}, a bearer personal access token,
 * {@code meta.nextToken} paging. See {@code shared/backend-notes/botpress.md} §B.
 */
final class BotpressCloudApi implements BotpressFlavourApi {

	static final String CONVERSATIONS_SOURCE = "cloud_conversations";

	static final String ANALYTICS_SOURCE = "cloud_bot_analytics";

	private static final String CREDENTIALS_HINT = "check the tenant's botpress token (a personal access token with access to workspace ";

	private static final String BOTS_CURSOR = "bpc-bots";

	private static final String CONVERSATIONS_CURSOR = "bpc-conv";

	/** Bots per page of {@code bots_list}. */
	private static final int BOTS_PAGE = 50;

	/** Parallel calls for the participants and messages of the listed conversations. */
	private static final int FAN_OUT = 4;

	private final BotpressHttp http;

	private final String workspaceId;

	private final Secret token;

	BotpressCloudApi(BotpressHttp http, String workspaceId, Secret token) {
		this.http = http;
		this.workspaceId = workspaceId;
		this.token = token;
	}

	@Override
	public Mono<BotsList.Output> bots(String cursor) {
		String nextToken = Cursor.decode(BOTS_CURSOR, cursor);
		return botsPage(nextToken, BOTS_PAGE).map((page) -> {
			List<BotsList.Bot> bots = new ArrayList<>();
			page.path("bots").forEach((bot) -> bots.add(BotpressMapper.cloudBot(bot)));
			String next = nextToken(page);
			return new BotsList.Output(bots, bots.size(), next != null,
					(next == null) ? null : Cursor.encode(BOTS_CURSOR, next), null);
		});
	}

	@Override
	public Mono<Boolean> inWorkspace(String botId) {
		return findBot(botId, null, 0);
	}

	private Mono<Boolean> findBot(String botId, String nextToken, int pages) {
		if (pages >= this.http.options().maxBotPages()) {
			return Mono.just(false);
		}
		return botsPage(nextToken, 100).flatMap((page) -> {
			for (JsonNode bot : page.path("bots")) {
				if (botId.equals(bot.path("id").asString(""))) {
					return Mono.just(true);
				}
			}
			String next = nextToken(page);
			return (next == null) ? Mono.just(false) : findBot(botId, next, pages + 1);
		});
	}

	private Mono<JsonNode> botsPage(String nextToken, int pageSize) {
		Map<String, String> query = new LinkedHashMap<>();
		query.put("pageSize", Integer.toString(pageSize));
		if (nextToken != null) {
			query.put("nextToken", nextToken);
		}
		String action = "list the bots of workspace " + this.workspaceId;
		return get("/v1/admin/bots", query, adminHeaders(), action).flatMap((page) -> page.path("bots").isArray()
				? Mono.just(page) : Mono.error(BotpressHttp.incomplete(action, "bots")));
	}

	/**
	 * The bot's conversations, most recently active first. The cursor holds Cloud's
	 * {@code nextToken} and how many conversations of that page were already given, since
	 * a page may hold more than asked.
	 */
	@Override
	public Mono<BotsConversations.Output> conversations(BotsConversations.Input input) {
		String state = Cursor.decode(CONVERSATIONS_CURSOR, input.cursor());
		String token = null;
		int skip = 0;
		if (state != null) {
			int bar = state.lastIndexOf('|');
			try {
				skip = Integer.parseInt(state.substring(bar + 1));
			}
			catch (NumberFormatException ex) {
				skip = -1;
			}
			if (bar < 0 || skip < 0) {
				// a cursor of this tool always holds "<token>|<skip>"
				throw new InvalidArgumentsException("cursor", "is not a cursor this tool gave out");
			}
			token = state.substring(0, bar).isEmpty() ? null : state.substring(0, bar);
		}
		List<JsonNode> taken = new ArrayList<>();
		return collectConversations(input.botId(), input.limit(), token, skip, taken).flatMap((next) -> Flux
			.fromIterable(taken)
			.flatMapSequential((conversation) -> details(input.botId(), conversation, input.lastMessages()), FAN_OUT)
			.collectList()
			.map((conversations) -> new BotsConversations.Output(input.botId(), CONVERSATIONS_SOURCE, null,
					conversations, conversations.size(), next.isPresent(), next.orElse(null))));
	}

	private Mono<Optional<String>> collectConversations(String botId, int limit, String token, int skip,
			List<JsonNode> taken) {
		Map<String, String> query = new LinkedHashMap<>();
		query.put("sortField", "updatedAt");
		query.put("sortDirection", "desc");
		query.put("pageSize", Integer.toString(Math.min(100, limit - taken.size() + skip)));
		if (token != null) {
			query.put("nextToken", token);
		}
		String action = "list the conversations of bot " + botId;
		return get("/v1/chat/conversations", query, botHeaders(botId), action).flatMap((page) -> {
			JsonNode items = page.path("conversations");
			if (!items.isArray()) {
				return Mono.error(BotpressHttp.incomplete(action, "conversations"));
			}
			int index = 0;
			for (JsonNode item : items) {
				if (index++ < skip) {
					continue;
				}
				if (taken.size() == limit) {
					return Mono.just(Optional
						.of(Cursor.encode(CONVERSATIONS_CURSOR, ((token == null) ? "" : token) + "|" + (index - 1))));
				}
				taken.add(item);
			}
			String next = nextToken(page);
			if (next == null) {
				return Mono.just(Optional.<String>empty());
			}
			if (taken.size() == limit) {
				return Mono.just(Optional.of(Cursor.encode(CONVERSATIONS_CURSOR, next + "|0")));
			}
			return collectConversations(botId, limit, next, 0, taken);
		});
	}

	/** A conversation with its participants and, when asked, its last messages. */
	private Mono<BotsConversations.BotConversation> details(String botId, JsonNode conversation, int lastMessages) {
		String id = conversation.path("id").asString("");
		String action = "read conversation " + id + " of bot " + botId;
		Mono<JsonNode> participants = get("/v1/chat/conversations/" + BotpressMapper.segment(id) + "/participants",
				Map.of(), botHeaders(botId), action);
		Mono<List<JsonNode>> messages = (lastMessages == 0) ? Mono.just(List.of())
				: get("/v1/chat/messages", Map.of("conversationId", id), botHeaders(botId), action)
					.map((page) -> BotpressMapper.newestFirst(page.path("messages"), "createdAt", lastMessages));
		return Mono.zip(participants, messages)
			.map((both) -> BotpressMapper.cloudConversation(conversation, both.getT1().path("participants"),
					(lastMessages == 0) ? null : both.getT2()));
	}

	@Override
	public Mono<Usage> analytics(String botId, Instant since, Instant until) {
		Map<String, String> query = new LinkedHashMap<>();
		query.put("startDate", since.toString());
		query.put("endDate", until.toString());
		String action = "read the analytics of bot " + botId;
		return get("/v1/admin/bots/" + BotpressMapper.segment(botId) + "/analytics", query, adminHeaders(), action)
			.flatMap((page) -> page.path("records").isArray()
					? Mono.just(BotpressMapper.cloudUsage(page.path("records")))
					: Mono.error(BotpressHttp.incomplete(action, "records")));
	}

	/**
	 * The version matching {@code requested} by id or name; by default the last one
	 * listed (Cloud lists a bot's versions in the order they were saved).
	 */
	@Override
	public Mono<String> resolveVersion(String botId, String requested) {
		String action = "list the versions of bot " + botId;
		return get("/v1/admin/bots/" + BotpressMapper.segment(botId) + "/versions", Map.of(), adminHeaders(), action)
			.flatMap((page) -> {
				JsonNode versions = page.path("versions");
				if (!versions.isArray()) {
					return Mono.error(BotpressHttp.incomplete(action, "versions"));
				}
				List<String> known = new ArrayList<>();
				String found = null;
				for (JsonNode version : versions) {
					String id = version.path("id").asString("");
					String name = version.path("name").asString("");
					known.add(name.isEmpty() ? id : id + " (" + name + ")");
					if (requested == null || requested.equals(id) || requested.equals(name)) {
						found = id;
					}
				}
				if (found == null) {
					return Mono.error((requested == null)
							? new NotFoundException("Version of bot", botId, "the bot has no saved version to deploy")
							: new NotFoundException("Version", requested, "Versions of bot " + botId + ": "
									+ (known.isEmpty() ? "none" : String.join(", ", known))));
				}
				return Mono.just(found);
			});
	}

	@Override
	public Mono<Deployed> deploy(String botId, String version) {
		String action = "deploy version " + version + " of bot " + botId;
		String body = BotpressHttp.JSON.createObjectNode().put("versionId", version).toString();
		return this.http
			.send(HttpMethod.POST, "/v1/admin/bots/" + BotpressMapper.segment(botId) + "/versions/deploy", Map.of(),
					adminHeaders(), body, MediaType.APPLICATION_JSON, this.http.options().deployTimeout())
			.flatMap((reply) -> reply.ok()
					? Mono.just(new Deployed(this.http.options().clock().instant(),
							"Botpress Cloud deployed version " + version + " of bot " + botId + "."))
					: Mono.error(this.http.failure(reply, action, this.token.reveal(), hint())));
	}

	@Override
	public Mono<ProbeResult> probe() {
		long start = System.nanoTime();
		return this.http
			.send(HttpMethod.GET, "/v1/admin/bots", Map.of("pageSize", "1"), adminHeaders(), null, null,
					this.http.options().apiTimeout())
			.map((reply) -> new ProbeResult(reply.ok() ? HealthStatus.HEALTHY : HealthStatus.UNHEALTHY,
					millisSince(start), null,
					"GET /v1/admin/bots (workspace " + this.workspaceId + ") answered HTTP " + reply.status()
							+ ((reply.status() == 401) ? " (token rejected)" : "")))
			.onErrorResume(ToolException.class, (ex) -> Mono
				.just(new ProbeResult(HealthStatus.UNHEALTHY, millisSince(start), null, ex.getMessage())));
	}

	@Override
	public void close() {
		this.http.close();
	}

	private Mono<JsonNode> get(String path, Map<String, String> query, Map<String, String> headers, String action) {
		return this.http.send(HttpMethod.GET, path, query, headers, null, null, this.http.options().apiTimeout())
			.flatMap((reply) -> (reply.status() == 404) ? Mono.error(notFound(reply, path, action))
					: this.http.json(reply, action, this.token.reveal(), hint()));
	}

	/**
	 * Cloud's own 404 ({@code ResourceNotFound}: the bot or conversation went away after
	 * the workspace check) is "not found"; any other 404 means the URL is not the API
	 * root.
	 */
	private ToolException notFound(BotpressReply reply, String path, String action) {
		JsonNode json = reply.json();
		if (json != null && "ResourceNotFound".equals(json.path("type").asString(""))) {
			return new NotFoundException("Botpress resource", path,
					"Botpress answered " + reply.reason(this.token.reveal()) + " while trying to " + action);
		}
		return new BackendException(BotpressHttp.SERVICE,
				"Botpress answered HTTP 404 without a Botpress error while trying to " + action
						+ ": check that the tenant's botpress url is the API root (https://api.botpress.cloud)");
	}

	private Map<String, String> adminHeaders() {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Authorization", "Bearer " + this.token.reveal());
		headers.put("x-workspace-id", this.workspaceId);
		return headers;
	}

	private Map<String, String> botHeaders(String botId) {
		Map<String, String> headers = adminHeaders();
		headers.put("x-bot-id", botId);
		return headers;
	}

	private String hint() {
		return CREDENTIALS_HINT + this.workspaceId + ")";
	}

	private static String nextToken(JsonNode page) {
		JsonNode next = page.path("meta").path("nextToken");
		return (next.isString() && !next.stringValue().isEmpty()) ? next.stringValue() : null;
	}

	private static long millisSince(long start) {
		return (System.nanoTime() - start) / 1_000_000;
	}

}
