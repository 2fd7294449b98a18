package cl.smartercl.mcp.server.web;

import java.util.List;
import java.util.Map;

import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityValidator;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import cl.smartercl.mcp.server.config.ServerProperties;

/**
 * Refuses requests whose {@code Origin} (or, when configured, {@code Host}) is not
 * allowed, before anything else: the MCP transports' defence against DNS rebinding (spec
 * "Transports", Security Warning), applied to REST too. Clients that are not browsers
 * send no Origin and pass.
 */
public final class OriginFilter implements WebFilter, Ordered {

	/**
	 * An Origin as browsers send it (RFC 6454): scheme, host and an optional numeric
	 * port, nothing else. The SDK's {@code http://localhost:*} pattern matches by prefix,
	 * so {@code http://localhost:1234@evil.example} (user info, then another host) passed
	 * it (issue 15 #10).
	 */
	private static final java.util.regex.Pattern SERIALIZED_ORIGIN = java.util.regex.Pattern
		.compile("(?i)https?://(\\[[0-9a-f:.]+\\]|[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)(:[0-9]{1,5})?");

	private final ServerTransportSecurityValidator validator;

	public OriginFilter(ServerProperties properties) {
		DefaultServerTransportSecurityValidator.Builder builder = DefaultServerTransportSecurityValidator.builder()
			.allowedOrigins(properties.mcp().allowedOrigins());
		List<String> hosts = properties.mcp().allowedHosts();
		if (!hosts.isEmpty()) {
			builder.allowedHosts(hosts);
		}
		this.validator = builder.build();
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 10;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		Map<String, List<String>> headers = exchange.getRequest().getHeaders().asMultiValueMap();
		List<String> origins = exchange.getRequest().getHeaders().getOrEmpty("Origin");
		for (String origin : origins) {
			if (!"null".equals(origin) && !SERIALIZED_ORIGIN.matcher(origin).matches()) {
				return Problems.write(exchange.getResponse(), 403,
						Problems.body(403, "forbidden_origin", "the Origin header is not allowed to call this server",
								RequestContext.requestId(exchange), Map.of()));
			}
		}
		try {
			this.validator.validateHeaders(headers);
		}
		catch (ServerTransportSecurityException ex) {
			int status = ex.getStatusCode();
			String code = (status == 421) ? "misdirected_request" : "forbidden_origin";
			String detail = (status == 421) ? "the Host header is not one this server answers to"
					: "the Origin header is not allowed to call this server";
			return Problems.write(exchange.getResponse(), status,
					Problems.body(status, code, detail, RequestContext.requestId(exchange), Map.of()));
		}
		return chain.filter(exchange);
	}

}
