package cl.smartercl.mcp.server.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpResponse;

import cl.smartercl.mcp.core.error.ForbiddenException;
import cl.smartercl.mcp.core.error.ToolException;
import cl.smartercl.mcp.core.error.UnauthorizedException;

/**
 * The {@code WWW-Authenticate} challenge of a 401 or a scope 403 (RFC 6750 §3): {@code error="invalid_token"}
 * with the refusal's reason when a token was presented, {@code error="insufficient_scope"} with the
 * {@code scope} needed so that an OAuth client can step up. With OAuth on, the bearer filter adds
 * {@code resource_metadata} (RFC 9728 §5.1) to whatever challenge a response carries.
 */
public final class BearerChallenge {

	private static final String REALM = "Bearer realm=\"smartermcp\"";

	private BearerChallenge() {
	}

	/** The challenge for {@code ex}, or {@code null} when it is not an authentication or scope refusal. */
	public static String of(ToolException ex) {
		if (ex instanceof UnauthorizedException unauthorized) {
			// RFC 6750 §3.1: a request without any credentials gets no error code; the reason says what to send
			return (unauthorized.reason() == null || !unauthorized.tokenPresented()) ? REALM
					: REALM + ", error=\"invalid_token\", error_description=\"" + quoted(unauthorized.reason()) + "\"";
		}
		if (ex instanceof ForbiddenException forbidden) {
			return REALM + ", error=\"insufficient_scope\", scope=\"" + forbidden.missing().value()
					+ "\", error_description=\"" + quoted(forbidden.getMessage()) + "\"";
		}
		return null;
	}

	/** Sets the challenge of {@code ex} on a response about to be written, if it has one. */
	static void apply(HttpHeaders headers, ToolException ex) {
		String challenge = of(ex);
		if (challenge != null) {
			headers.set(HttpHeaders.WWW_AUTHENTICATE, challenge);
		}
	}

	/**
	 * Adds {@code resource_metadata="<url>"} to the response's bearer challenge, if it has one, just before
	 * the response is committed (the challenge is written by whichever layer refused the request).
	 */
	public static void addResourceMetadataOnCommit(ServerHttpResponse response, String metadataUrl) {
		response.beforeCommit(() -> {
			String challenge = response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE);
			if (challenge != null && challenge.startsWith("Bearer") && !challenge.contains("resource_metadata=")) {
				response.getHeaders()
					.set(HttpHeaders.WWW_AUTHENTICATE, challenge + ", resource_metadata=\"" + metadataUrl + "\"");
			}
			return reactor.core.publisher.Mono.empty();
		});
	}

	/** RFC 6750 allows only printable ASCII but {@code "} and {@code \} in these values. */
	private static String quoted(String text) {
		StringBuilder out = new StringBuilder(text.length());
		for (char c : text.toCharArray()) {
			out.append((c >= 0x20 && c <= 0x7e && c != '"' && c != '\\') ? c : '\'');
		}
		return out.toString();
	}

}
