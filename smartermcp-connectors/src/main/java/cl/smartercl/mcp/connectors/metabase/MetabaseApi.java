package cl.smartercl.mcp.connectors.metabase;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import cl.smartercl.mcp.connectors.config.Secret;
import cl.smartercl.mcp.connectors.support.BackendAddress;
import cl.smartercl.mcp.connectors.support.BackendHttpClient;
import cl.smartercl.mcp.connectors.support.TransportFailures;
import cl.smartercl.mcp.connectors.support.BackendMessages;
import cl.smartercl.mcp.core.error.BackendException;
import cl.smartercl.mcp.core.error.NotFoundException;
import cl.smartercl.mcp.core.error.ServiceUnavailableException;
import cl.smartercl.mcp.core.error.ToolException;

/**
 * Every wire detail of Metabase (see {@code shared/backend-notes/metabase.md}): the
 * {@code x-api-key} header [KEYS]; the query endpoints {@code POST /api/card/{id}/query}
 * and {@code POST /api/dataset}, which answer 200 or 202 and put a failure in the body
 * ({@code "status":"failed"}, {@code "error"}) [202]; their 2,000-row cap [ROWS]; the CSV
 * exports {@code /api/card/{id}/query/csv} and {@code /api/dataset/csv}, whose parameters
 * travel as form fields since 0.53 [CHG] and which fail with a real status when the query
 * fails before the first byte [202]; plain-text 401 {@code Unauthenticated} and 403
 * bodies (notes §4); {@code /api/search}'s {@code {data, total}} paging (notes §5); and
 * the live API description at {@code /api/docs/openapi.json} (0.55+;
 * {@code /api/util/openapi} before).
 * <p>
 * No retries or circuit breaker here: the server's resilience layer owns them. Every
 * failure leaves as a {@link ToolException} worded for a person.
 */
final class MetabaseApi implements AutoCloseable {

	static final String SERVICE = "metabase";

	/**
	 * Decimals keep their scale (1234.50 stays 1234.50): they are amounts, not doubles.
	 */
	static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	private static final String API_KEY_HEADER = "x-api-key";

	/**
	 * 2,000 rows of a wide table fit; above this a JSON answer is refused rather than
	 * buffered.
	 */
	private static final int MAX_JSON_BYTES = 32 * 1024 * 1024;

	private static final int SEARCH_PAGE = 50;

	private final URI root;

	private final Secret apiKey;

	private final MetabaseOptions options;

	private final BackendHttpClient http;

	private final WebClient client;

	MetabaseApi(String tenantId, URI url, Secret apiKey, MetabaseOptions options) {
		URI root = BackendAddress.root(tenantId, "backends.metabase.url", url);
		if (apiKey == null) {
			throw new IllegalArgumentException("tenant " + tenantId + ": backends.metabase.api-key is required");
		}
		this.root = root;
		this.apiKey = apiKey;
		this.options = options;
		this.http = BackendHttpClient.builder(BackendAddress.of(SERVICE, "Metabase", this.root), "metabase-" + tenantId)
			.maxConnections(20)
			.connectTimeout(options.connectTimeout())
			.maxBodyBytes(MAX_JSON_BYTES)
			.build();
		this.client = this.http.web();
	}

	// ---- objects
	// ---------------------------------------------------------------------------------

	Mono<JsonNode> card(long id) {
		return json(HttpMethod.GET, "/api/card/" + id, null, "read question " + id, this.options.apiTimeout())
			.flatMap((reply) -> (reply.status() == 404) ? Mono.error(questionNotFound(id))
					: ok(reply, "read question " + id));
	}

	Mono<JsonNode> dashboard(long id) {
		return json(HttpMethod.GET, "/api/dashboard/" + id, null, "read dashboard " + id, this.options.apiTimeout())
			.flatMap(
					(reply) -> (reply.status() == 404)
							? Mono.error(new NotFoundException("Dashboard", Long.toString(id),
									"List the dashboards with analytics_dashboards"))
							: ok(reply, "read dashboard " + id));
	}

	/** Tables and fields of a database, for the model that writes SQL. */
	Mono<JsonNode> metadata(long databaseId) {
		String action = "read the metadata of database " + databaseId;
		return json(HttpMethod.GET, "/api/database/" + databaseId + "/metadata", null, action,
				this.options.apiTimeout())
			.flatMap((reply) -> (reply.status() == 404)
					? Mono.error(new BackendException(SERVICE,
							"database " + databaseId + " (backends.metabase.database-id) does not exist"))
					: ok(reply, action));
	}

	/**
	 * Items of one search model ({@code dashboard}, {@code card}), optionally matching
	 * {@code q}, page by page until {@code max} items or the {@code total} is reached.
	 * The search API is not narrowed by collection: the caller keeps what is the
	 * tenant's.
	 */
	Mono<Listing> search(String model, String q, int max) {
		return searchPage(model, q, 0, max, new ArrayList<>());
	}

	private Mono<Listing> searchPage(String model, String q, int offset, int max, List<JsonNode> acc) {
		StringJoiner query = new StringJoiner("&", "?", "");
		query.add("models=" + encode(model));
		if (q != null) {
			query.add("q=" + encode(q));
		}
		query.add("limit=" + SEARCH_PAGE).add("offset=" + offset);
		String action = "search " + model + "s";
		return json(HttpMethod.GET, "/api/search" + query, null, action, this.options.apiTimeout())
			.flatMap((reply) -> ok(reply, action))
			.flatMap((page) -> {
				JsonNode data = page.path("data");
				if (!data.isArray()) {
					return Mono.error(new BackendException(SERVICE, "the search answer has no data list"));
				}
				data.forEach(acc::add);
				long total = page.path("total").asLong(acc.size());
				if (acc.size() >= max) {
					return Mono.just(new Listing(acc.subList(0, max), total > max));
				}
				if (data.isEmpty() || offset + data.size() >= total) {
					return Mono.just(new Listing(acc, false));
				}
				return searchPage(model, q, offset + data.size(), max, acc);
			});
	}

	record Listing(List<JsonNode> items, boolean truncated) {
	}

	// ---- queries
	// ---------------------------------------------------------------------------------

	/**
	 * Runs a saved question; {@code parameters} is Metabase's list of parameter values.
	 */
	Mono<JsonNode> runCard(long id, ArrayNode parameters) {
		ObjectNode body = JSON.createObjectNode();
		body.set("parameters", parameters);
		String action = "run question " + id;
		return json(HttpMethod.POST, "/api/card/" + id + "/query", body, action, this.options.queryTimeout())
			.flatMap((reply) -> (reply.status() == 404) ? Mono.error(questionNotFound(id)) : result(reply, action));
	}

	/**
	 * Runs native SQL on a database: {@code {"database", "type":"native",
	 * "native":{"query", "template-tags"}}}.
	 */
	Mono<JsonNode> runSql(long databaseId, String sql) {
		String action = "run the SQL";
		return json(HttpMethod.POST, "/api/dataset", nativeQuery(databaseId, sql), action, this.options.queryTimeout())
			.flatMap((reply) -> result(reply, action));
	}

	/** Every row of a saved question as CSV, at most {@code maxBytes}. */
	Mono<byte[]> exportCard(long id, ArrayNode parameters, long maxBytes) {
		String form = "parameters=" + encode(JSON.writeValueAsString(parameters)) + "&format_rows=false";
		return export("/api/card/" + id + "/query/csv", form, maxBytes, "export question " + id);
	}

	/**
	 * Every row of native SQL as CSV: the query travels as a JSON-encoded form field
	 * [DOCAPI].
	 */
	Mono<byte[]> exportSql(long databaseId, String sql, long maxBytes) {
		String form = "query=" + encode(JSON.writeValueAsString(nativeQuery(databaseId, sql))) + "&format_rows=false";
		return export("/api/dataset/csv", form, maxBytes, "export the SQL result");
	}

	private static ObjectNode nativeQuery(long databaseId, String sql) {
		ObjectNode body = JSON.createObjectNode();
		body.put("database", databaseId);
		body.put("type", "native");
		ObjectNode nativeQuery = body.putObject("native");
		nativeQuery.put("query", sql);
		nativeQuery.putObject("template-tags");
		return body;
	}

	/**
	 * A query answer: accepted with 200 or 202, and then only when its body says
	 * {@code completed} [202].
	 */
	private Mono<JsonNode> result(MetabaseReply reply, String action) {
		return ok(reply, action).flatMap((body) -> {
			String status = body.path("status").asString("");
			if (status.equals("failed") || body.has("error")) {
				return Mono.error(new BackendException(SERVICE, "the query failed: "
						+ BackendMessages.sanitize(clean(body.path("error").asString("no reason given")))));
			}
			if (!status.equals("completed") || !body.path("data").path("rows").isArray()) {
				return Mono.error(new BackendException(SERVICE,
						"could not " + action + ": incomplete answer (no completed status with rows)"));
			}
			return Mono.just(body);
		});
	}

	private Mono<byte[]> export(String path, String form, long maxBytes, String action) {
		Duration timeout = this.options.queryTimeout();
		return this.client.post()
			.uri(URI.create(this.root + path))
			.header(API_KEY_HEADER, this.apiKey.reveal())
			.accept(MediaType.parseMediaType("text/csv"), MediaType.ALL)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue(form)
			.exchangeToMono((response) -> {
				int status = response.statusCode().value();
				if (status != 200) {
					return response.bodyToMono(String.class)
						.defaultIfEmpty("")
						.map((body) -> new MetabaseReply(status, body))
						.flatMap((reply) -> (status == 404)
								? Mono.error(new NotFoundException("Question or database", path, null))
								: Mono.error(exportFailure(reply, action)));
				}
				ByteArrayOutputStream bytes = new ByteArrayOutputStream();
				return response.bodyToFlux(DataBuffer.class).concatMap((buffer) -> {
					try {
						if (bytes.size() + (long) buffer.readableByteCount() > maxBytes) {
							return Mono.error(new BackendException(SERVICE, "the CSV export is larger than " + maxBytes
									+ " bytes (backends.metabase.max-csv-bytes); narrow the question or raise the limit"));
						}
						byte[] chunk = new byte[buffer.readableByteCount()];
						buffer.read(chunk);
						bytes.write(chunk, 0, chunk.length);
						return Mono.empty();
					}
					finally {
						DataBufferUtils.release(buffer);
					}
				}).then(Mono.fromSupplier(bytes::toByteArray));
			})
			.timeout(timeout)
			.onErrorMap((ex) -> !(ex instanceof ToolException), (ex) -> this.http.failure(ex, timeout));
	}

	private ToolException exportFailure(MetabaseReply reply, String action) {
		ToolException general = general(reply, action);
		if (general != null) {
			return general;
		}
		JsonNode body = reply.json();
		String reason = (body != null && body.path("error").isString()) ? body.path("error").asString()
				: reply.reason(secret());
		return new BackendException(SERVICE, "the export failed before it started (HTTP " + reply.status() + "): "
				+ BackendMessages.sanitize(clean(reason)));
	}

	// ---- health and docs
	// -------------------------------------------------------------------------

	/**
	 * {@code GET /api/user/current}: the cheapest call that proves the process and the
	 * key.
	 */
	Mono<MetabaseReply> currentUser() {
		return send(HttpMethod.GET, "/api/user/current", null, this.options.apiTimeout());
	}

	/**
	 * The instance's own OpenAPI document: 0.55+ serves {@code /api/docs/openapi.json},
	 * older {@code /api/util/openapi} [CHG].
	 */
	Mono<Optional<String>> openApi() {
		return send(HttpMethod.GET, "/api/docs/openapi.json", null, this.options.apiTimeout())
			.flatMap((reply) -> (reply.status() == 404)
					? send(HttpMethod.GET, "/api/util/openapi", null, this.options.apiTimeout()) : Mono.just(reply))
			.flatMap((reply) -> {
				if (reply.status() == 404) {
					return Mono.just(Optional.<String>empty());
				}
				ToolException general = general(reply, "read its API description");
				if (general != null) {
					return Mono.error(general);
				}
				if (reply.json() == null) {
					return Mono.error(TransportFailures.notJson(this.http.address(), "read its API description",
							reply.status(), null));
				}
				return Mono.just(Optional.of(reply.body()));
			});
	}

	URI questionLink(long id) {
		return URI.create(this.root + "/question/" + id);
	}

	URI dashboardLink(long id) {
		return URI.create(this.root + "/dashboard/" + id);
	}

	String secret() {
		return this.apiKey.reveal();
	}

	@Override
	public void close() {
		this.http.close();
	}

	// ---- plumbing
	// --------------------------------------------------------------------------------

	private Mono<MetabaseReply> json(HttpMethod method, String path, JsonNode body, String action, Duration timeout) {
		return send(method, path, body, timeout).flatMap((reply) -> {
			ToolException general = general(reply, action);
			return (general != null) ? Mono.error(general) : Mono.just(reply);
		});
	}

	private Mono<MetabaseReply> send(HttpMethod method, String path, JsonNode body, Duration timeout) {
		WebClient.RequestBodySpec request = this.client.method(method).uri(URI.create(this.root + path));
		request.header(API_KEY_HEADER, this.apiKey.reveal()).accept(MediaType.APPLICATION_JSON);
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).bodyValue(JSON.writeValueAsString(body));
		}
		return request
			.exchangeToMono((response) -> response.bodyToMono(String.class)
				.defaultIfEmpty("")
				.map((text) -> new MetabaseReply(response.statusCode().value(), text)))
			.timeout(timeout)
			.onErrorMap((ex) -> !(ex instanceof ToolException), (ex) -> this.http.failure(ex, timeout));
	}

	/**
	 * The failures every call shares, or {@code null}; call-specific statuses (404) pass
	 * through.
	 */
	private ToolException general(MetabaseReply reply, String action) {
		int status = reply.status();
		return switch (status) {
			case 401 -> new BackendException(SERVICE, "Metabase rejected the API key while trying to " + action + " ("
					+ reply.reason(secret()) + "); check the tenant's backends.metabase.api-key");
			case 403 -> new BackendException(SERVICE, "the Metabase API key's group may not " + action + " ("
					+ reply.reason(secret()) + "); grant its group access to the tenant's collection and database");
			case 429 -> new ServiceUnavailableException(SERVICE, "Metabase is limiting requests (HTTP 429)");
			case 502, 503, 504 -> new ServiceUnavailableException(SERVICE, "Metabase answered HTTP " + status);
			default -> (status >= 500)
					? new BackendException(SERVICE, "could not " + action + " (" + reply.reason(secret()) + ")") : null;
		};
	}

	private Mono<JsonNode> ok(MetabaseReply reply, String action) {
		if (reply.status() < 200 || reply.status() >= 300) {
			return Mono
				.error(new BackendException(SERVICE, "could not " + action + " (" + reply.reason(secret()) + ")"));
		}
		if (reply.body().isBlank()) {
			return Mono.error(TransportFailures.notJson(this.http.address(), action, reply.status(), null));
		}
		try {
			return Mono.just(JSON.readTree(reply.body()));
		}
		catch (JacksonException ex) {
			return Mono.error(TransportFailures.notJson(this.http.address(), action, reply.status(), ex));
		}
	}

	private NotFoundException questionNotFound(long id) {
		return new NotFoundException("Question", Long.toString(id),
				"Find saved questions with analytics_dashboards or by name");
	}

	private String clean(String text) {
		String line = text.strip().lines().findFirst().orElse("");
		return line.replace(secret(), "****");
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

}
