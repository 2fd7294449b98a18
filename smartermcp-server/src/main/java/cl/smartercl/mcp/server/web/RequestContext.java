package cl.smartercl.mcp.server.web;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.web.server.ServerWebExchange;

import cl.smartercl.mcp.core.auth.Principal;

/**
 * What the filters establish about a request, kept as exchange attributes: its id and,
 * once authenticated, the caller.
 */
public final class RequestContext {

	public static final String REQUEST_ID_HEADER = "X-Request-ID";

	private static final String PRINCIPAL = RequestContext.class.getName() + ".principal";

	private static final String REQUEST_ID = RequestContext.class.getName() + ".requestId";

	private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	private RequestContext() {
	}

	/**
	 * The request id: the client's {@code X-Request-ID} when well-formed, else a new one.
	 */
	public static String requestId(ServerWebExchange exchange) {
		String id = exchange.getAttribute(REQUEST_ID);
		if (id == null) {
			String offered = exchange.getRequest().getHeaders().getFirst(REQUEST_ID_HEADER);
			id = (offered != null && CLIENT_ID.matcher(offered).matches()) ? offered : UUID.randomUUID().toString();
			exchange.getAttributes().put(REQUEST_ID, id);
		}
		return id;
	}

	public static void setPrincipal(ServerWebExchange exchange, Principal principal) {
		exchange.getAttributes().put(PRINCIPAL, principal);
	}

	public static Optional<Principal> principal(ServerWebExchange exchange) {
		return Optional.ofNullable(exchange.getAttribute(PRINCIPAL));
	}

	/** For functional handlers: the attribute map is the exchange's. */
	public static Optional<Principal> principal(java.util.Map<String, Object> attributes) {
		return Optional.ofNullable((Principal) attributes.get(PRINCIPAL));
	}

	public static String requestId(java.util.Map<String, Object> attributes) {
		Object id = attributes.get(REQUEST_ID);
		return (id != null) ? id.toString() : UUID.randomUUID().toString();
	}

}
