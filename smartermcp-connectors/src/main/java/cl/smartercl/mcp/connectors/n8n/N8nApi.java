package cl.smartercl.mcp.connectors.n8n;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriUtils;

import cl.smartercl.mcp.connectors.config.Secret;
import cl.smartercl.mcp.connectors.support.BackendAddress;
import cl.smartercl.mcp.connectors.support.BackendHttpClient;
import cl.smartercl.mcp.connectors.support.TransportFailures;
import cl.smartercl.mcp.core.error.BackendException;
import cl.smartercl.mcp.core.error.ConflictException;
import cl.smartercl.mcp.core.error.InvalidArgumentsException;
import cl.smartercl.mcp.core.error.NotFoundException;
import cl.smartercl.mcp.core.error.ServiceUnavailableException;
import cl.smartercl.mcp.core.error.ToolException;

/**
 * Every wire detail of n8n: the public API v1 under {@code /api/v1} with the
 * {@code X-N8N-API-KEY} header, its cursor pagination, its error bodies, the 1.x/2.x
 * differences, and the production webhook root {@code /webhook/}. See
 * {@code shared/backend-notes/n8n.md}.
 * <p>
 * No retry and no circuit breaker here: the server's one resilience layer (its
 * {@code ResilienceInterceptor}, per tenant and backend: reads retried, writes never, one
 * breaker) wraps every call; a second layer here multiplied the attempts and opened the
 * circuit after a single caller's call (issue 15 #6). This class only says truly what
 * went wrong: a 502/503/504 or a refused connection is "unavailable", no answer in time
 * is "no answer within N s", a cut answer is "incomplete".
 */
final class N8nApi implements AutoCloseable {

	static final String SERVICE = "n8n";

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String API_KEY_HEADER = "X-N8N-API-KEY";

	/** Page size; the public API allows up to 250 [backend-notes §5]. */
	private static final int PAGE_SIZE = 100;

	private static final int MAX_TAGS = 1000;

	/**
	 * Execution data with {@code includeData=true} can be large; above this we refuse
	 * rather than buffer more.
	 */
	private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

	private final URI root;

	private final Secret apiKey;

	private final N8nOptions options;

	private final BackendHttpClient http;

	private final WebClient client;

	/**
	 * n8n 1.x has no {@code POST /workflows/{id}/publish} (405); remembered after the
	 * first try.
	 */
	private final AtomicBoolean publishMissing = new AtomicBoolean();

	N8nApi(String tenantId, URI url, Secret apiKey, N8nOptions options) {
		URI root = BackendAddress.root(tenantId, "backends.n8n.url", url);
		if (apiKey == null) {
			throw new IllegalArgumentException("tenant " + tenantId + ": backends.n8n.api-key is required");
		}
		this.root = root;
		this.apiKey = apiKey;
		this.options = options;
		this.http = BackendHttpClient.builder(BackendAddress.of(SERVICE, "n8n", this.root), "n8n-" + tenantId)
			.maxConnections(50)
			.connectTimeout(options.connectTimeout())
			.maxBodyBytes(MAX_BODY_BYTES)
			.build();
		this.client = this.http.web();
	}

	// ---- workflows
	// -------------------------------------------------------------------------------

	/** Workflows, following {@code nextCursor} until {@code max} are collected. */
	Mono<Listing> listWorkflows(Boolean active, List<String> tags, int max) {
		Map<String, String> query = new LinkedHashMap<>();
		if (active != null) {
			query.put("active", active.toString());
		}
		if (!tags.isEmpty()) {
			// tag NAMES, comma-separated; n8n splits on ',' and trims [backend-notes §2]
			query.put("tags", String.join(",", tags));
		}
		query.put("excludePinnedData", "true");
		return collect("/workflows", query, max, null, new ArrayList<>(), "list workflows");
	}

	Mono<JsonNode> getWorkflow(String id) {
		return read("/workflows/" + id, Map.of("excludePinnedData", "true"), "read workflow '" + id + "'")
			.flatMap((reply) -> (reply.status() == 404)
					? Mono.error(new NotFoundException("Workflow", id, "List the workflows with workflows_list"))
					: json(reply, "read workflow '" + id + "'"));
	}

	Mono<JsonNode> createWorkflow(ObjectNode body) {
		return write(HttpMethod.POST, "/workflows", body, "create the workflow").flatMap((reply) -> {
			if (reply.status() == 400 || reply.status() == 422) {
				return Mono.error(new InvalidArgumentsException("workflow_json",
						"n8n refused the workflow (" + reply.reason(secret()) + ")"));
			}
			return json(reply, "create the workflow");
		});
	}

	/**
	 * Activates a workflow: {@code POST /publish} on n8n 2.x, {@code POST /activate} on
	 * 1.x, where {@code /publish} answers 405 [backend-notes §2, §7.4].
	 */
	Mono<JsonNode> activateWorkflow(String id) {
		Mono<N8nReply> activate = write(HttpMethod.POST, "/workflows/" + id + "/activate", null,
				"activate the workflow");
		Mono<N8nReply> call = this.publishMissing.get() ? activate : write(HttpMethod.POST,
				"/workflows/" + id + "/publish", JSON.createObjectNode(), "publish the workflow")
			.flatMap((reply) -> {
				if (reply.status() == 405 || (reply.status() == 404 && !isJsonNotFound(reply))) {
					this.publishMissing.set(true);
					return activate;
				}
				return Mono.just(reply);
			});
		return call.flatMap((reply) -> {
			if (reply.status() == 400 || reply.status() == 409 || reply.status() == 422) {
				// e.g. "Node does not have any credentials set", a webhook path already
				// in use, no trigger node
				return Mono.error(new ConflictException("n8n refused to activate it (" + reply.reason(secret()) + ")"));
			}
			return json(reply, "activate the workflow");
		});
	}

	// ---- tags
	// ------------------------------------------------------------------------------------

	Mono<List<JsonNode>> listTags() {
		return collect("/tags", Map.of(), MAX_TAGS, null, new ArrayList<>(), "list tags").map(Listing::items);
	}

	/**
	 * Creates a tag; empty when it exists already (409, e.g. created meanwhile by someone
	 * else).
	 */
	Mono<Optional<JsonNode>> createTag(String name) {
		ObjectNode body = JSON.createObjectNode().put("name", name);
		return write(HttpMethod.POST, "/tags", body, "create tag '" + name + "'").flatMap((reply) -> {
			if (reply.status() == 409) {
				return Mono.just(Optional.<JsonNode>empty());
			}
			return json(reply, "create tag '" + name + "'").map(Optional::of);
		});
	}

	/** Sets a workflow's tags, by tag id [backend-notes §7.3]. */
	Mono<JsonNode> setWorkflowTags(String workflowId, List<String> tagIds) {
		ArrayNode body = JSON.createArrayNode();
		tagIds.forEach((id) -> body.addObject().put("id", id));
		return write(HttpMethod.PUT, "/workflows/" + workflowId + "/tags", body, "set the workflow's tags")
			.flatMap((reply) -> json(reply, "set the workflow's tags"));
	}

	// ---- executions
	// ------------------------------------------------------------------------------

	Mono<JsonNode> getExecution(String id, boolean includeData) {
		String action = "read execution '" + id + "'";
		return read("/executions/" + id, Map.of("includeData", Boolean.toString(includeData)), action)
			.flatMap((reply) -> (reply.status() == 404)
					? Mono.error(new NotFoundException("Execution", id,
							"Execution ids come from workflows_trigger; n8n may also have pruned old executions"))
					: json(reply, action));
	}

	/**
	 * The newest executions of a workflow, newest first. n8n leaves currently running
	 * executions out of this list unless {@code status=running} is asked for
	 * [backend-notes §4.6, §7.2], so a caller that wants every execution asks twice.
	 */
	Mono<List<JsonNode>> recentExecutions(String workflowId, boolean running, int limit) {
		Map<String, String> query = new LinkedHashMap<>();
		query.put("workflowId", workflowId);
		if (running) {
			query.put("status", "running");
		}
		query.put("limit", Integer.toString(limit));
		String action = "list executions";
		return read("/executions", query, action).flatMap((reply) -> json(reply, action)).map((page) -> {
			List<JsonNode> items = new ArrayList<>();
			page.path("data").forEach(items::add);
			return items;
		});
	}

	// ---- webhooks
	// --------------------------------------------------------------------------------

	/** The production URL of a webhook path. */
	URI webhookUrl(String path) {
		StringJoiner segments = new StringJoiner("/");
		for (String segment : path.split("/", -1)) {
			segments.add(UriUtils.encodePathSegment(segment, StandardCharsets.UTF_8));
		}
		return URI.create(this.root + "/webhook/" + segments);
	}

	/**
	 * Calls a production webhook, once: no retry, no circuit breaker, and no API key (the
	 * key would land in the execution data as a request header). Non-2xx answers are
	 * returned, not raised.
	 */
	Mono<N8nReply> callWebhook(WebhookEndpoint endpoint, Map<String, Object> input) {
		URI url = webhookUrl(endpoint.path());
		WebClient.RequestBodySpec request;
		if (endpoint.inputInQuery()) {
			request = this.client.method(HttpMethod.valueOf(endpoint.method())).uri(withQuery(url, flatten(input)));
		}
		else {
			request = this.client.method(HttpMethod.valueOf(endpoint.method())).uri(url);
			request.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(JSON.writeValueAsString(input == null ? Map.of() : input));
		}
		request.accept(MediaType.APPLICATION_JSON, MediaType.ALL);
		// a timeout is left to the caller: the workflow may well be running
		return exchange(request, this.options.webhookTimeout()).onErrorMap((ex) -> !(ex instanceof TimeoutException),
				(ex) -> unavailable(ex, this.options.webhookTimeout()));
	}

	// ---- API description
	// -------------------------------------------------------------------------

	private static final String INIT_MARKER = "var options = ";

	/**
	 * Reads the one JSON value at the start of a script and ignores the JavaScript after
	 * it.
	 */
	private static final JsonMapper LENIENT = JsonMapper.builder()
		.disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	/**
	 * n8n's own OpenAPI document, empty when the instance serves none. n8n 2.x serves the
	 * bundled spec at {@code /api/v1/openapi.yml}; n8n 1.x (checked on 1.123.81) answers
	 * that path with 404 and only embeds the document in the Swagger UI's init script,
	 * unless {@code N8N_PUBLIC_API_SWAGGERUI_DISABLED} is set (backend-notes/n8n.md §1).
	 */
	Mono<Optional<String>> openApiDescription() {
		return describedAt("/api/v1/openapi.yml").flatMap((yaml) -> yaml.isPresent() ? Mono.just(yaml)
				: describedAt("/api/v1/docs/swagger-ui-init.js").map((script) -> script.map(N8nApi::swaggerDocOf)));
	}

	private Mono<Optional<String>> describedAt(String path) {
		String action = "read its API description";
		return send(HttpMethod.GET, URI.create(this.root + path), null, true).flatMap((reply) -> {
			if (reply.status() == 404) {
				return Mono.just(Optional.<String>empty());
			}
			return general(reply, action).flatMap((ok) -> ok.ok() ? Mono.just(Optional.of(ok.body())) : Mono
				.error(new BackendException(SERVICE, "could not " + action + " (" + ok.reason(secret()) + ")")));
		});
	}

	/**
	 * The {@code swaggerDoc} object that swagger-ui-express writes as JSON into its init
	 * script.
	 */
	static String swaggerDocOf(String script) {
		int start = script.indexOf(INIT_MARKER);
		if (start < 0) {
			throw new BackendException(SERVICE, "the Swagger UI script does not embed an API description");
		}
		try (tools.jackson.core.JsonParser parser = LENIENT
			.createParser(script.substring(start + INIT_MARKER.length()))) {
			JsonNode doc = LENIENT.readTree(parser).get("swaggerDoc");
			if (doc == null || !doc.isObject()) {
				throw new BackendException(SERVICE, "the Swagger UI script does not embed an API description");
			}
			return JSON.writeValueAsString(doc);
		}
		catch (JacksonException ex) {
			throw new BackendException(SERVICE, "the API description in the Swagger UI script is not valid JSON");
		}
	}

	/** The cheapest authenticated call, for the health probe: one workflow. */
	Mono<N8nReply> probe() {
		return send(HttpMethod.GET, api("/workflows", Map.of("limit", "1")), null, false);
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

	/** What a list call collected, and whether n8n had more. */
	record Listing(List<JsonNode> items, boolean truncated) {
	}

	private Mono<Listing> collect(String path, Map<String, String> query, int max, String cursor, List<JsonNode> acc,
			String action) {
		Map<String, String> pageQuery = new LinkedHashMap<>(query);
		pageQuery.put("limit", Integer.toString(Math.min(PAGE_SIZE, Math.max(1, max - acc.size()))));
		if (cursor != null) {
			pageQuery.put("cursor", cursor);
		}
		return read(path, pageQuery, action).flatMap((reply) -> json(reply, action)).flatMap((page) -> {
			for (JsonNode item : page.path("data")) {
				if (acc.size() == max) {
					return Mono.just(new Listing(acc, true));
				}
				acc.add(item);
			}
			JsonNode next = page.path("nextCursor");
			boolean more = next.isString() && !next.stringValue().isEmpty();
			if (!more) {
				return Mono.just(new Listing(acc, false));
			}
			if (acc.size() >= max) {
				return Mono.just(new Listing(acc, true));
			}
			return collect(path, query, max, next.stringValue(), acc, action);
		});
	}

	private Mono<N8nReply> read(String path, Map<String, String> query, String action) {
		return send(HttpMethod.GET, api(path, query), null, true).flatMap((reply) -> general(reply, action));
	}

	private Mono<N8nReply> write(HttpMethod method, String path, JsonNode body, String action) {
		return send(method, api(path, Map.of()), body, false).flatMap((reply) -> general(reply, action));
	}

	/**
	 * Public-API call with the key; retries and the breaker are the server's (see the
	 * class comment).
	 */
	private Mono<N8nReply> send(HttpMethod method, URI uri, JsonNode body, boolean idempotent) {
		WebClient.RequestBodySpec request = this.client.method(method).uri(uri);
		request.header(API_KEY_HEADER, this.apiKey.reveal()).accept(MediaType.APPLICATION_JSON);
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).bodyValue(JSON.writeValueAsString(body));
		}
		Mono<N8nReply> call = exchange(request, this.options.apiTimeout())
			.flatMap((reply) -> isUnavailable(reply) ? Mono.error(new Unavailable(reply.status())) : Mono.just(reply));
		return call.onErrorMap((ex) -> !(ex instanceof ToolException),
				(ex) -> unavailable(ex, this.options.apiTimeout()));
	}

	private Mono<N8nReply> exchange(WebClient.RequestHeadersSpec<?> request, Duration timeout) {
		return request
			.exchangeToMono((response) -> response.bodyToMono(String.class)
				.defaultIfEmpty("")
				.map((body) -> new N8nReply(response.statusCode().value(), body,
						response.headers().asHttpHeaders().getFirst(HttpHeaders.CONTENT_TYPE) == null ? ""
								: response.headers().asHttpHeaders().getFirst(HttpHeaders.CONTENT_TYPE))))
			.timeout(timeout);
	}

	/** The failures every public-API call shares; call-specific statuses pass through. */
	private Mono<N8nReply> general(N8nReply reply, String action) {
		return switch (reply.status()) {
			case 401 -> Mono.error(new BackendException(SERVICE, "n8n rejected the API key while trying to " + action
					+ " (HTTP 401); check the tenant's n8n api-key"));
			case 403 -> Mono.error(new BackendException(SERVICE,
					"the n8n API key may not " + action + " (" + reply.reason(secret()) + ")"));
			case 429 -> Mono.error(new ServiceUnavailableException(SERVICE, "n8n is limiting requests (HTTP 429)"));
			default -> (reply.status() >= 500)
					? Mono.error(
							new BackendException(SERVICE, "could not " + action + " (" + reply.reason(secret()) + ")"))
					: Mono.just(reply);
		};
	}

	private Mono<JsonNode> json(N8nReply reply, String action) {
		if (!reply.ok()) {
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

	private ToolException unavailable(Throwable ex, Duration timeout) {
		if (ex instanceof Unavailable gone) {
			return new ServiceUnavailableException(SERVICE, "n8n answered HTTP " + gone.status, ex);
		}
		return this.http.failure(ex, timeout);
	}

	private URI api(String path, Map<String, String> query) {
		return withQuery(URI.create(this.root + "/api/v1" + path), query);
	}

	private static URI withQuery(URI uri, Map<String, String> query) {
		if (query.isEmpty()) {
			return uri;
		}
		StringJoiner joined = new StringJoiner("&", "?", "");
		// strict form encoding: cursors are base64 and may hold '+', '/' and '='
		query.forEach((name, value) -> joined.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
				+ URLEncoder.encode(value, StandardCharsets.UTF_8)));
		return URI.create(uri + joined.toString());
	}

	/**
	 * Input for a GET/HEAD/DELETE webhook: scalars as they are, objects and arrays as
	 * JSON text.
	 */
	private static Map<String, String> flatten(Map<String, Object> input) {
		Map<String, String> query = new LinkedHashMap<>();
		if (input != null) {
			input.forEach((name, value) -> {
				if (value != null) {
					query.put(name, (value instanceof Map || value instanceof List) ? JSON.writeValueAsString(value)
							: value.toString());
				}
			});
		}
		return query;
	}

	private static boolean isUnavailable(N8nReply reply) {
		return reply.status() == 502 || reply.status() == 503 || reply.status() == 504;
	}

	/**
	 * A 404 with n8n's JSON body means "no such workflow"; a bare 404 means the route is
	 * missing.
	 */
	private static boolean isJsonNotFound(N8nReply reply) {
		JsonNode json = reply.json();
		return json != null && json.path("message").isString();
	}

	/**
	 * A 502/503/504 of n8n or a proxy in front of it, raised so the retry and the breaker
	 * see it.
	 */
	private static final class Unavailable extends RuntimeException {

		private final int status;

		Unavailable(int status) {
			super("HTTP " + status, null, false, false);
			this.status = status;
		}

	}

}
