package cl.smartercl.mcp.testsupport.chatwoot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import cl.smartercl.mcp.testsupport.chatwoot.ChatwootSeed.Conv;
import cl.smartercl.mcp.testsupport.chatwoot.ChatwootSeed.Message;
import cl.smartercl.mcp.testsupport.chatwoot.ChatwootSeed.User;

/**
 * A Chatwoot (test double): the parts of Chatwoot's application API the support tools
 * use, served from {@link ChatwootSeed} the way Chatwoot 4.9 answers (see
 * {@code shared/backend-notes/chatwoot.md}): the {@code api_access_token} header, 401 for
 * a bad token and for a user who may not do something, the {@code data}/{@code payload}
 * wrappers, 25 conversations a page, 15 search results a page, {@code display_id} as the
 * conversation id, reports and CSAT for administrators only.
 * <p>
 * Written from Chatwoot's documentation and notes, independently of the connector; every
 * exchange is recorded so that tests can check it against Chatwoot's own swagger
 * ({@link ChatwootOracle}). Hooks make it answer 429, hang, or answer garbage on chosen
 * paths.
 */
public final class ChatwootDouble implements AutoCloseable {

	static final ObjectMapper JSON = new ObjectMapper();

	private static final int PER_PAGE = 25;

	private static final int SEARCH_PER_PAGE = 15;

	private static final Pattern V1 = Pattern.compile("/api/v1/accounts/(\\d+)(/.*)");

	private static final Pattern V2 = Pattern.compile("/api/v2/accounts/(\\d+)(/.*)");

	private static final Pattern ONE = Pattern.compile("/conversations/(\\d+)");

	private static final Pattern MESSAGES = Pattern.compile("/conversations/(\\d+)/messages");

	private final ChatwootSeed seed;

	private final HttpServer server;

	private final ExecutorService workers = Executors.newCachedThreadPool();

	private final CountDownLatch stopped = new CountDownLatch(1);

	private final List<ChatwootExchange> exchanges = new CopyOnWriteArrayList<>();

	private final List<Override> overrides = new CopyOnWriteArrayList<>();

	private record Override(Predicate<String> path, int status, String contentType, String body, String retryAfter,
			boolean hang) {
	}

	private record Answer(int status, String contentType, String body, String retryAfter) {

		static Answer json(int status, JsonNode body) {
			return new Answer(status, "application/json; charset=utf-8", body.toString(), null);
		}

		static Answer error(int status, String message) {
			return json(status, JSON.createObjectNode().put("error", message));
		}

	}

	/** Starts a double with the standard seed around {@code now}. */
	public static ChatwootDouble start(Instant now) {
		return start(now, 0);
	}

	public static ChatwootDouble start(Instant now, int port) {
		ChatwootDouble double_ = new ChatwootDouble(ChatwootSeed.standard(now), port);
		double_.server.start();
		return double_;
	}

	private ChatwootDouble(ChatwootSeed seed, int port) {
		this.seed = seed;
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.setExecutor(this.workers);
		this.server.createContext("/", this::handle);
	}

	public URI url() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	public ChatwootSeed seed() {
		return this.seed;
	}

	/** Every exchange so far, in order; a request left hanging has status 0. */
	public List<ChatwootExchange> exchanges() {
		return List.copyOf(this.exchanges);
	}

	public void clearExchanges() {
		this.exchanges.clear();
	}

	// ---- hooks
	// -----------------------------------------------------------------------------------

	/**
	 * Answers requests whose path contains {@code pathPart} with 429, as rack-attack
	 * does, with its Retry-After.
	 */
	public void rateLimit(String pathPart, int retryAfterSeconds) {
		this.overrides.add(new Override((p) -> p.contains(pathPart), 429, "text/plain", "Retry later\n",
				Integer.toString(retryAfterSeconds), false));
	}

	/** Never answers requests whose path contains {@code pathPart} (until closed). */
	public void hang(String pathPart) {
		this.overrides.add(new Override((p) -> p.contains(pathPart), 0, null, null, null, true));
	}

	/**
	 * Answers requests whose path contains {@code pathPart} with 200 and a body that is
	 * not JSON.
	 */
	public void garbage(String pathPart) {
		this.overrides.add(new Override((p) -> p.contains(pathPart), 200, "text/html",
				"<html><body>We're sorry, but something went wrong.</body></html>", null, false));
	}

	/**
	 * Answers requests whose path contains {@code pathPart} with this status and JSON
	 * body.
	 */
	public void answer(String pathPart, int status, String jsonBody) {
		this.overrides.add(new Override((p) -> p.contains(pathPart), status, "application/json; charset=utf-8",
				jsonBody, null, false));
	}

	public void clearHooks() {
		this.overrides.clear();
	}

	@java.lang.Override
	public void close() {
		this.stopped.countDown();
		this.server.stop(0);
		this.workers.shutdownNow();
	}

	// ---- dispatch
	// --------------------------------------------------------------------------------

	private void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getRawPath();
		String query = exchange.getRequestURI().getRawQuery();
		String body;
		try (InputStream in = exchange.getRequestBody()) {
			body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		Map<String, String> headers = new LinkedHashMap<>();
		exchange.getRequestHeaders()
			.forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
		Answer answer = null;
		for (Override override : this.overrides) {
			if (override.path().test(path)) {
				if (override.hang()) {
					// recorded with status 0 (no answer), so that the request can still
					// be judged
					this.exchanges.add(
							new ChatwootExchange(exchange.getRequestMethod(), path, query, headers, body, 0, null, ""));
					try {
						this.stopped.await();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					exchange.close();
					return;
				}
				answer = new Answer(override.status(), override.contentType(), override.body(), override.retryAfter());
				break;
			}
		}
		if (answer == null) {
			try {
				answer = route(exchange.getRequestMethod(), path, params(query), body, headers.get("api_access_token"));
			}
			catch (RuntimeException ex) {
				answer = Answer.error(500, "Internal Server Error");
			}
		}
		byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", answer.contentType());
		if (answer.retryAfter() != null) {
			exchange.getResponseHeaders().set("Retry-After", answer.retryAfter());
		}
		this.exchanges.add(new ChatwootExchange(exchange.getRequestMethod(), path, query, headers, body,
				answer.status(), answer.contentType(), answer.body()));
		exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private Answer route(String method, String path, Map<String, String> params, String body, String token) {
		User user = this.seed.user(token);
		if (user == null) {
			return Answer.error(401, "Invalid Access Token");
		}
		if (path.equals("/api/v1/profile") && method.equals("GET")) {
			return Answer.json(200, ChatwootViews.profile(user, this.seed));
		}
		Matcher v1 = V1.matcher(path);
		Matcher v2 = V2.matcher(path);
		boolean isV2 = !v1.matches() && v2.matches();
		if (!v1.matches() && !v2.matches()) {
			return notFoundRoute();
		}
		Matcher account = isV2 ? v2 : v1;
		long accountId = Long.parseLong(account.group(1));
		String rest = account.group(2);
		if (this.seed.accounts.stream().noneMatch((a) -> a.id() == accountId)) {
			return Answer.error(404, "Resource could not be found");
		}
		if (user.accountId() != accountId) {
			return Answer.error(401, "You are not authorized to do this action");
		}
		ChatwootViews views = new ChatwootViews(this.seed, accountId);
		if (isV2) {
			if (rest.equals("/reports/summary") && method.equals("GET")) {
				return admin(user, () -> summary(views, params));
			}
			return notFoundRoute();
		}
		if (method.equals("GET")) {
			switch (rest) {
				case "/conversations":
					return list(views, user, params);
				case "/conversations/search":
					return messageSearch(views, user, params);
				case "/search/conversations":
					return contactSearch(views, params);
				case "/agents":
					return Answer.json(200, views.agents());
				case "/inboxes":
					return Answer.json(200, views.inboxes());
				case "/csat_survey_responses/metrics":
					return admin(user, () -> Answer.json(200,
							views.csatMetrics(epoch(params.get("since")), epoch(params.get("until")))));
				default:
					break;
			}
			Matcher messages = MESSAGES.matcher(rest);
			if (messages.matches()) {
				Conv c = views.byDisplayId(Long.parseLong(messages.group(1)));
				return (c == null) ? Answer.error(404, "Resource could not be found")
						: Answer.json(200, views.messages(c));
			}
			Matcher one = ONE.matcher(rest);
			if (one.matches()) {
				Conv c = views.byDisplayId(Long.parseLong(one.group(1)));
				return (c == null) ? Answer.error(404, "Resource could not be found")
						: Answer.json(200, views.conversation(c));
			}
		}
		if (method.equals("POST") && rest.equals("/conversations/filter")) {
			return filter(views, user, params, body);
		}
		return notFoundRoute();
	}

	private static Answer notFoundRoute() {
		// Rails' routing error page for a path that is no route at all
		return new Answer(404, "text/html; charset=utf-8",
				"<!DOCTYPE html><html><body>The page you were looking for doesn't exist.</body></html>", null);
	}

	private interface Work {

		Answer run();

	}

	/**
	 * Reports and CSAT are for administrators (ReportPolicy, CsatSurveyResponsePolicy);
	 * Pundit answers 401.
	 */
	private static Answer admin(User user, Work work) {
		if (!"administrator".equals(user.role())) {
			return Answer.error(401, "You are not authorized to do this action");
		}
		return work.run();
	}

	// ---- conversations
	// ---------------------------------------------------------------------------

	private Answer list(ChatwootViews views, User user, Map<String, String> params) {
		String status = params.getOrDefault("status", "open");
		String assigneeType = params.getOrDefault("assignee_type", "all");
		if (!List.of("open", "resolved", "pending", "snoozed", "all").contains(status)) {
			// ConversationFinder falls back to open for an unknown status
			status = "open";
		}
		String wanted = status;
		List<Conv> byStatus = views.all()
			.stream()
			.filter((c) -> "all".equals(wanted) || c.status.equals(wanted))
			.toList();
		List<Conv> mine = byStatus.stream().filter((c) -> c.assigneeId != null && c.assigneeId == user.id()).toList();
		List<Conv> assigned = byStatus.stream().filter((c) -> c.assigneeId != null).toList();
		List<Conv> unassigned = byStatus.stream().filter((c) -> c.assigneeId == null).toList();
		List<Conv> chosen = switch (assigneeType) {
			case "me" -> mine;
			case "assigned" -> assigned;
			case "unassigned" -> unassigned;
			default -> byStatus;
		};
		ObjectNode meta = JSON.createObjectNode();
		meta.put("mine_count", mine.size());
		meta.put("assigned_count", assigned.size());
		meta.put("unassigned_count", unassigned.size());
		meta.put("all_count", byStatus.size());
		ObjectNode root = JSON.createObjectNode();
		ObjectNode data = root.putObject("data");
		data.set("meta", meta);
		data.set("payload", views.conversations(page(newest(chosen), page(params), PER_PAGE)));
		return Answer.json(200, root);
	}

	private Answer filter(ChatwootViews views, User user, Map<String, String> params, String body) {
		JsonNode request;
		try {
			request = JSON.readTree(body);
		}
		catch (IOException ex) {
			return Answer.error(422, "Invalid JSON");
		}
		JsonNode payload = request.path("payload");
		if (!payload.isArray() || payload.isEmpty()) {
			return Answer.error(422, "payload is required");
		}
		List<Conv> matched = new ArrayList<>();
		for (Conv c : views.all()) {
			Boolean result = null;
			String joiner = null;
			for (JsonNode condition : payload) {
				String key = condition.path("attribute_key").asText();
				String operator = condition.path("filter_operator").asText();
				List<String> values = new ArrayList<>();
				condition.path("values").forEach((v) -> values.add(v.asText()));
				String actual = switch (key) {
					case "status" -> c.status;
					case "assignee_id" -> (c.assigneeId == null) ? null : Long.toString(c.assigneeId);
					case "inbox_id" -> Long.toString(c.inboxId);
					case "priority" -> c.priority;
					case "display_id" -> Long.toString(c.displayId);
					default -> "\u0000invalid";
				};
				if ("\u0000invalid".equals(actual)) {
					return Answer.error(422, "Invalid attribute key - " + key);
				}
				boolean hit = switch (operator) {
					case "equal_to" -> values.contains(actual);
					case "not_equal_to" -> !values.contains(actual);
					default -> false;
				};
				if (!operator.equals("equal_to") && !operator.equals("not_equal_to")) {
					return Answer.error(422,
							"Invalid operator. The allowed operators for " + key + " are [equal_to,not_equal_to].");
				}
				result = (result == null) ? hit : ("OR".equalsIgnoreCase(joiner) ? result || hit : result && hit);
				joiner = condition.path("query_operator").isNull() ? null : condition.path("query_operator").asText();
			}
			if (Boolean.TRUE.equals(result)) {
				matched.add(c);
			}
		}
		ObjectNode root = JSON.createObjectNode();
		ObjectNode data = root.putObject("data");
		data.putObject("meta").put("all_count", matched.size());
		data.set("payload", views.conversations(page(newest(matched), page(params), PER_PAGE)));
		return Answer.json(200, root);
	}

	/**
	 * {@code GET /conversations/search}: message content (incoming and outgoing, no
	 * notes), status ignored.
	 */
	private Answer messageSearch(ChatwootViews views, User user, Map<String, String> params) {
		String q = params.getOrDefault("q", "").toLowerCase(Locale.ROOT);
		List<Conv> matched = views.all()
			.stream()
			.filter((c) -> !q.isEmpty() && c.messages.stream()
				.anyMatch((m) -> m.messageType() != 2 && !m.privateNote()
						&& m.content().toLowerCase(Locale.ROOT).contains(q)))
			.toList();
		ObjectNode root = JSON.createObjectNode();
		ObjectNode meta = root.putObject("meta");
		meta.put("mine_count",
				matched.stream().filter((c) -> c.assigneeId != null && c.assigneeId == user.id()).count());
		meta.put("unassigned_count", matched.stream().filter((c) -> c.assigneeId == null).count());
		meta.put("all_count", matched.size());
		root.set("payload", views.conversations(page(newest(matched), page(params), PER_PAGE)));
		return Answer.json(200, root);
	}

	/**
	 * {@code GET /search/conversations}: the display id as text, the contact's name,
	 * email, phone number or identifier contain the text (SearchService); newest first,
	 * 15 a page.
	 */
	private Answer contactSearch(ChatwootViews views, Map<String, String> params) {
		String q = params.getOrDefault("q", "").toLowerCase(Locale.ROOT);
		List<Conv> matched = views.all().stream().filter((c) -> {
			ChatwootSeed.Contact contact = this.seed.contact(c.contactId);
			return !q.isEmpty() && (Long.toString(c.displayId).contains(q) || contains(contact.name(), q)
					|| contains(contact.email(), q) || contains(contact.phone(), q)
					|| contains(contact.identifier(), q));
		}).sorted(Comparator.comparing((Conv c) -> c.createdAt).reversed()).toList();
		ObjectNode root = JSON.createObjectNode();
		ArrayNode hits = root.putObject("payload").putArray("conversations");
		page(matched, page(params), SEARCH_PER_PAGE).forEach((c) -> hits.add(views.searchHit(c)));
		return Answer.json(200, root);
	}

	// ---- reports
	// ---------------------------------------------------------------------------------

	private Answer summary(ChatwootViews views, Map<String, String> params) {
		String type = params.get("type");
		if (type == null) {
			return new Answer(422, "application/json; charset=utf-8", "", null);
		}
		if (!"account".equals(type)) {
			return Answer.error(422, "type " + type + " needs an id");
		}
		long since = epoch(params.get("since"));
		long until = epoch(params.get("until"));
		ObjectNode summary = views.summary(since, until);
		summary.set("previous", views.summary(since - (until - since), since));
		return Answer.json(200, summary);
	}

	// ---- helpers
	// ---------------------------------------------------------------------------------

	private static long epoch(String value) {
		if (value == null || value.isBlank()) {
			return 0;
		}
		return Long.parseLong(value.strip());
	}

	private static boolean contains(String value, String q) {
		return value != null && value.toLowerCase(Locale.ROOT).contains(q);
	}

	private static List<Conv> newest(List<Conv> conversations) {
		return conversations.stream().sorted(Comparator.comparing((Conv c) -> c.lastActivityAt).reversed()).toList();
	}

	private static int page(Map<String, String> params) {
		try {
			return Math.max(1, Integer.parseInt(params.getOrDefault("page", "1")));
		}
		catch (NumberFormatException ex) {
			return 1;
		}
	}

	private static <T> List<T> page(List<T> items, int page, int size) {
		int from = (page - 1) * size;
		if (from >= items.size()) {
			return List.of();
		}
		return items.subList(from, Math.min(items.size(), from + size));
	}

	private static Map<String, String> params(String rawQuery) {
		Map<String, String> params = new LinkedHashMap<>();
		if (rawQuery == null || rawQuery.isEmpty()) {
			return params;
		}
		for (String pair : rawQuery.split("&")) {
			int eq = pair.indexOf('=');
			String name = URLDecoder.decode((eq < 0) ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
			String value = (eq < 0) ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			params.putIfAbsent(name, value);
		}
		return params;
	}

	/**
	 * Runs the double for the local stack: {@code --port N} (default 3000). Prints its
	 * URL, account and tokens as shell assignments, then {@code READY}, and serves until
	 * killed.
	 */
	public static void main(String[] args) throws InterruptedException {
		int port = 3000;
		for (int i = 0; i < args.length - 1; i++) {
			if ("--port".equals(args[i])) {
				port = Integer.parseInt(args[i + 1]);
			}
		}
		ChatwootDouble double_ = start(Instant.now(), port);
		System.out.println("CHATWOOT_URL=" + double_.url());
		System.out.println("CHATWOOT_ACCOUNT_ID=" + ChatwootSeed.ACCOUNT);
		System.out.println("CHATWOOT_API_TOKEN=" + ChatwootSeed.ADMIN_TOKEN);
		System.out.println("CHATWOOT_AGENT_TOKEN=" + ChatwootSeed.AGENT_TOKEN);
		System.out.println("READY");
		System.out.flush();
		new CountDownLatch(1).await();
	}

}
