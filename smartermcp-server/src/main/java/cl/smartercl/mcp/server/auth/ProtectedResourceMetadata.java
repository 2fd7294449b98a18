package cl.smartercl.mcp.server.auth;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import cl.smartercl.mcp.core.auth.Scope;
import cl.smartercl.mcp.core.schema.ToolJson;

/**
 * The OAuth 2.0 Protected Resource Metadata document (RFC 9728) that MCP clients read
 * after a 401 to find the authorization server: at
 * {@code /.well-known/oauth-protected-resource} and at the path-suffixed form clients
 * derive from the endpoint they call ({@code …/mcp}, {@code …/sse}). Served only with
 * OAuth on; without it the path answers 404, which tells clients there is no OAuth here.
 */
public final class ProtectedResourceMetadata {

	public static final String PATH = "/.well-known/oauth-protected-resource";

	private final String document;

	public ProtectedResourceMetadata(OAuthProperties properties) {
		Map<String, Object> doc = new LinkedHashMap<>();
		doc.put("resource", properties.resourceText());
		doc.put("authorization_servers", properties.authorizationServers().stream().map(Object::toString).toList());
		doc.put("scopes_supported", scopes());
		doc.put("bearer_methods_supported", List.of("header"));
		doc.put("resource_name", "SmarterMCP");
		this.document = ToolJson.mapper().writeValueAsString(doc);
	}

	static List<String> scopes() {
		return Arrays.stream(Scope.values()).map(Scope::value).toList();
	}

	public RouterFunction<ServerResponse> router() {
		return RouterFunctions.route().GET(PATH, this::serve).GET(PATH + "/**", this::serve).build();
	}

	private Mono<ServerResponse> serve(ServerRequest request) {
		// read by browser-based MCP clients too (RFC 9728 §3.1 puts no restriction on who
		// reads it)
		return ServerResponse.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.header("Access-Control-Allow-Origin", "*")
			.header("Cache-Control", "max-age=300")
			.bodyValue(this.document);
	}

}
