package cl.smartercl.mcp.testsupport.botpress;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Self-hosted Botpress v12 as its routes answer (botpress/v12 v12.31.10): basic login
 * giving a JWT, {@code X-BP-Workspace}, the admin bot routes with the {@code {status,
 * message, payload}} wrapper ({@code sendSuccess}), errors {@code {statusCode, errorCode,
 * type, message}}, and the raw JSON of the {@code hitlnext} and {@code analytics} module
 * routes. Express answers an unknown route with an HTML "Cannot GET" page.
 */
final class V12Routes {

	private static final Pattern ADMIN_BOT = Pattern
		.compile("^/api/v[12]/admin/workspace/bots/([^/]+)/(import|reload|export)$");

	private static final Pattern MODULE = Pattern.compile("^/api/v1/bots/([^/]+)/mod/(.+)$");

	private static final Pattern MESSAGES = Pattern.compile("^hitlnext/conversations/([^/]+)/messages$");

	private static final Pattern ANALYTICS = Pattern.compile("^analytics/channel/([^/]+)$");

	/** Bots whose modules are not enabled: their module routes are missing. */
	private static final Set<String> WITHOUT_MODULES = Set.of(BotpressSeed.V12_LEGACY_BOT);

	private final BotpressSeed seed;

	private final BotpressDouble owner;

	/** Valid JWTs: token → email and expiry. */
	private final Map<String, Object[]> jwts = new ConcurrentHashMap<>();

	final Map<String, List<byte[]>> imported = new ConcurrentHashMap<>();

	final Set<String> failingImports = ConcurrentHashMap.newKeySet();

	final List<String> logins = new CopyOnWriteArrayList<>();

	V12Routes(BotpressSeed seed, BotpressDouble owner) {
		this.seed = seed;
		this.owner = owner;
	}

	boolean handles(String path) {
		return path.startsWith("/api/");
	}

	void expireAll() {
		this.jwts.clear();
	}

	void handle(Exchange ex) {
		if (ex.method.equals("POST") && ex.path.equals("/api/v1/auth/login/basic/default")) {
			login(ex);
			return;
		}
		String email = authenticated(ex);
		if (email == null) {
			error(ex, 401, "BP_0041", "UnauthorizedError", "Unauthorized");
			return;
		}
		String workspace = ex.header("X-BP-Workspace");
		if (workspace == null) {
			error(ex, 400, "BP_0040", "BadRequestError", "Workspace is missing. Set header X-BP-Workspace");
			return;
		}
		if (!workspace.equals(this.seed.v12Users.get(email)[1])) {
			error(ex, 403, "BP_0043", "ForbiddenError",
					"User \"" + email + "\" doesn't have access to workspace \"" + workspace + "\"");
			return;
		}
		List<ObjectNode> bots = this.seed.v12Bots.getOrDefault(workspace, List.of());
		if (ex.method.equals("GET") && ex.path.matches("^/api/v[12]/admin/workspace/bots/?$")) {
			ObjectNode payload = Exchange.JSON.createObjectNode();
			ArrayNode list = payload.putArray("bots");
			bots.forEach((bot) -> {
				synchronized (bot) {
					list.add(bot.deepCopy());
				}
			});
			ObjectNode ws = payload.putObject("workspace")
				.put("name", workspace.equals("default") ? "Default" : "Partners")
				.put("botPrefix", "");
			ws.putArray("pipeline")
				.addObject()
				.put("id", "prod")
				.put("label", "Production")
				.put("action", "promote_copy");
			success(ex, "Retrieved bots", payload);
			return;
		}
		Matcher admin = ADMIN_BOT.matcher(ex.path);
		if (admin.matches() && ex.method.equals("POST")) {
			ObjectNode bot = find(bots, admin.group(1));
			if (admin.group(2).equals("import")) {
				importBot(ex, admin.group(1), bot);
			}
			else if (admin.group(2).equals("reload")) {
				if (bot == null) {
					ex.text(400, "text/plain; charset=utf-8", "Bad Request");
				}
				else {
					success(ex, "Reloaded bot " + admin.group(1), null);
				}
			}
			else {
				cannot(ex);
			}
			return;
		}
		Matcher module = MODULE.matcher(ex.path);
		if (module.matches() && ex.method.equals("GET")) {
			String botId = module.group(1);
			if (find(bots, botId) == null) {
				error(ex, 404, "BP_0044", "NotFoundError", "Bot \"" + botId + "\" not found");
				return;
			}
			if (WITHOUT_MODULES.contains(botId)) {
				cannot(ex);
				return;
			}
			moduleRoute(ex, botId, module.group(2));
			return;
		}
		cannot(ex);
	}

	private void moduleRoute(Exchange ex, String botId, String route) {
		int limit = 50;
		try {
			limit = Integer.parseInt(ex.query.getOrDefault("limit", "50"));
		}
		catch (NumberFormatException e) {
			// knex ignores a limit it cannot read
		}
		if (route.equals("hitlnext/handoffs")) {
			List<ObjectNode> handoffs = new ArrayList<>(this.seed.v12Handoffs.getOrDefault(botId, List.of()));
			String column = ex.query.getOrDefault("column", "id");
			Comparator<ObjectNode> order = Comparator.comparing((ObjectNode h) -> h.path(column).asText());
			handoffs.sort("true".equals(ex.query.get("desc")) ? order.reversed() : order);
			ex.json(200, handoffs.subList(0, Math.min(limit, handoffs.size())));
			return;
		}
		Matcher messages = MESSAGES.matcher(route);
		if (messages.matches()) {
			List<ObjectNode> events = new ArrayList<>(this.seed.v12Events.getOrDefault(messages.group(1), List.of()));
			events.sort(Comparator.comparing((ObjectNode e) -> e.get("createdOn").asText()).reversed());
			ex.json(200, events.subList(0, Math.min(limit, events.size())));
			return;
		}
		Matcher analytics = ANALYTICS.matcher(route);
		if (analytics.matches()) {
			Instant start;
			Instant end;
			try {
				start = Instant.ofEpochSecond(Long.parseLong(ex.query.get("start")));
				end = Instant.ofEpochSecond(Long.parseLong(ex.query.get("end")));
			}
			catch (NumberFormatException e) {
				error(ex, 400, "BP_0000", "StandardError", "Cannot get analytics");
				return;
			}
			ObjectNode body = Exchange.JSON.createObjectNode();
			ArrayNode rows = body.putArray("metrics");
			boolean workflows = botId.equals(BotpressSeed.V12_WELCOME_BOT);
			for (Instant day : BotpressSeed.days(start, end)) {
				row(rows, botId, day, "sessions_count", BotpressSeed.V12_DAILY_SESSIONS);
				row(rows, botId, day, "msg_received_count", BotpressSeed.V12_DAILY_RECEIVED);
				row(rows, botId, day, "msg_sent_count", BotpressSeed.V12_DAILY_SENT);
				row(rows, botId, day, "new_users_count", BotpressSeed.V12_DAILY_NEW_USERS);
				row(rows, botId, day, "returning_users_count", BotpressSeed.V12_DAILY_RETURNING_USERS);
				row(rows, botId, day, "active_users_count",
						BotpressSeed.V12_DAILY_NEW_USERS + BotpressSeed.V12_DAILY_RETURNING_USERS);
				if (workflows) {
					row(rows, botId, day, "workflow_started_count", BotpressSeed.V12_DAILY_WORKFLOWS_STARTED);
					row(rows, botId, day, "workflow_completed_count", BotpressSeed.V12_DAILY_WORKFLOWS_COMPLETED);
				}
			}
			ex.json(200, body);
			return;
		}
		cannot(ex);
	}

	/**
	 * One row as {@code db.getMetrics} returns it: a row of the metrics table, or (for
	 * the user counts, computed from {@code bot_chat_users}) only date, channel, metric
	 * and value.
	 */
	private static void row(ArrayNode rows, String botId, Instant day, String metric, int value) {
		ObjectNode row = rows.addObject();
		row.put("date", day.toString().substring(0, 10));
		if (!metric.endsWith("_users_count")) {
			row.put("id", rows.size()).put("botId", botId).put("subMetric", "");
		}
		row.put("channel", "web").put("metric", metric).put("value", value).put("created_on", day.toString());
	}

	private void importBot(Exchange ex, String botId, ObjectNode bot) {
		String type = ex.header("Content-Type");
		if (type == null || !type.toLowerCase().startsWith("application/tar+gzip")) {
			ex.text(400, "text/html; charset=utf-8", "Bot should be imported from archive");
			return;
		}
		boolean overwrite = "true".equals(ex.query.get("overwrite"));
		if (bot != null && !overwrite) {
			error(ex, 409, "BP_0042", "ConflictError", "Bot \"" + botId + "\" already exists");
			return;
		}
		if (bot == null && overwrite) {
			error(ex, 404, "BP_0044", "NotFoundError", "Bot \"" + botId + "\" not found in workspace");
			return;
		}
		if (this.failingImports.contains(botId) || !isGzip(ex.body)) {
			// the archive is unpacked and checked before the old bot is replaced: it
			// keeps running
			error(ex, 500, "BP_0000", "InternalError", "Could not import bot " + botId + ": the archive is invalid");
			return;
		}
		this.imported.computeIfAbsent(botId, (id) -> new CopyOnWriteArrayList<>()).add(ex.body);
		synchronized (bot) {
			bot.put("disabled", false);
		}
		ex.text(200, "text/plain; charset=utf-8", "OK");
	}

	private static boolean isGzip(byte[] body) {
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
			in.readAllBytes();
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private void login(Exchange ex) {
		JsonNode body = ex.jsonBody();
		String email = (body == null) ? null : body.path("email").asText(null);
		String password = (body == null) ? null : body.path("password").asText(null);
		String[] user = (email == null) ? null : this.seed.v12Users.get(email);
		if (user == null || !user[0].equals(password)) {
			error(ex, 401, "BP_0041", "InvalidCredentialsError", "Invalid email or password");
			return;
		}
		this.logins.add(email);
		Instant now = this.owner.now();
		Instant exp = now.plus(this.owner.jwtLifetime());
		String header = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
		String claims = b64("{\"email\":\"" + email
				+ "\",\"strategy\":\"default\",\"tokenVersion\":1,\"isSuperAdmin\":false," + "\"iat\":"
				+ now.getEpochSecond() + ",\"exp\":" + exp.getEpochSecond() + ",\"aud\":\"collaborators\"}");
		String jwt = header + "." + claims + "." + b64(UUID.randomUUID().toString());
		this.jwts.put(jwt, new Object[] { email, exp });
		ObjectNode payload = Exchange.JSON.createObjectNode()
			.put("jwt", jwt)
			.put("exp", this.owner.jwtLifetime().toMillis());
		success(ex, "Login successful", payload);
	}

	private String authenticated(Exchange ex) {
		String auth = ex.header("Authorization");
		if (auth == null || !auth.startsWith("Bearer ")) {
			return null;
		}
		Object[] jwt = this.jwts.get(auth.substring(7));
		if (jwt == null || !this.owner.now().isBefore((Instant) jwt[1])) {
			return null;
		}
		return (String) jwt[0];
	}

	private static ObjectNode find(List<ObjectNode> bots, String botId) {
		for (ObjectNode bot : bots) {
			if (bot.get("id").asText().equals(botId)) {
				return bot;
			}
		}
		return null;
	}

	private static void success(Exchange ex, String message, ObjectNode payload) {
		ObjectNode body = Exchange.JSON.createObjectNode().put("status", "success").put("message", message);
		if (payload != null) {
			body.set("payload", payload);
		}
		ex.json(200, body);
	}

	private static void cannot(Exchange ex) {
		ex.text(404, "text/html; charset=utf-8",
				"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
						+ "<title>Error</title>\n</head>\n<body>\n<pre>Cannot " + ex.method + " " + ex.path
						+ "</pre>\n</body>\n</html>\n");
	}

	static void error(Exchange ex, int status, String code, String type, String message) {
		ex.json(status,
				Exchange.JSON.createObjectNode()
					.put("statusCode", status)
					.put("errorCode", code)
					.put("type", type)
					.put("message", message)
					.put("docs", "https://botpress.com/docs"));
	}

	private static String b64(String text) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

}
