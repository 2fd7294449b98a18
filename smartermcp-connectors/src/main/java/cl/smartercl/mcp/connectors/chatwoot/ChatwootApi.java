package cl.smartercl.mcp.connectors.chatwoot;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

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

import cl.smartercl.mcp.connectors.config.Secret;
import cl.smartercl.mcp.connectors.support.BackendAddress;
import cl.smartercl.mcp.connectors.support.BackendHttpClient;
import cl.smartercl.mcp.connectors.support.TransportFailures;
import cl.smartercl.mcp.core.error.BackendException;
import cl.smartercl.mcp.core.error.ServiceUnavailableException;
import cl.smartercl.mcp.core.error.ToolException;

/**
 * Every wire detail of Chatwoot's application API (see
 * {@code shared/backend-notes/chatwoot.md}): the {@code api_access_token} header, the
 * paths under {@code /api/v1/accounts/{account}} and {@code /api/v2/accounts/{account}}
 * (reports), page numbers, and its error bodies. The account is the tenant's, fixed at
 * construction: nothing a caller passes can name another one, and every id that goes into
 * a path is a number.
 * <p>
 * No retries and no circuit breaker here: the server's resilience layer owns both. Every
 * failure leaves as a {@link ToolException}.
 */
final class ChatwootApi implements AutoCloseable {

	static final String SERVICE = "chatwoot";

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String TOKEN_HEADER = "api_access_token";

	/**
	 * Chatwoot's fixed conversation page size ({@code CONVERSATION_RESULTS_PER_PAGE})
	 * [backend-notes §4].
	 */
	static final int CONVERSATIONS_PER_PAGE = 25;

	/** Chatwoot's {@code /search/*} page size [backend-notes §4]. */
	static final int SEARCH_PER_PAGE = 15;

	private static final String BAD_TOKEN = "Invalid Access Token";

	private static final String NOT_ALLOWED = "You are not authorized to do this action";

	/**
	 * Rack-attack throttles per minute [backend-notes §1]; used when a 429 carries no
	 * Retry-After.
	 */
	private static final Duration THROTTLE_PERIOD = Duration.ofSeconds(60);

	private static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

	private final URI root;

	private final long accountId;

	private final Secret token;

	private final ChatwootOptions options;

	private final BackendHttpClient http;

	private final WebClient client;

	ChatwootApi(String tenantId, URI url, long accountId, Secret token, ChatwootOptions options) {
		URI root = BackendAddress.root(tenantId, "backends.chatwoot.url", url);
		if (accountId < 1) {
			throw new IllegalArgumentException(
					"tenant " + tenantId + ": backends.chatwoot.account-id must be set (1 or more)");
		}
		if (token == null) {
			throw new IllegalArgumentException("tenant " + tenantId + ": backends.chatwoot.api-token is required");
		}
		this.root = root;
		this.accountId = accountId;
		this.token = token;
		this.options = options;
		this.http = BackendHttpClient.builder(BackendAddress.of(SERVICE, "Chatwoot", this.root), "chatwoot-" + tenantId)
			.maxConnections(20)
			.connectTimeout(options.connectTimeout())
			.responseTimeout(options.responseTimeout())
			.maxBodyBytes(MAX_BODY_BYTES)
			.build();
		this.client = this.http.web();
	}

	// ---- conversations
	// ---------------------------------------------------------------------------

	/**
	 * One page of {@code GET /conversations}:
	 * {@code {"data":{"meta":{…counts},"payload":[…]}}}, 25 a page, newest activity
	 * first.
	 */
	Mono<JsonNode> conversations(String status, String assigneeType, int page) {
		Map<String, String> query = new LinkedHashMap<>();
		query.put("status", status);
		query.put("assignee_type", assigneeType);
		query.put("page", Integer.toString(page));
		return get(v1("/conversations", query), "list conversations");
	}

	/**
	 * One page of {@code POST /conversations/filter}, for one assignee: there is no
	 * assignee-id query parameter on the list [backend-notes §2, §6.3].
	 * @param status a status, or {@code null} for every status
	 */
	Mono<JsonNode> conversationsOf(long assigneeId, String status, int page) {
		ObjectNode body = JSON.createObjectNode();
		ArrayNode filters = body.putArray("payload");
		ObjectNode byAssignee = filters.addObject();
		byAssignee.put("attribute_key", "assignee_id");
		byAssignee.put("filter_operator", "equal_to");
		byAssignee.putArray("values").add(Long.toString(assigneeId));
		if (status != null) {
			byAssignee.put("query_operator", "AND");
			ObjectNode byStatus = filters.addObject();
			byStatus.put("attribute_key", "status");
			byStatus.put("filter_operator", "equal_to");
			byStatus.putArray("values").add(status);
			byStatus.putNull("query_operator");
		}
		else {
			byAssignee.putNull("query_operator");
		}
		return send(HttpMethod.POST, v1("/conversations/filter", Map.of("page", Integer.toString(page))), body,
				"filter conversations by assignee");
	}

	/**
	 * One conversation by its number ({@code display_id}); empty when Chatwoot has none
	 * (404).
	 */
	Mono<Optional<JsonNode>> conversation(long number) {
		String action = "read conversation " + number;
		return exchange(HttpMethod.GET, v1("/conversations/" + number, Map.of()), null, action).flatMap((reply) -> {
			if (reply.status() == 404) {
				return Mono.just(Optional.<JsonNode>empty());
			}
			return checked(reply, action).map(Optional::of);
		});
	}

	/** The latest messages of a conversation: {@code {"meta":{…},"payload":[…]}}. */
	Mono<JsonNode> messages(long number) {
		return get(v1("/conversations/" + number + "/messages", Map.of()),
				"read the messages of conversation " + number);
	}

	/**
	 * Conversations whose contact matches (name, email, phone, identifier):
	 * {@code GET /search/conversations}, 15 a page,
	 * {@code {"payload":{"conversations":[…]}}} [backend-notes §2, §3].
	 */
	Mono<JsonNode> searchByContact(String text, int page) {
		Map<String, String> query = new LinkedHashMap<>();
		query.put("q", text);
		query.put("page", Integer.toString(page));
		return get(v1("/search/conversations", query), "search conversations by contact");
	}

	/**
	 * Conversations with a message containing the text:
	 * {@code GET /conversations/search}, 25 a page, {@code {"meta":{…},"payload":[…]}}
	 * without the {@code data} wrapper [backend-notes §2, §3].
	 */
	Mono<JsonNode> searchByMessage(String text, int page) {
		Map<String, String> query = new LinkedHashMap<>();
		query.put("q", text);
		query.put("page", Integer.toString(page));
		return get(v1("/conversations/search", query), "search conversations by message text");
	}

	// ---- agents and inboxes
	// ----------------------------------------------------------------------

	/** Every agent of the account: a JSON array. */
	Mono<JsonNode> agents() {
		return get(v1("/agents", Map.of()), "list agents");
	}

	/** Every inbox of the account: {@code {"payload":[…]}}. */
	Mono<JsonNode> inboxes() {
		return get(v1("/inboxes", Map.of()), "list inboxes");
	}

	// ---- reports
	// ---------------------------------------------------------------------------------

	/**
	 * The account's summary between two instants, with the previous window of equal
	 * length under {@code previous}. {@code since}/{@code until} are Unix seconds
	 * [backend-notes §2, §6.5].
	 */
	Mono<JsonNode> reportSummary(long since, long until) {
		Map<String, String> query = new LinkedHashMap<>();
		query.put("type", "account");
		query.put("since", Long.toString(since));
		query.put("until", Long.toString(until));
		return get(v2("/reports/summary", query), "read reports");
	}

	/**
	 * CSAT counts between two instants:
	 * {@code {"total_count","ratings_count","total_sent_messages_count"}}.
	 */
	Mono<JsonNode> csatMetrics(long since, long until) {
		Map<String, String> query = new LinkedHashMap<>();
		query.put("since", Long.toString(since));
		query.put("until", Long.toString(until));
		return get(v1("/csat_survey_responses/metrics", query), "read CSAT reports");
	}

	// ---- the probe and links
	// ---------------------------------------------------------------------

	/**
	 * The cheapest authenticated call of the account, for the health probe: its inboxes.
	 */
	Mono<ChatwootReply> probe() {
		return exchange(HttpMethod.GET, v1("/inboxes", Map.of()), null, "list inboxes");
	}

	/** Where an agent opens a conversation in Chatwoot's dashboard. */
	URI link(long number) {
		return URI.create(this.root + "/app/accounts/" + this.accountId + "/conversations/" + number);
	}

	long accountId() {
		return this.accountId;
	}

	@Override
	public void close() {
		this.http.close();
	}

	// ---- plumbing
	// --------------------------------------------------------------------------------

	private Mono<JsonNode> get(URI uri, String action) {
		return send(HttpMethod.GET, uri, null, action);
	}

	private Mono<JsonNode> send(HttpMethod method, URI uri, JsonNode body, String action) {
		return exchange(method, uri, body, action).flatMap((reply) -> checked(reply, action));
	}

	/**
	 * One call; any transport failure leaves as a {@link ToolException} with true
	 * wording.
	 */
	private Mono<ChatwootReply> exchange(HttpMethod method, URI uri, JsonNode body, String action) {
		WebClient.RequestBodySpec request = this.client.method(method).uri(uri);
		request.header(TOKEN_HEADER, this.token.reveal()).accept(MediaType.APPLICATION_JSON);
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).bodyValue(JSON.writeValueAsString(body));
		}
		return request
			.exchangeToMono((response) -> response.bodyToMono(String.class)
				.defaultIfEmpty("")
				.map((text) -> new ChatwootReply(response.statusCode().value(), text,
						response.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER))))
			.timeout(this.options.responseTimeout().plusSeconds(1))
			.onErrorMap((ex) -> !(ex instanceof ToolException),
					(ex) -> this.http.failure(ex, this.options.responseTimeout()));
	}

	/** The answer of a call as JSON, or the error it means. */
	private Mono<JsonNode> checked(ChatwootReply reply, String action) {
		if (!reply.ok()) {
			return refused(reply, action).flatMap(Mono::error);
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

	/** What a non-2xx answer means. */
	private Mono<ToolException> refused(ChatwootReply reply, String action) {
		int status = reply.status();
		if (status == 401 || status == 403) {
			return unauthorized(reply, action);
		}
		if (status == 429) {
			Duration wait = retryAfter(reply.retryAfter());
			return Mono.just(BackendException.rateLimited(SERVICE, "Chatwoot's own rate limit refused to " + action
					+ " (HTTP 429); retry after " + wait.toSeconds() + " s", wait));
		}
		if (status == 404) {
			return Mono.just(new BackendException(SERVICE, "Chatwoot found nothing at the address to " + action + " ("
					+ reply.reason(secret()) + "); check the tenant's backends.chatwoot url and account-id"));
		}
		if (status == 502 || status == 503 || status == 504) {
			return Mono.just(new ServiceUnavailableException(SERVICE, "Chatwoot answered HTTP " + status));
		}
		return Mono.just(new BackendException(SERVICE, "could not " + action + " (" + reply.reason(secret()) + ")"));
	}

	/**
	 * Chatwoot answers 401 both for a bad token and for a user who may not do something
	 * (Pundit), never 403 [backend-notes §5]. The body tells them apart; without a known
	 * body, the profile does: a token that can read its own profile is a valid token.
	 */
	private Mono<ToolException> unauthorized(ChatwootReply reply, String action) {
		String error = reply.error();
		if (BAD_TOKEN.equalsIgnoreCase(error)) {
			return Mono.just(badToken(action));
		}
		if (NOT_ALLOWED.equalsIgnoreCase(error) || reply.status() == 403) {
			return Mono.just(notAllowed(action));
		}
		return exchange(HttpMethod.GET, URI.create(this.root + "/api/v1/profile"), null, "read the token's profile")
			.map((profile) -> (ToolException) (profile.ok() ? notAllowed(action) : badToken(action)))
			.onErrorResume(ToolException.class, Mono::just);
	}

	private BackendException badToken(String action) {
		return new BackendException(SERVICE, "Chatwoot rejected the api-token while trying to " + action
				+ " (HTTP 401 Invalid Access Token); check the tenant's backends.chatwoot.api-token");
	}

	private BackendException notAllowed(String action) {
		String need = action.contains("reports")
				? "; reports need the token of an administrator of the account, this token's user is not one"
				: "; the token's user lacks that permission in account " + this.accountId;
		return new BackendException(SERVICE,
				"the Chatwoot user of the tenant's api-token may not " + action + " (HTTP 401 not authorized)" + need);
	}

	/** Rack-attack's {@code Retry-After} is seconds; without it, its period. */
	private static Duration retryAfter(String header) {
		if (header != null) {
			try {
				long seconds = Long.parseLong(header.strip());
				if (seconds >= 0 && seconds < 86_400) {
					return Duration.ofSeconds(Math.max(1, seconds));
				}
			}
			catch (NumberFormatException ex) {
				// an HTTP date or garbage: fall back to the throttle period
			}
		}
		return THROTTLE_PERIOD;
	}

	private String secret() {
		return this.token.reveal();
	}

	private URI v1(String path, Map<String, String> query) {
		return withQuery(URI.create(this.root + "/api/v1/accounts/" + this.accountId + path), query);
	}

	private URI v2(String path, Map<String, String> query) {
		return withQuery(URI.create(this.root + "/api/v2/accounts/" + this.accountId + path), query);
	}

	private static URI withQuery(URI uri, Map<String, String> query) {
		if (query.isEmpty()) {
			return uri;
		}
		StringJoiner joined = new StringJoiner("&", "?", "");
		query.forEach((name, value) -> joined.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
				+ URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")));
		return URI.create(uri + joined.toString());
	}

}
