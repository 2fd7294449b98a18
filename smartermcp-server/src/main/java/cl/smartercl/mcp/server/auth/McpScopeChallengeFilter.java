package cl.smartercl.mcp.server.auth;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import cl.smartercl.mcp.core.auth.Principal;
import cl.smartercl.mcp.core.error.ForbiddenException;
import cl.smartercl.mcp.core.schema.ToolJson;
import cl.smartercl.mcp.core.tool.Catalog;
import cl.smartercl.mcp.core.tool.ToolDefinition;
import cl.smartercl.mcp.core.tool.Transport;
import cl.smartercl.mcp.server.dispatch.ToolDispatcher;
import cl.smartercl.mcp.server.web.BearerChallenge;
import cl.smartercl.mcp.server.web.RequestBodies;
import cl.smartercl.mcp.server.web.RequestContext;

/**
 * Step-up for OAuth clients on the Streamable HTTP endpoint (MCP authorization › Scope
 * Challenge Handling): a {@code tools/call} whose tool needs a scope the caller's OAuth
 * token lacks is answered {@code 403} with
 * {@code WWW-Authenticate: Bearer error="insufficient_scope", scope="…",
 * resource_metadata="…"} before it reaches the MCP session, so that the client can ask
 * the user for the scope and retry; the refusal is on record like any other. Calls with a
 * static token are left to the tool's own answer (a JSON-RPC tool error in HTTP 200): a
 * static token cannot be stepped up, and clients that send one do not run the OAuth flow.
 * Present only with OAuth on.
 */
public final class McpScopeChallengeFilter implements WebFilter, Ordered {

	private static final Pattern STATIC_TOKEN = Pattern.compile("\\s*Bearer\\s+" + ApiTokens.PREFIX,
			Pattern.CASE_INSENSITIVE);

	private final String endpoint;

	private final Catalog catalog;

	private final ToolDispatcher dispatcher;

	private final long maxBodyBytes;

	public McpScopeChallengeFilter(String endpoint, Catalog catalog, ToolDispatcher dispatcher, long maxBodyBytes) {
		this.endpoint = endpoint;
		this.catalog = catalog;
		this.dispatcher = dispatcher;
		this.maxBodyBytes = maxBodyBytes;
	}

	@Override
	public int getOrder() {
		return BearerAuthenticationFilter.ORDER + 1;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		Optional<Principal> principal = RequestContext.principal(exchange);
		String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		if (principal.isEmpty() || exchange.getRequest().getMethod() != HttpMethod.POST
				|| !this.endpoint.equals(exchange.getRequest().getPath().pathWithinApplication().value())
				|| authorization == null || STATIC_TOKEN.matcher(authorization).lookingAt()) {
			return chain.filter(exchange);
		}
		return RequestBodies.join(exchange.getRequest().getBody(), this.maxBodyBytes).map((buffer) -> {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			DataBufferUtils.release(buffer);
			return bytes;
		}).defaultIfEmpty(new byte[0]).flatMap((bytes) -> {
			Optional<Refusal> refusal = refusal(bytes, principal.get());
			if (refusal.isPresent()) {
				return refuse(exchange, principal.get(), refusal.get());
			}
			return chain.filter(exchange.mutate().request(replayed(exchange, bytes)).build());
		})
			.onErrorResume(RequestBodies.PayloadTooLargeException.class, (ex) -> write(exchange.getResponse(),
					HttpStatus.PAYLOAD_TOO_LARGE, error(null, -32600, ex.getMessage())));
	}

	/**
	 * What the body asks for, when it is a tools/call of a tool the principal's scopes do
	 * not allow.
	 */
	private Optional<Refusal> refusal(byte[] body, Principal principal) {
		JsonNode message;
		try {
			message = ToolJson.mapper().readTree(body);
		}
		catch (RuntimeException notJson) {
			return Optional.empty(); // the transport answers what it cannot parse
		}
		if (message == null || !message.isObject() || !"tools/call".equals(message.path("method").asString(null))) {
			return Optional.empty();
		}
		String name = message.path("params").path("name").asString(null);
		Optional<ToolDefinition<?, ?>> tool = (name != null) ? this.catalog.find(name) : Optional.empty();
		if (tool.isEmpty() || principal.scopes().allows(tool.get().scope())) {
			return Optional.empty();
		}
		return Optional.of(new Refusal(message.get("id"), name, message.path("params").get("arguments"),
				new ForbiddenException(tool.get().scope(), "tool '" + name + "'")));
	}

	private Mono<Void> refuse(ServerWebExchange exchange, Principal principal, Refusal refusal) {
		ServerHttpResponse response = exchange.getResponse();
		response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, BearerChallenge.of(refusal.reason()));
		ObjectNode body = error(refusal.id(), -32001, refusal.reason().getMessage());
		ObjectNode data = ((ObjectNode) body.get("error")).putObject("data");
		data.put("error", "insufficient_scope");
		data.put("scope", refusal.reason().missing().value());
		JsonNode arguments = (refusal.arguments() != null && refusal.arguments().isObject()) ? refusal.arguments()
				: null;
		return this.dispatcher
			.recordRefusal(principal, refusal.tool(), arguments, RequestContext.requestId(exchange), Transport.MCP,
					refusal.reason())
			.then(write(response, HttpStatus.FORBIDDEN, body));
	}

	private static ServerHttpRequestDecorator replayed(ServerWebExchange exchange, byte[] bytes) {
		return new ServerHttpRequestDecorator(exchange.getRequest()) {
			@Override
			public Flux<DataBuffer> getBody() {
				return Flux.defer(() -> Flux.just(exchange.getResponse().bufferFactory().wrap(bytes)));
			}
		};
	}

	private static ObjectNode error(JsonNode id, int code, String message) {
		ObjectNode node = ToolJson.mapper().createObjectNode();
		node.put("jsonrpc", "2.0");
		if (id != null) {
			node.set("id", id);
		}
		else {
			node.putNull("id");
		}
		ObjectNode error = node.putObject("error");
		error.put("code", code);
		error.put("message", message);
		return node;
	}

	private static Mono<Void> write(ServerHttpResponse response, HttpStatus status, ObjectNode body) {
		response.setStatusCode(status);
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		byte[] bytes = ToolJson.mapper().writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
		response.getHeaders().setContentLength(bytes.length);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
	}

	private record Refusal(JsonNode id, String tool, JsonNode arguments, ForbiddenException reason) {
	}

}
