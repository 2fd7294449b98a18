package cl.smartercl.mcp.connectors.prometheus;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import cl.smartercl.mcp.connectors.support.BackendAddress;
import cl.smartercl.mcp.connectors.support.BackendHttpClient;
import cl.smartercl.mcp.connectors.support.BackendMessages;
import cl.smartercl.mcp.connectors.support.TransportFailures;
import cl.smartercl.mcp.core.error.BackendException;

/**
 * The wire of Prometheus' HTTP API v1: {@code GET /api/v1/query_range} and the build
 * info. Answers are {@code {"status":"success","data":...}}; failures
 * {@code {"status":"error","errorType":..., "error":...}} with 400, 422 or 503.
 */
final class PrometheusApi implements AutoCloseable {

	static final String SERVICE = "prometheus";

	private final BackendHttpClient client;

	private final HttpClient http;

	private final Duration timeout;

	private final JsonMapper json = JsonMapper.builder().build();

	PrometheusApi(URI url, Duration timeout) {
		String base = url.toString().replaceAll("/+$", "");
		this.timeout = timeout;
		this.client = BackendHttpClient.builder(BackendAddress.of(SERVICE, "Prometheus", url), "prometheus")
			.maxConnections(16)
			.maxIdleTime(Duration.ofSeconds(30))
			.connectTimeout(Duration.ofSeconds(5))
			.responseTimeout(timeout)
			.customize((http) -> http.baseUrl(base))
			.build();
		this.http = this.client.http();
	}

	/** A range query; Prometheus takes times as unix seconds and the step in seconds. */
	Mono<JsonNode> queryRange(String query, Instant start, Instant end, Duration step) {
		String path = "/api/v1/query_range?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&start="
				+ start.getEpochSecond() + "&end=" + end.getEpochSecond() + "&step=" + step.toSeconds() + "s";
		return get("range query", path).map((body) -> body.path("data"));
	}

	Mono<JsonNode> buildInfo() {
		return get("build info", "/api/v1/status/buildinfo").map((body) -> body.path("data"));
	}

	private Mono<JsonNode> get(String operation, String path) {
		return this.http.get()
			.uri(path)
			.responseSingle((response, content) -> content.asByteArray()
				.defaultIfEmpty(new byte[0])
				.map((bytes) -> checked(operation, response.status().code(), bytes)))
			.onErrorMap((ex) -> this.client.failure(ex, this.timeout));
	}

	private JsonNode checked(String operation, int status, byte[] bytes) {
		JsonNode body;
		try {
			body = this.json.readTree(bytes);
		}
		catch (JacksonException ex) {
			throw TransportFailures.notJson(this.client.address(), "read the " + operation, status, ex);
		}
		if (status >= 300 || !"success".equals(body.path("status").asString(""))) {
			String type = body.path("errorType").asString("");
			String error = BackendMessages.sanitize(body.path("error").asString(""));
			throw new BackendException(SERVICE, operation + " failed (HTTP " + status
					+ (type.isEmpty() ? "" : ", " + type) + ")" + (error.isEmpty() ? "" : ": " + error));
		}
		return body;
	}

	@Override
	public void close() {
		this.client.close();
	}

}
