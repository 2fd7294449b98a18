package cl.smartercl.mcp.testsupport.odoo;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for an Odoo 19.0 Community server with the CRM demo data, serving the
 * external API over both protocols from an in-memory database: JSON-2
 * ({@code POST /json/2/<model>/<method>}, bearer API key, {@code X-Odoo-Database}) and
 * JSON-RPC ({@code POST /jsonrpc}, services {@code common} and {@code object}), plus
 * {@code GET /web/version}. It is written from the 99 recordings of
 * {@code ../shared/backend-recordings/odoo-19} and proven against them by
 * {@code OdooDoubleRecordingsTests}; where they say nothing it answers an honest
 * {@code testdouble.NotImplemented} error (HTTP 500) rather than invent Odoo's behaviour.
 * <p>
 * Tests can make it hang, answer garbage or any status ({@link #behave}), slow every call
 * down ({@link #slowDown}), add users restricted to companies ({@link #addUser}), and
 * read the requests it received ({@link #requests}). Run {@link #main} for the local
 * stack.
 */
public final class OdooDouble implements AutoCloseable {

	/** What the double answers instead of serving the API. */
	public sealed interface Behaviour permits Normal, Hang, Answer {

	}

	/** Serve the API. */
	public record Normal() implements Behaviour {
	}

	/** Accept the request and never answer (until closed). */
	public record Hang() implements Behaviour {
	}

	/** Answer every request with this status, content type and body. */
	public record Answer(int status, String contentType, String body) implements Behaviour {
	}

	/** One request as received. */
	public record Request(String method, String path, Map<String, String> headers, String body) {

		/** The body as JSON. */
		public JsonNode json() {
			try {
				return OdooDatabase.JSON.readTree(this.body);
			}
			catch (JsonProcessingException ex) {
				throw new IllegalStateException("not JSON: " + this.body, ex);
			}
		}

		public String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

	}

	private static final String JSON_TYPE = "application/json; charset=utf-8";

	/** Odoo's page for a database that does not exist (file 10). */
	private static final String NO_DATABASE_PAGE = "<!DOCTYPE html>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n"
			+ "<p>No database is selected and the requested URL was not found in the server-wide controllers.</p>\n"
			+ "<p>Please verify the hostname, <a href=/web/login>login</a> and try again.</p>\n\n"
			+ "<!-- Alternatively, use the X-Odoo-Database header. -->\n";

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final OdooDatabase db;

	private final OdooMethods methods;

	private final JsonNode seed;

	private final String adminKey;

	private final AtomicReference<Behaviour> behaviour = new AtomicReference<>(new Normal());

	private final AtomicReference<Duration> delay = new AtomicReference<>(Duration.ZERO);

	private final List<Request> requests = new ArrayList<>();

	private final CountDownLatch closed = new CountDownLatch(1);

	private final AtomicReference<JsonNode> version = new AtomicReference<>();

	private OdooDouble(int port, Clock clock) {
		this.seed = OdooSeed.resource();
		this.db = new OdooDatabase(clock);
		this.adminKey = "odoo-double-admin-key-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
		OdooSeed.load(this.db, this.seed, this.adminKey);
		this.version.set(this.seed.get("version"));
		this.methods = new OdooMethods(this.db);
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", this::handle);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	/** A double on a free port, with the recordings' starting data. */
	public static OdooDouble start() {
		return new OdooDouble(0, Clock.systemUTC());
	}

	public static OdooDouble start(int port) {
		return new OdooDouble(port, Clock.systemUTC());
	}

	public URI url() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	public String database() {
		return OdooSeed.DATABASE;
	}

	/** The API key of the administrator (uid 2, Mitchell Admin, every company). */
	public String adminKey() {
		return this.adminKey;
	}

	public String adminPassword() {
		return OdooSeed.ADMIN_PASSWORD;
	}

	public void behave(Behaviour next) {
		this.behaviour.set(next);
	}

	/**
	 * Every call takes at least this long (answered after the work is done): races become
	 * likely.
	 */
	public void slowDown(Duration each) {
		this.delay.set(each);
	}

	/**
	 * Answers {@code GET /web/version} as an older server would, e.g.
	 * {@code [18, 0, 0, "final", 0, ""]}, to test a client's choice of protocol and
	 * methods; everything else stays Odoo 19's (whose JSON-RPC and {@code read_group}
	 * still answer, files 16, 37, 38).
	 */
	public void reportVersion(int major) {
		ObjectNode version = OdooDatabase.object();
		version.putArray("version_info").add(major).add(0).add(0).add("final").add(0).add("");
		version.put("version", major + ".0");
		this.version.set(version);
	}

	public List<Request> requests() {
		synchronized (this.requests) {
			return List.copyOf(this.requests);
		}
	}

	public void clearRequests() {
		synchronized (this.requests) {
			this.requests.clear();
		}
	}

	/**
	 * Mints an API key for a user, as the web client's key wizard does (files 67–69,
	 * which use the browser session routes this double does not serve).
	 */
	public synchronized String issueApiKey(long uid, String name) {
		if (this.db.user(uid) == null) {
			throw new IllegalArgumentException("no user " + uid);
		}
		String key = "odoo-double-key-" + uid + "-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
		this.db.apiKeys.put(key, uid);
		ObjectNode row = OdooDatabase.object();
		long id = this.db.newId("res.users.apikeys");
		row.put("id", id);
		row.put("name", name);
		row.put("user_id", uid);
		row.put("scope", false);
		// keys of non-admin users made through the wizard expire at the next midnight
		// (file 81)
		row.set("expiration_date",
				(uid == 2) ? BooleanNode.FALSE : OdooDatabase.text(OdooRecords.tomorrowMidnight(this.db.clock())));
		row.put("create_date", this.db.now());
		this.db.insert("res.users.apikeys", row);
		return key;
	}

	/** Uses up ids of a model, as calls the recorder did not keep did (its README). */
	public synchronized void skipIds(String model, int count) {
		for (int i = 0; i < count; i++) {
			this.db.newId(model);
		}
	}

	/**
	 * Creates a user through the API as the administrator would (like files 63 and 80)
	 * and mints its key.
	 * @param allDocuments Sales / User: All Documents (group 18), else Own Documents Only
	 * (group 17)
	 * @return the new user's API key
	 */
	public synchronized String addUser(String name, String login, List<Long> companies, boolean allDocuments) {
		ObjectNode vals = OdooDatabase.object();
		vals.put("name", name);
		vals.put("login", login);
		vals.put("email", login);
		vals.put("password", "double-" + login);
		vals.put("company_id", companies.get(0));
		ArrayNode set = vals.putArray("company_ids").addArray().add(6).add(0).addArray();
		companies.forEach(set::add);
		vals.putArray("group_ids").addArray().add(6).add(0).addArray().add(allDocuments ? 18 : 17);
		ObjectNode body = OdooDatabase.object();
		body.putArray("vals_list").add(vals);
		long uid = this.methods.callJson2(2, "res.users", "create", body).get(0).asLong();
		return issueApiKey(uid, "crm-connector");
	}

	/**
	 * Calls a method as the administrator, as a JSON-2 body would (setting up test data).
	 */
	public synchronized JsonNode call(String model, String method, ObjectNode body) {
		return this.methods.callJson2(2, model, method, body);
	}

	/** A JSON-2-style body to fill for {@link #call}. */
	public static ObjectNode body() {
		return OdooDatabase.object();
	}

	@Override
	public void close() {
		this.closed.countDown();
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	// ---- HTTP
	// ------------------------------------------------------------------------------------

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			Map<String, String> headers = new LinkedHashMap<>();
			exchange.getRequestHeaders()
				.forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
			String path = exchange.getRequestURI().getPath();
			synchronized (this.requests) {
				this.requests.add(new Request(exchange.getRequestMethod(), path, headers, body));
			}
			Behaviour now = this.behaviour.get();
			if (now instanceof Hang) {
				this.closed.await();
				return;
			}
			if (now instanceof Answer answer) {
				send(exchange, answer.status(), answer.contentType(), answer.body(), null);
				return;
			}
			Reply reply;
			synchronized (this) {
				reply = route(exchange.getRequestMethod(), path, headers, body);
			}
			Duration wait = this.delay.get();
			if (!wait.isZero()) {
				TimeUnit.MILLISECONDS.sleep(wait.toMillis());
			}
			send(exchange, reply.status, reply.contentType, reply.body, reply.authenticate);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private record Reply(int status, String contentType, String body, String authenticate) {
	}

	private Reply route(String verb, String path, Map<String, String> headers, String body) {
		if (path.equals("/web/version") && verb.equals("GET")) {
			return json(200, this.version.get());
		}
		if (path.startsWith("/json/2/")) {
			return json2(verb, path, headers, body);
		}
		if (path.equals("/jsonrpc") && verb.equals("POST")) {
			return jsonRpc(body);
		}
		return new Reply(404, "text/html; charset=utf-8",
				"<!DOCTYPE html>\n<title>404 Not Found</title>\n<!-- the Odoo test double serves /web/version, /json/2 and /jsonrpc only -->\n",
				null);
	}

	private Reply json2(String verb, String path, Map<String, String> headers, String body) {
		String database = headers.get("x-odoo-database");
		if (database != null && !database.equals(OdooSeed.DATABASE)) {
			return new Reply(404, "text/html; charset=utf-8", NO_DATABASE_PAGE, null);
		}
		try {
			String[] parts = path.substring("/json/2/".length()).split("/");
			if (!verb.equals("POST") || parts.length != 2) {
				throw OdooFault.http(404, "werkzeug.exceptions.NotFound",
						"Did you mean POST /json/2/<model>/<method>?");
			}
			long uid = bearer(headers.get("authorization"));
			JsonNode arguments;
			try {
				arguments = body.isBlank() ? OdooDatabase.object() : OdooDatabase.JSON.readTree(body);
			}
			catch (JsonProcessingException ex) {
				throw OdooFault.http(400, "werkzeug.exceptions.BadRequest", "the body is not JSON (Odoo test double)");
			}
			if (!arguments.isObject()) {
				throw OdooFault.notInDouble("take a JSON-2 body that is not an object");
			}
			return json(200, this.methods.callJson2(uid, parts[0], parts[1], (ObjectNode) arguments));
		}
		catch (OdooFault fault) {
			Reply reply = json(fault.status, error(fault));
			return (fault.status == 401) ? new Reply(401, reply.contentType, reply.body, "Bearer ") : reply;
		}
	}

	private long bearer(String authorization) {
		if (authorization == null || authorization.isBlank()) {
			throw OdooFault.http(401, "werkzeug.exceptions.Unauthorized",
					"User not authenticated, use an API Key with a Bearer Authorization header.");
		}
		String[] parts = authorization.trim().split("\\s+", 2);
		Long uid = (parts.length == 2 && parts[0].equalsIgnoreCase("bearer")) ? this.db.apiKeys.get(parts[1]) : null;
		if (uid == null) {
			throw OdooFault.http(401, "werkzeug.exceptions.Unauthorized", "Invalid apikey");
		}
		return uid;
	}

	private Reply jsonRpc(String body) {
		JsonNode request;
		try {
			request = OdooDatabase.JSON.readTree(body);
		}
		catch (JsonProcessingException ex) {
			return new Reply(400, "text/plain", "the Odoo test double: the JSON-RPC body is not JSON", null);
		}
		ObjectNode envelope = OdooDatabase.object();
		envelope.put("jsonrpc", "2.0");
		envelope.set("id", request.get("id"));
		try {
			envelope.set("result", rpc(request.path("params")));
		}
		catch (OdooFault fault) {
			ObjectNode error = envelope.putObject("error");
			error.put("code", 0);
			error.put("message", "Odoo Server Error");
			error.set("data", error(fault));
		}
		return json(200, envelope);
	}

	private JsonNode rpc(JsonNode params) {
		String service = params.path("service").asText();
		String method = params.path("method").asText();
		JsonNode args = params.path("args");
		if (service.equals("common") && method.equals("version")) {
			return this.seed.get("common_version");
		}
		if (service.equals("common") && method.equals("authenticate")) {
			checkDatabase(args.path(0).asText());
			for (var user : this.db.table("res.users").values()) {
				if (user.path("login").asText().equals(args.path(1).asText())) {
					long uid = user.path("id").asLong();
					return secretOf(uid, args.path(2).asText()) ? OdooRecords.id(uid) : BooleanNode.FALSE;
				}
			}
			return BooleanNode.FALSE;
		}
		if (service.equals("object") && method.equals("execute_kw")) {
			checkDatabase(args.path(0).asText());
			long uid = args.path(1).asLong(-1);
			if (this.db.user(uid) == null || !secretOf(uid, args.path(2).asText())) {
				// no traceback for this one (file 06)
				throw new OdooFault(200, "odoo.exceptions.AccessDenied", "Access Denied", List.of("Access Denied"))
					.bare();
			}
			return this.methods.callJsonRpc(uid, args.path(3).asText(), args.path(4).asText(), args.get(5),
					args.size() > 6 ? args.get(6) : null);
		}
		throw OdooFault.notInDouble("serve the JSON-RPC call " + service + "." + method);
	}

	private void checkDatabase(String name) {
		if (!name.equals(OdooSeed.DATABASE)) {
			throw OdooFault
				.notInDouble("know what Odoo answers over JSON-RPC for the database '" + name + "' (not recorded)");
		}
	}

	/** JSON-RPC accepts the password or an API key of the user (files 03, 04). */
	private boolean secretOf(long uid, String secret) {
		Long owner = this.db.apiKeys.get(secret);
		return (owner != null && owner == uid) || secret.equals(this.db.passwords.get(uid));
	}

	private static ObjectNode error(OdooFault fault) {
		ObjectNode error = OdooDatabase.object();
		error.put("name", fault.name);
		error.put("message", fault.getMessage());
		ArrayNode arguments = error.putArray("arguments");
		fault.arguments.forEach((a) -> {
			if (a instanceof Integer i) {
				arguments.add(i);
			}
			else {
				arguments.add(String.valueOf(a));
			}
		});
		error.putObject("context");
		error.put("debug", fault.debug());
		return error;
	}

	private static Reply json(int status, JsonNode body) {
		try {
			return new Reply(status, JSON_TYPE, OdooDatabase.JSON.writeValueAsString(body), null);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void send(HttpExchange exchange, int status, String contentType, String body, String authenticate)
			throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		if (contentType != null) {
			exchange.getResponseHeaders().set("Content-Type", contentType);
		}
		if (authenticate != null) {
			exchange.getResponseHeaders().set("WWW-Authenticate", authenticate);
		}
		exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
		if (bytes.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
	}

	/**
	 * For the local stack: {@code --port N}. Besides the demo data it sets up what the
	 * recordings did for the second company (Acme Chile, its user Carla Chile, three
	 * contacts and three leads), prints the shell assignments of the URL, database and
	 * both users' keys, then {@code READY}.
	 */
	public static void main(String[] args) throws InterruptedException {
		int port = 8069;
		for (int i = 0; i < args.length; i++) {
			if (args[i].equals("--port") && i + 1 < args.length) {
				port = Integer.parseInt(args[++i]);
			}
		}
		OdooDouble odoo = start(port);
		String chileKey = OdooDemo.chile(odoo);
		System.out.println("ODOO_URL=" + odoo.url());
		System.out.println("ODOO_DB=" + odoo.database());
		System.out.println("ODOO_ADMIN_USER=admin");
		System.out.println("ODOO_ADMIN_API_KEY=" + odoo.adminKey());
		System.out.println("ODOO_CHILE_USER=carla@acme.cl");
		System.out.println("ODOO_CHILE_API_KEY=" + chileKey);
		System.out.println("ODOO_CHILE_COMPANY_ID=2");
		System.out.println("READY");
		System.out.flush();
		Runtime.getRuntime().addShutdownHook(new Thread(odoo::close));
		odoo.closed.await();
	}

}
