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
 * Refuses requests whose {@code Origin} (or, when configured, {@code Host}) is not allowed, before
 * anything else: the MCP transports' defence against DNS rebinding (spec "Transports", Security
 * Warning), applied to REST too. Clients that are not browsers send no Origin and pass.
 */
public final class OriginFilter implements WebFilter, Ordered {

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
