package cl.smartercl.mcp.server.mcp;

import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.reactive.function.server.ServerResponse;

import cl.smartercl.mcp.core.schema.ToolJson;

/**
 * HTTP-level failures on the MCP endpoints, as JSON-RPC error objects without an id (the
 * shape the transport spec allows on a 4xx), never a serialized Java exception
 * (mcp-checklist K6).
 */
final class JsonRpcErrors {

	static final int PARSE_ERROR = -32700;

	static final int INVALID_REQUEST = -32600;

	static final int SERVER_ERROR = -32000;

	private JsonRpcErrors() {
	}

	static ObjectNode body(int code, String message) {
		ObjectNode node = ToolJson.mapper().createObjectNode();
		node.put("jsonrpc", "2.0");
		node.putNull("id");
		ObjectNode error = node.putObject("error");
		error.put("code", code);
		error.put("message", message);
		return node;
	}

	static Mono<ServerResponse> response(int status, int code, String message) {
		return ServerResponse.status(status)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(ToolJson.mapper().writeValueAsBytes(body(code, message)));
	}

	static Mono<Void> write(ServerHttpResponse response, int status, int code, String message) {
		return write(response, status, body(code, message));
	}

	static Mono<Void> write(ServerHttpResponse response, int status, ObjectNode body) {
		response.setStatusCode(HttpStatusCode.valueOf(status));
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		byte[] bytes = ToolJson.mapper().writeValueAsBytes(body);
		response.getHeaders().setContentLength(bytes.length);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
	}

}
