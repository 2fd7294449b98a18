package cl.smartercl.mcp.server.web;

import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.reactive.function.server.ServerResponse;

import cl.smartercl.mcp.core.error.ToolException;
import cl.smartercl.mcp.core.schema.ClientText;
import cl.smartercl.mcp.core.schema.ToolJson;

/**
 * The one place where errors become HTTP: RFC 9457 problem JSON with the status of the
 * design's error table, a stable {@code code}, the request id, and the error's safe
 * details. Nothing else in the server writes an error body for REST.
 */
public final class Problems {

	public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

	private static final String TYPE_BASE = "https://smartermcp.dev/problems/";

	private Problems() {
	}

	/** A problem for a {@link ToolException}. */
	public static ObjectNode body(ToolException ex, String requestId) {
		Map<String, Object> extra = new LinkedHashMap<>(ex.details());
		return body(ex.status(), ex.code(), ClientText.sanitize(ex.getMessage()), requestId, extra);
	}

	/**
	 * A problem for an HTTP-level failure that is not a tool error (413, 404 route, 405,
	 * malformed body).
	 */
	public static ObjectNode body(int status, String code, String detail, String requestId, Map<String, Object> extra) {
		ObjectNode node = ToolJson.mapper().createObjectNode();
		node.put("type", TYPE_BASE + code);
		HttpStatus known = HttpStatus.resolve(status);
		node.put("title", (known != null) ? known.getReasonPhrase() : "Error");
		node.put("status", status);
		node.put("detail", detail);
		node.put("code", code);
		node.put("request_id", requestId);
		extra.forEach((key, value) -> node.set(key, ToolJson.mapper().valueToTree(value)));
		return node;
	}

	public static Mono<ServerResponse> response(ToolException ex, String requestId) {
		return response(ex, requestId, Map.of());
	}

	/**
	 * As {@link #response(ToolException, String)}, with extra headers (e.g. the
	 * rate-limit ones).
	 */
	public static Mono<ServerResponse> response(ToolException ex, String requestId, Map<String, String> headers) {
		ServerResponse.BodyBuilder builder = ServerResponse.status(ex.status())
			.contentType(PROBLEM_JSON)
			.header(RequestContext.REQUEST_ID_HEADER, requestId);
		headers.forEach(builder::header);
		ex.retryAfter().ifPresent((after) -> builder.header(HttpHeaders.RETRY_AFTER, retryAfterSeconds(after)));
		String challenge = BearerChallenge.of(ex);
		if (challenge != null) {
			builder.header(HttpHeaders.WWW_AUTHENTICATE, challenge);
		}
		return builder.bodyValue(ToolJson.mapper().writeValueAsBytes(body(ex, requestId)));
	}

	/** Writes a problem directly on a response, for filters. */
	public static Mono<Void> write(ServerHttpResponse response, ToolException ex, String requestId) {
		ex.retryAfter()
			.ifPresent((after) -> response.getHeaders().set(HttpHeaders.RETRY_AFTER, retryAfterSeconds(after)));
		BearerChallenge.apply(response.getHeaders(), ex);
		return write(response, ex.status(), body(ex, requestId));
	}

	public static Mono<Void> write(ServerHttpResponse response, int status, ObjectNode body) {
		response.setStatusCode(org.springframework.http.HttpStatusCode.valueOf(status));
		response.getHeaders().setContentType(PROBLEM_JSON);
		byte[] bytes = ToolJson.mapper().writeValueAsBytes(body);
		response.getHeaders().setContentLength(bytes.length);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
	}

	static String retryAfterSeconds(java.time.Duration after) {
		return Long.toString(Math.max(1, (after.toMillis() + 999) / 1000));
	}

}
