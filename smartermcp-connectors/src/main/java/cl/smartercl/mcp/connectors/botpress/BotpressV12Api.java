package cl.smartercl.mcp.connectors.botpress;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import cl.smartercl.mcp.connectors.config.Secret;
import cl.smartercl.mcp.core.error.BackendException;
import cl.smartercl.mcp.core.error.InvalidArgumentsException;
import cl.smartercl.mcp.core.error.NotFoundException;
import cl.smartercl.mcp.core.error.ServiceUnavailableException;
import cl.smartercl.mcp.core.error.ToolException;
import cl.smartercl.mcp.core.health.ProbeResult;
import cl.smartercl.mcp.core.tools.bots.BotsConversations;
import cl.smartercl.mcp.core.tools.bots.BotsList;
import cl.smartercl.mcp.core.tools.common.Cursor;
import cl.smartercl.mcp.core.tools.services.HealthStatus;

/**
 * Every wire detail of self-hosted Botpress v12: the basic-auth login that gives a JWT
 * (renewed before it expires, and once more when a call answers 401),
 * {@code X-BP-Workspace} on every call, the admin routes under {@code /api/v2/admin} with
 * their {@code {status, message, payload}} wrapper, and the module routes
 * {@code /mod/hitlnext} and {@code /mod/analytics}. See
 * {@code shared/backend-notes/botpress.md} §A.
 */
final class BotpressV12Api implements BotpressFlavourApi {

	static final String CONVERSATIONS_SOURCE = "v12_hitl_handoffs";

	static final String ANALYTICS_SOURCE = "v12_analytics_module";

	static final String LIMITATIONS = "Self-hosted Botpress v12 has no route listing all conversations: these are only the "
			+ "conversations handed off to a human agent (hitlnext module). Conversations the bot handled alone are not shown; "
			+ "message counts are not given.";

	private static final String CONVERSATIONS_CURSOR = "bp12-conv";

	/**
	 * v12 lists handoffs with a limit but no offset; a deeper page is not worth the read.
	 */
	private static final int MAX_OFFSET = 1000;

	/** Renew the login this long before the JWT expires. */
	private static final Duration RENEW_BEFORE = Duration.ofSeconds(60);

	/**
	 * When a JWT carries no readable expiry: v12's default {@code jwtToken.duration} is 6
	 * h; stay well under.
	 */
	private static final Duration ASSUMED_LIFETIME = Duration.ofMinutes(30);

	private static final long MAX_ARCHIVE_BYTES = 200L * 1024 * 1024;

	private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

	private static final Pattern NUMBER_OR_TEXT = Pattern.compile("(\\d+)|(\\D+)");

	private final BotpressHttp http;

	private final String workspaceId;

	private final String email;

	private final Secret password;

	private final Path archives;

	private final AtomicReference<Jwt> jwt = new AtomicReference<>();

	BotpressV12Api(BotpressHttp http, String workspaceId, String email, Secret password, Path archives) {
		this.http = http;
		this.workspaceId = workspaceId;
		this.email = email;
		this.password = password;
		this.archives = archives;
	}

	@Override
	public Mono<BotsList.Output> bots(String cursor) {
		if (cursor != null && !cursor.isEmpty()) {
			throw new InvalidArgumentsException("cursor",
					"self-hosted Botpress lists all bots in one page: pass no cursor");
		}
		return workspaceBots().map((bots) -> {
			List<BotsList.Bot> list = new ArrayList<>();
			bots.forEach((bot) -> list.add(BotpressMapper.v12Bot(bot)));
			return new BotsList.Output(list, list.size(), false, null, list.size());
		});
	}

	@Override
	public Mono<Boolean> inWorkspace(String botId) {
		return workspaceBots().map((bots) -> find(bots, botId) != null);
	}

	private Mono<JsonNode> workspaceBots() {
		String action = "list the bots of workspace " + this.workspaceId;
		return call(HttpMethod.GET, "/api/v2/admin/workspace/bots", Map.of(), null, null, timeout(), action)
			.flatMap((reply) -> json(reply, action))
			.flatMap((json) -> {
				JsonNode bots = json.path("payload").path("bots");
				return bots.isArray() ? Mono.just(bots) : Mono.error(BotpressHttp.incomplete(action, "payload.bots"));
			});
	}

	/** The handoffs of the hitlnext module, newest first; the cursor holds an offset. */
	@Override
	public Mono<BotsConversations.Output> conversations(BotsConversations.Input input) {
		int offset = Cursor.decodeOffset(CONVERSATIONS_CURSOR, input.cursor());
		if (offset > MAX_OFFSET) {
			throw new InvalidArgumentsException("cursor",
					"self-hosted Botpress pages handoffs up to " + MAX_OFFSET + " deep");
		}
		String botId = input.botId();
		String action = "list the handoffs of bot " + botId;
		Map<String, String> query = new LinkedHashMap<>();
		query.put("limit", Integer.toString(offset + input.limit() + 1));
		query.put("column", "createdAt");
		query.put("desc", "true");
		return call(HttpMethod.GET, "/api/v1/bots/" + BotpressMapper.segment(botId) + "/mod/hitlnext/handoffs", query,
				null, null, timeout(), action)
			.flatMap((reply) -> {
				if (reply.status() == 404) {
					return Mono.error(new ServiceUnavailableException(BotpressHttp.SERVICE,
							"the hitlnext module does not answer for bot " + botId
									+ " (HTTP 404): self-hosted Botpress lists conversations only through it; enable the module"));
				}
				return rawJson(reply, action);
			})
			.flatMap((json) -> {
				if (!json.isArray()) {
					return Mono.error(BotpressHttp.incomplete(action, "the list of handoffs"));
				}
				List<JsonNode> all = new ArrayList<>();
				json.forEach(all::add);
				List<JsonNode> page = all.subList(Math.min(offset, all.size()),
						Math.min(offset + input.limit(), all.size()));
				boolean more = all.size() > offset + input.limit();
				return Flux.fromIterable(page)
					.flatMapSequential((handoff) -> handoff(botId, handoff, input.lastMessages()), 4)
					.collectList()
					.map((conversations) -> new BotsConversations.Output(botId, CONVERSATIONS_SOURCE, LIMITATIONS,
							conversations, conversations.size(), more,
							more ? Cursor.encode(CONVERSATIONS_CURSOR, Integer.toString(offset + input.limit()))
									: null));
			});
	}

	private Mono<BotsConversations.BotConversation> handoff(String botId, JsonNode handoff, int lastMessages) {
		if (lastMessages == 0) {
			return Mono.just(BotpressMapper.v12Handoff(handoff, null));
		}
		String thread = handoff.path("userThreadId").asString("");
		String action = "read the messages of conversation " + thread + " of bot " + botId;
		return call(HttpMethod.GET,
				"/api/v1/bots/" + BotpressMapper.segment(botId) + "/mod/hitlnext/conversations/"
						+ BotpressMapper.segment(thread) + "/messages",
				Map.of("limit", Integer.toString(lastMessages)), null, null, timeout(), action)
			.flatMap((reply) -> rawJson(reply, action))
			.map((events) -> BotpressMapper.v12Handoff(handoff,
					BotpressMapper.newestFirst(events, "createdOn", lastMessages)));
	}

	@Override
	public Mono<Usage> analytics(String botId, Instant since, Instant until) {
		String action = "read the analytics of bot " + botId;
		Map<String, String> query = new LinkedHashMap<>();
		query.put("start", Long.toString(since.getEpochSecond()));
		query.put("end", Long.toString(until.getEpochSecond()));
		return call(HttpMethod.GET, "/api/v1/bots/" + BotpressMapper.segment(botId) + "/mod/analytics/channel/all",
				query, null, null, timeout(), action)
			.flatMap((reply) -> {
				if (reply.status() == 404) {
					return Mono.error(new ServiceUnavailableException(BotpressHttp.SERVICE,
							"the analytics module does not answer for bot " + botId
									+ " (HTTP 404); enable the module"));
				}
				return rawJson(reply, action);
			})
			.flatMap((json) -> json.path("metrics").isArray() ? Mono.just(BotpressMapper.v12Usage(json.path("metrics")))
					: Mono.error(BotpressHttp.incomplete(action, "metrics")));
	}

	/**
	 * The archive {@code <archives>/<bot id>/<version>.tgz}; by default the highest
	 * version there.
	 */
	@Override
	public Mono<String> resolveVersion(String botId, String requested) {
		return Mono.fromCallable(() -> {
			if (this.archives == null) {
				throw new InvalidArgumentsException("bot_id",
						"no archives folder is configured for this tenant (backends.botpress.archives), so nothing can be deployed");
			}
			if (requested != null && !VERSION.matcher(requested).matches()) {
				throw new InvalidArgumentsException("version",
						"must be a version name such as 1.4.0 (letters, digits, '.', '_', '-')");
			}
			List<String> versions = versions(botId);
			if (requested == null) {
				if (versions.isEmpty()) {
					throw new NotFoundException("Archive of bot", botId,
							"put <bot id>/<version>.tgz archives in the tenant's archives folder");
				}
				return versions.get(versions.size() - 1);
			}
			if (!versions.contains(requested)) {
				throw new NotFoundException("Archive", botId + "/" + requested + ".tgz", "Versions of bot " + botId
						+ ": " + (versions.isEmpty() ? "none" : String.join(", ", versions)));
			}
			return requested;
		}).subscribeOn(Schedulers.boundedElastic());
	}

	private List<String> versions(String botId) throws IOException {
		Path dir = this.archives.resolve(botId).normalize();
		if (!dir.startsWith(this.archives.normalize()) || !Files.isDirectory(dir)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(dir)) {
			return files.filter(Files::isRegularFile)
				.map((file) -> file.getFileName().toString())
				.filter((name) -> name.endsWith(".tgz"))
				.map((name) -> name.substring(0, name.length() - ".tgz".length()))
				.filter((name) -> VERSION.matcher(name).matches())
				.sorted(BotpressV12Api::compareVersions)
				.toList();
		}
	}

	/**
	 * Imports the archive over the bot ({@code overwrite=true}), reloads it and checks it
	 * is enabled. v12 validates and unpacks an archive before it replaces the bot, so a
	 * refused import leaves the running bot as it was; the error says whether it is still
	 * enabled.
	 */
	@Override
	public Mono<Deployed> deploy(String botId, String version) {
		Path file = this.archives.resolve(botId).resolve(version + ".tgz");
		String action = "import " + botId + "/" + version + ".tgz";
		return Mono.fromCallable(() -> {
			if (Files.size(file) > MAX_ARCHIVE_BYTES) {
				throw new InvalidArgumentsException("version", "the archive is larger than 200 MB");
			}
			return Files.readAllBytes(file);
		})
			.subscribeOn(Schedulers.boundedElastic())
			.onErrorMap(IOException.class,
					(ex) -> new NotFoundException("Archive", botId + "/" + version + ".tgz", "it cannot be read"))
			.flatMap((archive) -> call(HttpMethod.POST,
					"/api/v2/admin/workspace/bots/" + BotpressMapper.segment(botId) + "/import",
					Map.of("overwrite", "true"), archive, MediaType.parseMediaType("application/tar+gzip"),
					this.http.options().deployTimeout(), action))
			.flatMap((reply) -> reply.ok() ? Mono.just(reply)
					: stillRunning(botId).flatMap((running) -> Mono.error(new BackendException(BotpressHttp.SERVICE,
							"Botpress refused the import of " + botId + "/" + version + ".tgz ("
									+ reply.reason(secret()) + "); " + running))))
			.then(call(HttpMethod.POST, "/api/v2/admin/workspace/bots/" + BotpressMapper.segment(botId) + "/reload",
					Map.of(), null, null, this.http.options().deployTimeout(), "reload bot " + botId))
			.flatMap((reply) -> reply.ok() ? Mono.just(reply)
					: Mono.error(new BackendException(BotpressHttp.SERVICE,
							"Botpress imported " + botId + "/" + version + ".tgz but could not reload the bot ("
									+ reply.reason(secret()) + "); it may not be answering")))
			.then(workspaceBots())
			.flatMap((bots) -> {
				JsonNode bot = find(bots, botId);
				if (bot == null || bot.path("disabled").asBoolean(false)) {
					return Mono.error(new BackendException(BotpressHttp.SERVICE,
							"Botpress imported " + botId + "/" + version + ".tgz and reloaded it, but the bot is "
									+ ((bot == null) ? "missing from the workspace" : "disabled")));
				}
				return Mono.just(new Deployed(this.http.options().clock().instant(),
						"Imported " + botId + "/" + version + ".tgz over the bot, reloaded it, and it is enabled."));
			});
	}

	/** After a refused import: what became of the bot that was running. */
	private Mono<String> stillRunning(String botId) {
		return workspaceBots().map((bots) -> {
			JsonNode bot = find(bots, botId);
			if (bot == null) {
				return "the bot is no longer in the workspace";
			}
			return bot.path("disabled").asBoolean(false) ? "the previous bot is still there but disabled"
					: "the previous bot is still running (enabled), unchanged";
		})
			.onErrorResume(ToolException.class,
					(ex) -> Mono.just("whether the previous bot still runs could not be checked"));
	}

	@Override
	public Mono<ProbeResult> probe() {
		long start = System.nanoTime();
		return call(HttpMethod.GET, "/api/v2/admin/workspace/bots", Map.of(), null, null, timeout(), "probe")
			.map((reply) -> new ProbeResult(reply.ok() ? HealthStatus.HEALTHY : HealthStatus.UNHEALTHY,
					millisSince(start), null,
					"login and GET /api/v2/admin/workspace/bots (workspace " + this.workspaceId + ") answered HTTP "
							+ reply.status()))
			.onErrorResume(ToolException.class, (ex) -> Mono
				.just(new ProbeResult(HealthStatus.UNHEALTHY, millisSince(start), null, ex.getMessage())));
	}

	@Override
	public void close() {
		this.http.close();
	}

	// ---- login and calls
	// -------------------------------------------------------------------------

	/**
	 * A call with the JWT and workspace; on 401 (the JWT expired early or was revoked) it
	 * logs in once more.
	 */
	private Mono<BotpressReply> call(HttpMethod method, String path, Map<String, String> query, Object body,
			MediaType type, Duration timeout, String action) {
		return token(false).flatMap((jwt) -> send(method, path, query, body, type, timeout, jwt))
			.flatMap((reply) -> (reply.status() != 401) ? Mono.just(reply)
					: token(true).flatMap((jwt) -> send(method, path, query, body, type, timeout, jwt)))
			.flatMap((reply) -> (reply.status() == 401) ? Mono.error(this.http.failure(reply, action, secret(), hint()))
					: Mono.just(reply));
	}

	private Mono<BotpressReply> send(HttpMethod method, String path, Map<String, String> query, Object body,
			MediaType type, Duration timeout, String jwt) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Authorization", "Bearer " + jwt);
		headers.put("X-BP-Workspace", this.workspaceId);
		return this.http.send(method, path, query, headers, body, type, timeout);
	}

	private Mono<String> token(boolean renew) {
		return Mono.defer(() -> {
			Jwt current = this.jwt.get();
			Instant now = this.http.options().clock().instant();
			if (!renew && current != null && now.plus(RENEW_BEFORE).isBefore(current.expiresAt())) {
				return Mono.just(current.value());
			}
			return login().map((fresh) -> {
				this.jwt.set(fresh);
				return fresh.value();
			});
		});
	}

	private Mono<Jwt> login() {
		String action = "log in as " + this.email;
		String body = BotpressHttp.JSON.createObjectNode()
			.put("email", this.email)
			.put("password", this.password.reveal())
			.toString();
		return this.http
			.send(HttpMethod.POST, "/api/v1/auth/login/basic/default", Map.of(),
					Map.of("X-BP-Workspace", this.workspaceId), body, MediaType.APPLICATION_JSON, timeout())
			.flatMap((reply) -> {
				if (reply.status() == 400 || reply.status() == 401 || reply.status() == 403) {
					return Mono.error(new BackendException(BotpressHttp.SERVICE, "Botpress refused the login of "
							+ this.email + " (" + reply.reason(secret()) + "); " + hint()));
				}
				return json(reply, action);
			})
			.flatMap((json) -> {
				JsonNode jwt = json.path("payload").path("jwt");
				if (!jwt.isString() || jwt.stringValue().isEmpty()) {
					return Mono.error(BotpressHttp.incomplete(action,
							"payload.jwt (a server that keeps JWTs in cookies is not supported)"));
				}
				return Mono.just(new Jwt(jwt.stringValue(), expiry(jwt.stringValue())));
			});
	}

	/**
	 * The {@code exp} claim of a JWT, or a short assumed lifetime when it cannot be read.
	 */
	private Instant expiry(String jwt) {
		Instant now = this.http.options().clock().instant();
		String[] parts = jwt.split("\\.");
		if (parts.length >= 2) {
			try {
				JsonNode claims = BotpressHttp.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
				if (claims.path("exp").isNumber()) {
					return Instant.ofEpochSecond(claims.path("exp").asLong());
				}
			}
			catch (IllegalArgumentException | JacksonException ex) {
				// an opaque token: fall through to the assumed lifetime
			}
		}
		return now.plus(ASSUMED_LIFETIME);
	}

	/** A 2xx admin answer with the {@code {status, message, payload}} wrapper. */
	private Mono<JsonNode> json(BotpressReply reply, String action) {
		return this.http.json(reply, action, secret(), hint());
	}

	/** A 2xx module answer: raw JSON, an object or an array. */
	private Mono<JsonNode> rawJson(BotpressReply reply, String action) {
		if (!reply.ok()) {
			return Mono.error(this.http.failure(reply, action, secret(), hint()));
		}
		return this.http.anyJson(reply, action);
	}

	private Duration timeout() {
		return this.http.options().apiTimeout();
	}

	private String secret() {
		return this.password.reveal();
	}

	private String hint() {
		return "check the tenant's botpress email and password (workspace " + this.workspaceId + ")";
	}

	private static JsonNode find(JsonNode bots, String botId) {
		for (JsonNode bot : bots) {
			if (botId.equals(bot.path("id").asString(""))) {
				return bot;
			}
		}
		return null;
	}

	/** Natural order: 1.10.0 after 1.9.2; digits compare as numbers, the rest as text. */
	static int compareVersions(String a, String b) {
		Matcher ma = NUMBER_OR_TEXT.matcher(a);
		Matcher mb = NUMBER_OR_TEXT.matcher(b);
		while (ma.find() && mb.find()) {
			String pa = ma.group();
			String pb = mb.group();
			int c = (ma.group(1) != null && mb.group(1) != null) ? new BigInteger(pa).compareTo(new BigInteger(pb))
					: pa.compareTo(pb);
			if (c != 0) {
				return c;
			}
		}
		return Comparator.<String>naturalOrder().compare(a, b);
	}

	private static long millisSince(long start) {
		return (System.nanoTime() - start) / 1_000_000;
	}

	/** A login: the JWT (never logged) and when it expires. */
	private record Jwt(String value, Instant expiresAt) {

		@Override
		public String toString() {
			return "Jwt[****, expires " + this.expiresAt + "]";
		}

	}

}
