package cl.smartercl.mcp.testsupport.metabase;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A Metabase stand-in: the endpoints SmarterMCP's analytics tools call, over saved
 * questions (native SQL) that really run on an embedded H2 database per Metabase
 * "database" ({@link MetabaseSeed}). It is written from
 * {@code shared/backend-notes/metabase.md} and Metabase's published API docs, never from
 * the connector:
 * <ul>
 * <li>Auth: the {@code x-api-key} header [KEYS]; a missing or unknown key is {@code 401}
 * with the plain-text body {@code Unauthenticated}; {@link #LIMITED_KEY} (a key whose
 * group may see nothing) gets {@code 403} with the plain-text body
 * {@code You don't have permissions to do that.} everywhere but {@code /api/user/current}
 * (notes §4).</li>
 * <li>{@code POST /api/card/{id}/query} and {@code POST /api/dataset} answer {@code 202}
 * even when the query fails, with {@code "status":"failed"} and {@code "error"} in the
 * body [202]; results carry {@code data.rows}, {@code data.cols[{name, display_name,
 * base_type}]}, {@code row_count}, {@code status:"completed"}, {@code database_id},
 * {@code started_at}, {@code running_time} (notes §3). Rows stop at 2,000 [ROWS]; when
 * cut, {@code data.rows_truncated} holds the cap (Metabase's query processor middleware
 * field; the notes only give the cap).</li>
 * <li>{@code POST /api/card/{id}/query/csv} and {@code POST /api/dataset/csv} stream
 * every row (notes §2: exports up to 1,048,575 rows) as {@code text/csv} with display
 * names as headers; parameters come as form fields ({@code parameters}, and {@code query}
 * as JSON text for the dataset export) [CHG 0.53]. A query that fails before the first
 * byte answers a real status (here 400) with the JSON error [202, PR #62351].</li>
 * <li>{@code GET /api/search?models=…&q=…&limit=&offset=} answers {@code {data, total,
 * limit, offset}} [notes §5]; items carry {@code model} and {@code collection {id,
 * name}}. Like Metabase it returns what the key may see across collections: narrowing to
 * a tenant's collection is the caller's job.</li>
 * <li>{@code GET /api/card/{id}}, {@code GET /api/dashboard/{id}} (with
 * {@code dashcards[].card_id}, {@code card}, {@code parameters}), {@code GET
 * /api/database/{id}/metadata} ({@code tables[].fields[]}),
 * {@code GET /api/user/current}, {@code GET /api/docs/openapi.json}; unknown ids are
 * {@code 404} with the plain-text body {@code Not found.}.</li>
 * </ul>
 * Hooks: {@link #hang} (accepts and never answers), {@link #garbage} (200 with a body
 * that is not JSON). Every request is recorded ({@link #requests()}) so tests can assert
 * what was sent.
 */
public final class MetabaseDouble implements AutoCloseable {

	public static final String API_KEY = "mb_2Jx9sQk4TestDoubleKey0000000000000000";

	/** A key whose group has no permissions. */
	public static final String LIMITED_KEY = "mb_LimitedGroupKey000000000000000000000";

	public static final int ROW_CAP = 2000;

	/** Metabase writes decimals as plain numbers (45780.00), never in exponent form. */
	static final ObjectMapper JSON = new ObjectMapper()
		.setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true))
		.enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

	/** One request as it arrived. */
	public record Request(String method, String path, String query, String apiKey, String contentType, String body) {
	}

	private final MetabaseSeed seed = new MetabaseSeed();

	private final MetabaseObjects objects = new MetabaseObjects(this.seed);

	private final MetabaseQueries queries = new MetabaseQueries(this.seed);

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool((runnable) -> {
		Thread thread = new Thread(runnable, "metabase-double");
		thread.setDaemon(true);
		return thread;
	});

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final CountDownLatch closing = new CountDownLatch(1);

	private volatile boolean hang;

	private volatile boolean garbage;

	private volatile int failBeforeStreaming;

	private volatile boolean cutExports;

	private MetabaseDouble(int port) throws IOException, SQLException {
		this.seed.load();
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
		this.server.createContext("/", this::handle);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	/** Starts on a free port of 127.0.0.1. */
	public static MetabaseDouble start() {
		return start(0);
	}

	public static MetabaseDouble start(int port) {
		try {
			return new MetabaseDouble(port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot seed the Metabase double's database", ex);
		}
	}

	public URI url() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	public List<Request> requests() {
		return Collections.unmodifiableList(new ArrayList<>(this.requests));
	}

	public void clearRequests() {
		this.requests.clear();
	}

	/**
	 * From now on, requests are accepted and never answered (until {@code hang(false)}).
	 */
	public void hang(boolean on) {
		this.hang = on;
	}

	/**
	 * From now on, the JSON query endpoints fail before streaming with this real status
	 * and the JSON error body, as Metabase does since PR #62351 for an error raised
	 * before the first byte; 0 turns it off.
	 */
	public void failQueriesBeforeStreaming(int status) {
		this.failBeforeStreaming = status;
	}

	/**
	 * From now on, CSV exports announce their full length, send half, and close the
	 * connection: a download cut mid-stream (PR #75586).
	 */
	public void cutExports(boolean on) {
		this.cutExports = on;
	}

	/** From now on, every answer is 200 with a body that is not JSON. */
	public void garbage(boolean on) {
		this.garbage = on;
	}

	@Override
	public void close() {
		this.closing.countDown();
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	/**
	 * For the local stack: {@code --port N}; prints the URL, the key and the tenants'
	 * ids, then READY.
	 */
	public static void main(String[] args) throws Exception {
		int port = 0;
		for (int i = 0; i < args.length - 1; i++) {
			if (args[i].equals("--port")) {
				port = Integer.parseInt(args[i + 1]);
			}
		}
		MetabaseDouble metabase = start(port);
		System.out.println("METABASE_URL=" + metabase.url());
		System.out.println("METABASE_API_KEY=" + API_KEY);
		System.out.println("METABASE_COLLECTION_ID=" + MetabaseSeed.ACME_COLLECTION);
		System.out.println("METABASE_DATABASE_ID=" + MetabaseSeed.ACME_DATABASE);
		System.out.println("READY");
		System.out.flush();
		Thread.currentThread().join();
	}

	// ---- routing
	// ---------------------------------------------------------------------------------

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			String path = exchange.getRequestURI().getPath();
			String method = exchange.getRequestMethod();
			String key = exchange.getRequestHeaders().getFirst("x-api-key");
			this.requests.add(new Request(method, path, exchange.getRequestURI().getRawQuery(), key,
					exchange.getRequestHeaders().getFirst("Content-Type"), body));
			if (this.hang) {
				try {
					this.closing.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return;
			}
			if (this.garbage) {
				send(exchange, 200, "application/json", "<html><body>Bad gateway… or so</body></html>");
				return;
			}
			if (!path.startsWith("/api/")) {
				send(exchange, 404, "text/plain", "Not found.");
				return;
			}
			if (key == null || !(key.equals(API_KEY) || key.equals(LIMITED_KEY))) {
				send(exchange, 401, "text/plain", "Unauthenticated");
				return;
			}
			if (path.equals("/api/user/current") && method.equals("GET")) {
				json(exchange, 200, this.objects.currentUser(key));
				return;
			}
			if (key.equals(LIMITED_KEY)) {
				send(exchange, 403, "text/plain", "You don't have permissions to do that.");
				return;
			}
			route(exchange, method, path, body);
		}
		catch (RuntimeException | SQLException ex) {
			send(exchange, 500, "text/plain", "double failure: " + ex);
		}
	}

	private void route(HttpExchange exchange, String method, String path, String body)
			throws IOException, SQLException {
		Map<String, List<String>> query = queryOf(exchange.getRequestURI().getRawQuery());
		String[] parts = path.substring(1).split("/");
		if (method.equals("GET") && path.equals("/api/docs/openapi.json")) {
			json(exchange, 200, this.objects.openApi());
		}
		else if (method.equals("GET") && path.equals("/api/search")) {
			json(exchange, 200, this.objects.search(query));
		}
		else if (method.equals("GET") && parts.length == 3 && parts[1].equals("card")) {
			MetabaseSeed.Card card = this.seed.cards.get(id(parts[2]));
			if (card == null) {
				notFound(exchange);
				return;
			}
			json(exchange, 200, this.objects.card(card));
		}
		else if (method.equals("POST") && parts.length == 4 && parts[1].equals("card") && parts[3].equals("query")) {
			MetabaseSeed.Card card = this.seed.cards.get(id(parts[2]));
			if (card == null) {
				notFound(exchange);
				return;
			}
			JsonNode request = body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
			if (this.failBeforeStreaming != 0) {
				json(exchange, this.failBeforeStreaming,
						MetabaseQueries.failed("Query failed before it started", card.databaseId()));
				return;
			}
			json(exchange, 202, this.queries.run(card.databaseId(), card.sql(),
					MetabaseQueries.parameters(request.path("parameters")), ROW_CAP));
		}
		else if (method.equals("POST") && parts.length == 5 && parts[1].equals("card") && parts[3].equals("query")
				&& parts[4].equals("csv")) {
			MetabaseSeed.Card card = this.seed.cards.get(id(parts[2]));
			if (card == null) {
				notFound(exchange);
				return;
			}
			Map<String, String> form = form(exchange, body);
			JsonNode params = form.containsKey("parameters") ? JSON.readTree(form.get("parameters"))
					: JSON.createArrayNode();
			this.queries.csv(exchange, card.databaseId(), card.sql(), MetabaseQueries.parameters(params), card.name(),
					this.cutExports);
		}
		else if (method.equals("POST") && path.equals("/api/dataset")) {
			JsonNode request = JSON.readTree(body);
			long database = request.path("database").asLong();
			if (!this.seed.jdbcUrls.containsKey(database)) {
				json(exchange, 202, MetabaseQueries.failed("Database " + database + " does not exist.", database));
				return;
			}
			json(exchange, 202,
					this.queries.run(database, request.path("native").path("query").asText(), Map.of(), ROW_CAP));
		}
		else if (method.equals("POST") && path.equals("/api/dataset/csv")) {
			JsonNode request = JSON.readTree(form(exchange, body).getOrDefault("query", "{}"));
			long database = request.path("database").asLong();
			if (!this.seed.jdbcUrls.containsKey(database)) {
				notFound(exchange);
				return;
			}
			this.queries.csv(exchange, database, request.path("native").path("query").asText(), Map.of(),
					"query_result", this.cutExports);
		}
		else if (method.equals("GET") && parts.length == 3 && parts[1].equals("dashboard")) {
			MetabaseSeed.Dashboard dashboard = this.seed.dashboards.get(id(parts[2]));
			if (dashboard == null) {
				notFound(exchange);
				return;
			}
			json(exchange, 200, this.objects.dashboard(dashboard));
		}
		else if (method.equals("GET") && parts.length == 4 && parts[1].equals("database")
				&& parts[3].equals("metadata")) {
			long database = id(parts[2]);
			if (!this.seed.jdbcUrls.containsKey(database)) {
				notFound(exchange);
				return;
			}
			json(exchange, 200, this.objects.metadata(database));
		}
		else {
			notFound(exchange);
		}
	}

	// ---- plumbing
	// --------------------------------------------------------------------------------

	private static long id(String text) {
		try {
			return Long.parseLong(text);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private static Map<String, List<String>> queryOf(String raw) {
		Map<String, List<String>> query = new LinkedHashMap<>();
		if (raw == null || raw.isEmpty()) {
			return query;
		}
		for (String pair : raw.split("&")) {
			int eq = pair.indexOf('=');
			String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
			String value = (eq < 0) ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			query.computeIfAbsent(name, (n) -> new ArrayList<>()).add(value);
		}
		return query;
	}

	/** Export parameters: form fields since 0.53, or a JSON body [CHG]. */
	private static Map<String, String> form(HttpExchange exchange, String body) throws IOException {
		String type = exchange.getRequestHeaders().getFirst("Content-Type");
		Map<String, String> form = new LinkedHashMap<>();
		if (type != null && type.startsWith("application/json") && !body.isBlank()) {
			JsonNode json = JSON.readTree(body);
			json.fields()
				.forEachRemaining((field) -> form.put(field.getKey(),
						field.getValue().isTextual() ? field.getValue().asText() : field.getValue().toString()));
			return form;
		}
		queryOf(body).forEach((name, values) -> form.put(name, values.get(0)));
		return form;
	}

	private static void notFound(HttpExchange exchange) throws IOException {
		send(exchange, 404, "text/plain", "Not found.");
	}

	static void json(HttpExchange exchange, int status, JsonNode body) throws IOException {
		send(exchange, status, "application/json;charset=utf-8", JSON.writeValueAsString(body));
	}

	static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", type);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
