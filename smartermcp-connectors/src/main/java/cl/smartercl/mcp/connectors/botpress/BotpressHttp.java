package cl.smartercl.mcp.connectors.botpress;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import cl.smartercl.mcp.connectors.support.BackendAddress;
import cl.smartercl.mcp.connectors.support.BackendHttpClient;
import cl.smartercl.mcp.connectors.support.TransportFailures;
import cl.smartercl.mcp.core.error.BackendException;
import cl.smartercl.mcp.core.error.ServiceUnavailableException;
import cl.smartercl.mcp.core.error.ToolException;

/**
 * The HTTP plumbing both Botpress flavours share: one client with connect and response
 * timeouts, and every transport failure and common error status turned into the tool
 * error family with words that say what happened. No retries and no breaker here: the
 * server's resilience layer owns those.
 */
final class BotpressHttp implements AutoCloseable {

	static final String SERVICE = "botpress";

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

	private final URI root;

	private final BotpressOptions options;

	private final BackendHttpClient http;

	private final WebClient client;

	BotpressHttp(String tenantId, URI url, BotpressOptions options) {
		URI root = BackendAddress.root(tenantId, "backends.botpress.url", url);
		this.root = root;
		this.options = options;
		this.http = BackendHttpClient.builder(BackendAddress.of(SERVICE, "Botpress", this.root), "botpress-" + tenantId)
			.maxConnections(20)
			.connectTimeout(options.connectTimeout())
			.maxBodyBytes(MAX_BODY_BYTES)
			.build();
		this.client = this.http.web();
	}

	BotpressOptions options() {
		return this.options;
	}

	/**
	 * One call; any answer is returned, whatever its status. A call that cannot connect,
	 * times out or breaks fails with a {@link ToolException}.
	 */
	Mono<BotpressReply> send(HttpMethod method, String path, Map<String, String> query, Map<String, String> headers,
			Object body, MediaType contentType, Duration timeout) {
		return Mono.defer(() -> {
			WebClient.RequestBodySpec request = this.client.method(method).uri(uri(path, query));
			request.accept(MediaType.APPLICATION_JSON);
			headers.forEach(request::header);
			if (body != null) {
				request.contentType(contentType).bodyValue(body);
			}
			return request
				.exchangeToMono((response) -> response.bodyToMono(String.class)
					.defaultIfEmpty("")
					.map((text) -> new BotpressReply(response.statusCode().value(), text)))
				.timeout(timeout);
		}).onErrorMap((ex) -> !(ex instanceof ToolException), (ex) -> this.http.failure(ex, timeout));
	}

	/** The error for a non-2xx answer no caller handled itself. */
	ToolException failure(BotpressReply reply, String action, String secret, String credentialsHint) {
		int status = reply.status();
		String reason = reply.reason(secret);
		if (status == 401) {
			return new BackendException(SERVICE, "Botpress rejected the credentials while trying to " + action + " ("
					+ reason + "); " + credentialsHint);
		}
		if (status == 429) {
			return new ServiceUnavailableException(SERVICE,
					"Botpress is limiting requests (HTTP 429); try again later");
		}
		if (status == 502 || status == 503 || status == 504) {
			return new ServiceUnavailableException(SERVICE,
					"Botpress answered HTTP " + status + " while trying to " + action);
		}
		return new BackendException(SERVICE, "could not " + action + " (" + reason + ")");
	}

	/** The JSON of a 2xx answer, else the error of {@link #failure}. */
	Mono<JsonNode> json(BotpressReply reply, String action, String secret, String credentialsHint) {
		if (!reply.ok()) {
			return Mono.error(failure(reply, action, secret, credentialsHint));
		}
		return anyJson(reply, action).flatMap((json) -> json.isObject() ? Mono.just(json)
				: Mono.error(new BackendException(SERVICE, "could not " + action + ": " + this.http.address().where()
						+ " answered JSON that is not an object (HTTP " + reply.status() + ")")));
	}

	/**
	 * The body of a 2xx answer as JSON, an object or an array; worded by the shared
	 * classifier when it is not JSON.
	 */
	Mono<JsonNode> anyJson(BotpressReply reply, String action) {
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

	/** A JSON answer that lacks what every such answer has. */
	static BackendException incomplete(String action, String missing) {
		return new BackendException(SERVICE,
				"Botpress gave an incomplete answer while trying to " + action + ": " + missing + " is missing");
	}

	String hostAndPort() {
		return this.http.address().location();
	}

	@Override
	public void close() {
		this.http.close();
	}

	private URI uri(String path, Map<String, String> query) {
		if (query.isEmpty()) {
			return URI.create(this.root + path);
		}
		StringJoiner joined = new StringJoiner("&", "?", "");
		// strict form encoding: Cloud's nextToken is opaque and may hold '+', '/' and '='
		query.forEach((name, value) -> joined.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
				+ URLEncoder.encode(value, StandardCharsets.UTF_8)));
		return URI.create(this.root + path + joined);
	}

}
