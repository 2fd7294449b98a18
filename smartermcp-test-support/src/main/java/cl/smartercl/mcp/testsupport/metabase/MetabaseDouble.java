package cl.smartercl.mcp.testsupport.metabase;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.io.BufferedWriter;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A Metabase stand-in: the endpoints SmarterMCP's analytics tools call, over saved questions (native SQL)
 * that really run on an embedded H2 database per Metabase "database" ({@link MetabaseSeed}). It is written
 * from {@code shared/backend-notes/metabase.md} and Metabase's published API docs, never from the connector:
 * <ul>
 * <li>Auth: the {@code x-api-key} header [KEYS]; a missing or unknown key is {@code 401} with the plain-text
 * body {@code Unauthenticated}; {@link #LIMITED_KEY} (a key whose group may see nothing) gets {@code 403}
 * with the plain-text body {@code You don't have permissions to do that.} everywhere but
 * {@code /api/user/current} (notes §4).</li>
 * <li>{@code POST /api/card/{id}/query} and {@code POST /api/dataset} answer {@code 202} even when the query
 * fails, with {@code "status":"failed"} and {@code "error"} in the body [202]; results carry
 * {@code data.rows}, {@code data.cols[{name, display_name, base_type}]}, {@code row_count},
 * {@code status:"completed"}, {@code database_id}, {@code started_at}, {@code running_time} (notes §3). Rows
 * stop at 2,000 [ROWS]; when cut, {@code data.rows_truncated} holds the cap (Metabase's query processor
 * middleware field; the notes only give the cap).</li>
 * <li>{@code POST /api/card/{id}/query/csv} and {@code POST /api/dataset/csv} stream every row
 * (notes §2: exports up to 1,048,575 rows) as {@code text/csv} with display names as headers; parameters come
 * as form fields ({@code parameters}, and {@code query} as JSON text for the dataset export) [CHG 0.53]. A
 * query that fails before the first byte answers a real status (here 400) with the JSON error [202, PR
 * #62351].</li>
 * <li>{@code GET /api/search?models=…&q=…&limit=&offset=} answers {@code {data, total, limit, offset}}
 * [notes §5]; items carry {@code model} and {@code collection {id, name}}. Like Metabase it returns what the
 * key may see across collections: narrowing to a tenant's collection is the caller's job.</li>
 * <li>{@code GET /api/card/{id}}, {@code GET /api/dashboard/{id}} (with {@code dashcards[].card_id},
 * {@code card}, {@code parameters}), {@code GET /api/database/{id}/metadata} ({@code tables[].fields[]}),
 * {@code GET /api/user/current}, {@code GET /api/docs/openapi.json}; unknown ids are {@code 404} with the
 * plain-text body {@code Not found.}.</li>
 * </ul>
 * Hooks: {@link #hang} (accepts and never answers), {@link #garbage} (200 with a body that is not JSON).
 * Every request is recorded ({@link #requests()}) so tests can assert what was sent.
 */
public final class MetabaseDouble implements AutoCloseable {

	public static final String API_KEY = "mb_2Jx9sQk4TestDoubleKey0000000000000000";

	/** A key whose group has no permissions. */
	public static final String LIMITED_KEY = "mb_LimitedGroupKey000000000000000000000";

	public static final int ROW_CAP = 2000;

	/** Metabase writes decimals as plain numbers (45780.00), never in exponent form. */
	private static final ObjectMapper JSON = new ObjectMapper()
		.setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true))
		.enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

	private static final Pattern TAG = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}");

	/** One request as it arrived. */
	public record Request(String method, String path, String query, String apiKey, String contentType,
			String body) {
	}

	private final MetabaseSeed seed = new MetabaseSeed();

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

	/** From now on, requests are accepted and never answered (until {@code hang(false)}). */
	public void hang(boolean on) {
		this.hang = on;
	}

	/**
	 * From now on, the JSON query endpoints fail before streaming with this real status and the JSON error
	 * body, as Metabase does since PR #62351 for an error raised before the first byte; 0 turns it off.
	 */
	public void failQueriesBeforeStreaming(int status) {
		this.failBeforeStreaming = status;
	}

	/**
	 * From now on, CSV exports announce their full length, send half, and close the connection: a download
	 * cut mid-stream (PR #75586).
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

	/** For the local stack: {@code --port N}; prints the URL, the key and the tenants' ids, then READY. */
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

	// ---- routing ---------------------------------------------------------------------------------

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
				json(exchange, 200, currentUser(key));
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

	private void route(HttpExchange exchange, String method, String path, String body) throws IOException, SQLException {
		Map<String, List<String>> query = queryOf(exchange.getRequestURI().getRawQuery());
		String[] parts = path.substring(1).split("/");
		if (method.equals("GET") && path.equals("/api/docs/openapi.json")) {
			json(exchange, 200, openApi());
		}
		else if (method.equals("GET") && path.equals("/api/search")) {
			json(exchange, 200, search(query));
		}
		else if (method.equals("GET") && parts.length == 3 && parts[1].equals("card")) {
			MetabaseSeed.Card card = this.seed.cards.get(id(parts[2]));
			if (card == null) {
				notFound(exchange);
				return;
			}
			json(exchange, 200, card(card));
		}
		else if (method.equals("POST") && parts.length == 4 && parts[1].equals("card") && parts[3].equals("query")) {
			MetabaseSeed.Card card = this.seed.cards.get(id(parts[2]));
			if (card == null) {
				notFound(exchange);
				return;
			}
			JsonNode request = body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
			if (this.failBeforeStreaming != 0) {
				json(exchange, this.failBeforeStreaming, failed("Query failed before it started", card.databaseId()));
				return;
			}
			json(exchange, 202, run(card.databaseId(), card.sql(), parameters(request.path("parameters")), ROW_CAP));
		}
		else if (method.equals("POST") && parts.length == 5 && parts[1].equals("card") && parts[3].equals("query")
				&& parts[4].equals("csv")) {
			MetabaseSeed.Card card = this.seed.cards.get(id(parts[2]));
			if (card == null) {
				notFound(exchange);
				return;
			}
			Map<String, String> form = form(exchange, body);
			JsonNode params = form.containsKey("parameters") ? JSON.readTree(form.get("parameters")) : JSON.createArrayNode();
			csv(exchange, card.databaseId(), card.sql(), parameters(params), card.name());
		}
		else if (method.equals("POST") && path.equals("/api/dataset")) {
			JsonNode request = JSON.readTree(body);
			long database = request.path("database").asLong();
			if (!this.seed.jdbcUrls.containsKey(database)) {
				json(exchange, 202, failed("Database " + database + " does not exist.", database));
				return;
			}
			json(exchange, 202, run(database, request.path("native").path("query").asText(), Map.of(), ROW_CAP));
		}
		else if (method.equals("POST") && path.equals("/api/dataset/csv")) {
			JsonNode request = JSON.readTree(form(exchange, body).getOrDefault("query", "{}"));
			long database = request.path("database").asLong();
			if (!this.seed.jdbcUrls.containsKey(database)) {
				notFound(exchange);
				return;
			}
			csv(exchange, database, request.path("native").path("query").asText(), Map.of(), "query_result");
		}
		else if (method.equals("GET") && parts.length == 3 && parts[1].equals("dashboard")) {
			MetabaseSeed.Dashboard dashboard = this.seed.dashboards.get(id(parts[2]));
			if (dashboard == null) {
				notFound(exchange);
				return;
			}
			json(exchange, 200, dashboard(dashboard));
		}
		else if (method.equals("GET") && parts.length == 4 && parts[1].equals("database") && parts[3].equals("metadata")) {
			long database = id(parts[2]);
			if (!this.seed.jdbcUrls.containsKey(database)) {
				notFound(exchange);
				return;
			}
			json(exchange, 200, metadata(database));
		}
		else {
			notFound(exchange);
		}
	}

	// ---- answers ---------------------------------------------------------------------------------

	private ObjectNode currentUser(String key) {
		ObjectNode user = JSON.createObjectNode();
		user.put("id", key.equals(API_KEY) ? 7 : 8);
		user.put("email", "api-key-user-" + (key.equals(API_KEY) ? 7 : 8) + "@api-key.invalid");
		user.put("first_name", "SmarterMCP");
		user.putNull("last_name");
		user.put("common_name", "SmarterMCP");
		user.put("is_superuser", false);
		return user;
	}

	private ObjectNode openApi() {
		ObjectNode doc = JSON.createObjectNode();
		doc.put("openapi", "3.1.0");
		doc.putObject("info").put("title", "Metabase API").put("version", "v0.56.4 (test double)");
		ObjectNode paths = doc.putObject("paths");
		for (String path : List.of("/api/card/{id}/query", "/api/card/{card-id}/query/{export-format}", "/api/dataset",
				"/api/search", "/api/dashboard/{id}", "/api/database/{id}/metadata", "/api/user/current")) {
			paths.putObject(path);
		}
		return doc;
	}

	private ObjectNode search(Map<String, List<String>> query) {
		List<String> models = query.getOrDefault("models", List.of("card", "dashboard"));
		String q = query.containsKey("q") ? query.get("q").get(0).toLowerCase(Locale.ROOT) : null;
		List<ObjectNode> items = new ArrayList<>();
		if (models.contains("dashboard")) {
			for (MetabaseSeed.Dashboard dashboard : this.seed.dashboards.values()) {
				if (matches(q, dashboard.name(), dashboard.description())) {
					ObjectNode item = item("dashboard", dashboard.id(), dashboard.name(), dashboard.description(),
							dashboard.collectionId());
					items.add(item);
				}
			}
		}
		if (models.contains("card")) {
			for (MetabaseSeed.Card card : this.seed.cards.values()) {
				if (matches(q, card.name(), card.description())) {
					ObjectNode item = item("card", card.id(), card.name(), card.description(), card.collectionId());
					item.put("database_id", card.databaseId());
					item.put("display", card.display());
					items.add(item);
				}
			}
		}
		int offset = query.containsKey("offset") ? Integer.parseInt(query.get("offset").get(0)) : 0;
		boolean paged = query.containsKey("limit") || query.containsKey("offset");
		// offset_paging.clj: once limit or offset is given, the default limit is 50 [notes §5]
		int limit = query.containsKey("limit") ? Integer.parseInt(query.get("limit").get(0)) : (paged ? 50 : items.size());
		ObjectNode answer = JSON.createObjectNode();
		ArrayNode data = answer.putArray("data");
		items.stream().skip(offset).limit(limit).forEach(data::add);
		answer.put("total", items.size());
		if (paged) {
			answer.put("limit", limit);
			answer.put("offset", offset);
		}
		else {
			answer.putNull("limit");
			answer.putNull("offset");
		}
		ArrayNode echoed = answer.putArray("models");
		models.forEach(echoed::add);
		return answer;
	}

	private ObjectNode item(String model, long id, String name, String description, long collection) {
		ObjectNode item = JSON.createObjectNode();
		item.put("id", id);
		item.put("model", model);
		item.put("name", name);
		item.put("description", description);
		item.put("archived", false);
		item.put("updated_at", "2026-11-20T10:15:30.123Z");
		item.set("collection", collection(collection));
		return item;
	}

	private ObjectNode collection(long id) {
		ObjectNode collection = JSON.createObjectNode();
		collection.put("id", id);
		collection.put("name", this.seed.collections.get(id));
		collection.putNull("authority_level");
		collection.putNull("type");
		return collection;
	}

	private static boolean matches(String q, String name, String description) {
		return q == null || name.toLowerCase(Locale.ROOT).contains(q)
				|| (description != null && description.toLowerCase(Locale.ROOT).contains(q));
	}

	private ObjectNode card(MetabaseSeed.Card card) {
		ObjectNode node = JSON.createObjectNode();
		node.put("id", card.id());
		node.put("name", card.name());
		node.put("description", card.description());
		node.put("type", "question");
		node.put("display", card.display());
		node.put("collection_id", card.collectionId());
		node.set("collection", collection(card.collectionId()));
		node.put("database_id", card.databaseId());
		node.put("archived", false);
		node.put("updated_at", "2026-11-20T10:15:30.123Z");
		ObjectNode query = node.putObject("dataset_query");
		query.put("database", card.databaseId());
		query.put("type", "native");
		ObjectNode tags = query.putObject("native").put("query", card.sql()).putObject("template-tags");
		Matcher tag = TAG.matcher(card.sql());
		while (tag.find()) {
			tags.putObject(tag.group(1)).put("name", tag.group(1)).put("display-name", tag.group(1)).put("type", "text");
		}
		return node;
	}

	private ObjectNode dashboard(MetabaseSeed.Dashboard dashboard) {
		ObjectNode node = JSON.createObjectNode();
		node.put("id", dashboard.id());
		node.put("name", dashboard.name());
		node.put("description", dashboard.description());
		node.put("collection_id", dashboard.collectionId());
		node.set("collection", collection(dashboard.collectionId()));
		node.put("archived", false);
		node.put("updated_at", "2026-11-20T10:15:30.123Z");
		ArrayNode parameters = node.putArray("parameters");
		for (MetabaseSeed.Filter filter : dashboard.filters()) {
			parameters.addObject().put("id", filter.id()).put("name", filter.name()).put("slug", filter.slug())
				.put("type", filter.type()).put("sectionId", filter.type().split("/")[0]);
		}
		ArrayNode dashcards = node.putArray("dashcards");
		int row = 0;
		for (MetabaseSeed.DashCard dashcard : dashboard.dashcards()) {
			ObjectNode item = dashcards.addObject();
			item.put("id", dashcard.id());
			item.put("dashboard_id", dashboard.id());
			item.put("row", row);
			item.put("col", 0);
			item.put("size_x", 12);
			item.put("size_y", 6);
			row += 6;
			if (dashcard.cardId() == null) {
				item.putNull("card_id");
				ObjectNode virtual = item.putObject("visualization_settings").putObject("virtual_card");
				virtual.put("display", "text");
				item.with("visualization_settings").put("text", dashcard.text());
				item.putObject("card").put("display", "text").putNull("id").putNull("name");
			}
			else {
				MetabaseSeed.Card card = this.seed.cards.get(dashcard.cardId());
				item.put("card_id", card.id());
				item.putObject("card").put("id", card.id()).put("name", card.name()).put("display", card.display())
					.put("database_id", card.databaseId());
				item.putArray("parameter_mappings");
			}
		}
		return node;
	}

	private ObjectNode metadata(long database) throws SQLException {
		ObjectNode node = JSON.createObjectNode();
		node.put("id", database);
		node.put("name", this.seed.databaseNames.get(database));
		node.put("engine", "h2");
		ArrayNode tables = node.putArray("tables");
		try (Connection connection = this.seed.connect(database);
				ResultSet rs = connection.getMetaData().getTables(null, "public", "%", new String[] { "TABLE", "BASE TABLE" })) {
			long tableId = database * 100;
			while (rs.next()) {
				String table = rs.getString("TABLE_NAME");
				ObjectNode t = tables.addObject();
				t.put("id", ++tableId);
				t.put("db_id", database);
				t.put("name", table);
				t.put("schema", "public");
				t.put("display_name", Character.toUpperCase(table.charAt(0)) + table.substring(1));
				ArrayNode fields = t.putArray("fields");
				try (ResultSet columns = connection.getMetaData().getColumns(null, "public", table, "%")) {
					long fieldId = tableId * 100;
					while (columns.next()) {
						fields.addObject().put("id", ++fieldId).put("table_id", tableId)
							.put("name", columns.getString("COLUMN_NAME"))
							.put("display_name", columns.getString("COLUMN_NAME"))
							.put("database_type", columns.getString("TYPE_NAME"))
							.put("base_type", baseType(columns.getInt("DATA_TYPE")));
					}
				}
			}
		}
		return node;
	}

	// ---- queries ---------------------------------------------------------------------------------

	/** Template tag name → value, from Metabase's {@code [{type, target:["variable",["template-tag",name]], value}]}. */
	private static Map<String, String> parameters(JsonNode parameters) {
		Map<String, String> values = new LinkedHashMap<>();
		for (JsonNode parameter : parameters) {
			JsonNode target = parameter.path("target");
			if (target.path(0).asText().equals("variable") && target.path(1).path(0).asText().equals("template-tag")) {
				values.put(target.path(1).path(1).asText(), parameter.path("value").asText());
			}
		}
		return values;
	}

	/** The SQL with its tags bound, or an error message as Metabase words it. */
	private record Bound(String sql, List<String> values, String error) {
	}

	private static Bound bind(String sql, Map<String, String> parameters) {
		Matcher tag = TAG.matcher(sql);
		StringBuilder out = new StringBuilder();
		List<String> values = new ArrayList<>();
		while (tag.find()) {
			String value = parameters.get(tag.group(1));
			if (value == null) {
				return new Bound(null, null, "You'll need to pick a value for '" + tag.group(1) + "' before this query can run.");
			}
			values.add(value);
			tag.appendReplacement(out, "?");
		}
		tag.appendTail(out);
		return new Bound(out.toString(), values, null);
	}

	private ObjectNode run(long database, String sql, Map<String, String> parameters, int cap) {
		Instant started = Instant.now();
		Bound bound = bind(sql, parameters);
		if (bound.error() != null) {
			return failed(bound.error(), database);
		}
		try (Connection connection = this.seed.connect(database);
				PreparedStatement statement = prepare(connection, bound)) {
			connection.setReadOnly(true);
			try (ResultSet rs = statement.executeQuery()) {
				ResultSetMetaData meta = rs.getMetaData();
				ObjectNode answer = JSON.createObjectNode();
				ObjectNode data = answer.putObject("data");
				ArrayNode rows = data.putArray("rows");
				int count = 0;
				boolean cut = false;
				while (rs.next()) {
					if (count == cap) {
						cut = true;
						break;
					}
					ArrayNode row = rows.addArray();
					for (int i = 1; i <= meta.getColumnCount(); i++) {
						row.add(JSON.valueToTree(value(rs, i, meta.getColumnType(i))));
					}
					count++;
				}
				ArrayNode cols = data.putArray("cols");
				for (int i = 1; i <= meta.getColumnCount(); i++) {
					String name = meta.getColumnLabel(i);
					cols.addObject().put("name", name).put("display_name", displayName(name))
						.put("base_type", baseType(meta.getColumnType(i))).put("source", "native");
				}
				data.putObject("native_form").put("query", sql);
				if (cut) {
					data.put("rows_truncated", cap);
				}
				answer.put("database_id", database);
				answer.put("started_at", started.toString());
				answer.put("row_count", count);
				answer.put("running_time", 3);
				answer.put("status", "completed");
				return answer;
			}
		}
		catch (SQLException ex) {
			return failed(firstLine(ex.getMessage()), database);
		}
	}

	private static PreparedStatement prepare(Connection connection, Bound bound) throws SQLException {
		PreparedStatement statement = connection.prepareStatement(bound.sql());
		for (int i = 0; i < bound.values().size(); i++) {
			statement.setString(i + 1, bound.values().get(i));
		}
		return statement;
	}

	private static ObjectNode failed(String error, long database) {
		ObjectNode answer = JSON.createObjectNode();
		answer.put("status", "failed");
		answer.put("class", "class org.h2.jdbc.JdbcSQLSyntaxErrorException");
		answer.put("error", error);
		answer.put("error_type", "invalid-query");
		answer.put("database_id", database);
		answer.put("row_count", 0);
		answer.putObject("data").putArray("rows");
		return answer;
	}

	/** Streams every row as CSV; a failure before the first byte gets a real status [202, PR #62351]. */
	private void csv(HttpExchange exchange, long database, String sql, Map<String, String> parameters, String name)
			throws IOException {
		Bound bound = bind(sql, parameters);
		if (bound.error() != null) {
			json(exchange, 400, failed(bound.error(), database));
			return;
		}
		try (Connection connection = this.seed.connect(database);
				PreparedStatement statement = prepare(connection, bound);
				ResultSet rs = statement.executeQuery()) {
			ResultSetMetaData meta = rs.getMetaData();
			exchange.getResponseHeaders().set("Content-Type", "text/csv");
			exchange.getResponseHeaders().set("Content-Disposition",
					"attachment; filename=\"" + name.toLowerCase(Locale.ROOT).replace(' ', '_') + "_2026-11-20T10:15:30.csv\"");
			java.io.ByteArrayOutputStream whole = new java.io.ByteArrayOutputStream();
			Writer out = new BufferedWriter(new OutputStreamWriter(this.cutExports ? whole : new NoClose(exchange),
					StandardCharsets.UTF_8));
			if (!this.cutExports) {
				exchange.sendResponseHeaders(200, 0);
			}
			List<String> header = new ArrayList<>();
			for (int i = 1; i <= meta.getColumnCount(); i++) {
				header.add(csvCell(displayName(meta.getColumnLabel(i))));
			}
			out.write(String.join(",", header) + "\r\n");
			while (rs.next()) {
				List<String> row = new ArrayList<>();
				for (int i = 1; i <= meta.getColumnCount(); i++) {
					Object value = value(rs, i, meta.getColumnType(i));
					row.add((value == null) ? "" : csvCell(value.toString()));
				}
				out.write(String.join(",", row) + "\r\n");
			}
			out.flush();
			if (this.cutExports) {
				// the full length is announced, half is sent; closing the exchange then drops the connection
				byte[] bytes = whole.toByteArray();
				exchange.sendResponseHeaders(200, bytes.length);
				exchange.getResponseBody().write(bytes, 0, bytes.length / 2);
				exchange.getResponseBody().flush();
			}
		}
		catch (SQLException ex) {
			json(exchange, 400, failed(firstLine(ex.getMessage()), database));
		}
	}

	/** The response body, written through as the rows are read. */
	private static final class NoClose extends java.io.FilterOutputStream {

		NoClose(HttpExchange exchange) {
			super(exchange.getResponseBody());
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			this.out.write(bytes, offset, length);
		}

	}

	private static String csvCell(String text) {
		return (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r"))
				? "\"" + text.replace("\"", "\"\"") + "\"" : text;
	}

	private static Object value(ResultSet rs, int i, int type) throws SQLException {
		Object value = rs.getObject(i);
		if (value == null) {
			return null;
		}
		return switch (type) {
			// Metabase's JSON answers dates and times as ISO-8601 text
			case Types.DATE -> rs.getDate(i).toLocalDate().atStartOfDay().toInstant(ZoneOffset.UTC).toString();
			case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> rs.getTimestamp(i).toLocalDateTime().toInstant(ZoneOffset.UTC).toString();
			case Types.DECIMAL, Types.NUMERIC -> (BigDecimal) rs.getBigDecimal(i);
			default -> (value instanceof Date || value instanceof Timestamp) ? value.toString() : value;
		};
	}

	private static String baseType(int sqlType) {
		return switch (sqlType) {
			case Types.INTEGER, Types.SMALLINT, Types.TINYINT -> "type/Integer";
			case Types.BIGINT -> "type/BigInteger";
			case Types.DECIMAL, Types.NUMERIC -> "type/Decimal";
			case Types.DOUBLE, Types.FLOAT, Types.REAL -> "type/Float";
			case Types.DATE -> "type/Date";
			case Types.TIMESTAMP -> "type/DateTime";
			case Types.TIMESTAMP_WITH_TIMEZONE -> "type/DateTimeWithTZ";
			case Types.BOOLEAN -> "type/Boolean";
			default -> "type/Text";
		};
	}

	private static String displayName(String column) {
		String words = column.replace('_', ' ');
		return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
	}

	private static String firstLine(String text) {
		return (text == null) ? "query failed" : text.lines().findFirst().orElse("query failed");
	}

	// ---- plumbing --------------------------------------------------------------------------------

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
			json.fields().forEachRemaining((field) -> form.put(field.getKey(),
					field.getValue().isTextual() ? field.getValue().asText() : field.getValue().toString()));
			return form;
		}
		queryOf(body).forEach((name, values) -> form.put(name, values.get(0)));
		return form;
	}

	private static void notFound(HttpExchange exchange) throws IOException {
		send(exchange, 404, "text/plain", "Not found.");
	}

	private static void json(HttpExchange exchange, int status, JsonNode body) throws IOException {
		send(exchange, status, "application/json;charset=utf-8", JSON.writeValueAsString(body));
	}

	private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", type);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}


}
