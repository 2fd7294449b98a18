package cl.smartercl.mcp.connectors.prometheus;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;

import io.netty.channel.ChannelOption;
import io.netty.handler.timeout.ReadTimeoutException;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import cl.smartercl.mcp.connectors.support.BackendMessages;
import cl.smartercl.mcp.core.error.BackendException;
import cl.smartercl.mcp.core.error.ServiceUnavailableException;
import cl.smartercl.mcp.core.error.ToolException;

/**
 * The wire of Prometheus' HTTP API v1: {@code GET /api/v1/query_range} and the build info. Answers
 * are {@code {"status":"success","data":...}}; failures {@code {"status":"error","errorType":...,
 * "error":...}} with 400, 422 or 503.
 */
final class PrometheusApi implements AutoCloseable {

	static final String SERVICE = "prometheus";

	private final ConnectionProvider pool;

	private final HttpClient http;

	private final JsonMapper json = JsonMapper.builder().build();

	PrometheusApi(URI url, Duration timeout) {
		String base = url.toString().replaceAll("/+$", "");
		this.pool = ConnectionProvider.builder("prometheus").maxConnections(16).maxIdleTime(Duration.ofSeconds(30)).build();
		this.http = HttpClient.create(this.pool)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
			.responseTimeout(timeout)
			.baseUrl(base);
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
			.onErrorMap((ex) -> {
				if (ex instanceof ToolException) {
					return ex;
				}
				if (ex instanceof ReadTimeoutException || ex instanceof TimeoutException) {
					return new ServiceUnavailableException(SERVICE, "no answer in time", ex);
				}
				if (ex instanceof reactor.netty.http.client.PrematureCloseException) {
					// it answered, then closed mid-answer: not "cannot be reached" (issue 15 #6)
					return new cl.smartercl.mcp.core.error.BackendException(SERVICE,
							"incomplete answer: Prometheus closed the connection mid-answer", ex);
				}
				return new ServiceUnavailableException(SERVICE, "Prometheus cannot be reached", ex);
			});
	}

	private JsonNode checked(String operation, int status, byte[] bytes) {
		JsonNode body;
		try {
			body = this.json.readTree(bytes);
		}
		catch (JacksonException ex) {
			throw new BackendException(SERVICE, operation + " failed (HTTP " + status + ", not JSON)");
		}
		if (status >= 300 || !"success".equals(body.path("status").asString(""))) {
			String type = body.path("errorType").asString("");
			String error = BackendMessages.sanitize(body.path("error").asString(""));
			throw new BackendException(SERVICE, operation + " failed (HTTP " + status + (type.isEmpty() ? "" : ", " + type)
					+ ")" + (error.isEmpty() ? "" : ": " + error));
		}
		return body;
	}

	@Override
	public void close() {
		this.pool.dispose();
	}

}
