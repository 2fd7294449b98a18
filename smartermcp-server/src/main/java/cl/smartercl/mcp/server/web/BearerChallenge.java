package cl.smartercl.mcp.server.web;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpResponse;

import cl.smartercl.mcp.core.error.ForbiddenException;
import cl.smartercl.mcp.core.error.ToolException;
import cl.smartercl.mcp.core.error.UnauthorizedException;

/**
 * The {@code WWW-Authenticate} challenge of a 401 or a scope 403 (RFC 6750 §3):
 * {@code error="invalid_token"} with the refusal's reason when a token was presented,
 * {@code error="insufficient_scope"} with the {@code scope} needed so that an OAuth
 * client can step up. With OAuth on, the bearer filter adds {@code resource_metadata}
 * (RFC 9728 §5.1) to whatever challenge a response carries.
 */
public final class BearerChallenge {

	private static final String REALM = "Bearer realm=\"smartermcp\"";

	private static final Pattern SCOPE = Pattern.compile("(?<![a-z_])scope=\"([^\"]*)\"");

	private BearerChallenge() {
	}

	/**
	 * The challenge for {@code ex}, or {@code null} when it is not an authentication or
	 * scope refusal.
	 */
	public static String of(ToolException ex) {
		if (ex instanceof UnauthorizedException unauthorized) {
			// RFC 6750 §3.1: a request without any credentials gets no error code; the
			// reason says what to send
			return (unauthorized.reason() == null || !unauthorized.tokenPresented()) ? REALM
					: REALM + ", error=\"invalid_token\", error_description=\"" + quoted(unauthorized.reason()) + "\"";
		}
		if (ex instanceof ForbiddenException forbidden) {
			return REALM + ", error=\"insufficient_scope\", scope=\"" + forbidden.missing().value()
					+ "\", error_description=\"" + quoted(forbidden.getMessage()) + "\"";
		}
		return null;
	}

	/**
	 * Sets the challenge of {@code ex} on a response about to be written, if it has one.
	 */
	static void apply(HttpHeaders headers, ToolException ex) {
		String challenge = of(ex);
		if (challenge != null) {
			headers.set(HttpHeaders.WWW_AUTHENTICATE, challenge);
		}
	}

	/**
	 * Completes the response's bearer challenge, if it has one, just before the response
	 * is committed (the challenge is written by whichever layer refused the request), for
	 * OAuth clients (MCP authorization › Scope Selection Strategy and Scope Challenge
	 * Handling): {@code resource_metadata="<url>"} (RFC 9728 §5.1) on every challenge; on
	 * a 401, {@code scope} with the scopes a first login should ask for; on an
	 * {@code insufficient_scope} 403 to an OAuth token, the scopes it was granted beside
	 * the one it lacks, since the token a client gets by stepping up replaces the one it
	 * has.
	 * @param granted the scopes of the caller's OAuth token; {@code null} for a static
	 * token or none
	 */
	public static void addOAuthParametersOnCommit(ServerHttpResponse response, String metadataUrl, String initialScope,
			Supplier<List<String>> granted) {
		response.beforeCommit(() -> {
			String challenge = response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE);
			if (challenge != null && challenge.startsWith("Bearer") && !challenge.contains("resource_metadata=")) {
				response.getHeaders()
					.set(HttpHeaders.WWW_AUTHENTICATE, withOAuthParameters(challenge, metadataUrl, initialScope,
							(granted != null) ? granted.get() : null));
			}
			return Mono.empty();
		});
	}

	public static String withOAuthParameters(String challenge, String metadataUrl, String initialScope,
			List<String> granted) {
		String completed = challenge;
		Matcher scope = SCOPE.matcher(challenge);
		if (challenge.contains("error=\"insufficient_scope\"")) {
			if (granted != null && scope.find()) {
				Set<String> union = new LinkedHashSet<>(granted);
				union.addAll(List.of(scope.group(1).split(" ")));
				completed = challenge.substring(0, scope.start(1)) + String.join(" ", union)
						+ challenge.substring(scope.end(1));
			}
		}
		else if (!scope.find()) {
			completed = challenge + ", scope=\"" + initialScope + "\"";
		}
		return completed + ", resource_metadata=\"" + metadataUrl + "\"";
	}

	/**
	 * RFC 6750 allows only printable ASCII but {@code "} and {@code \} in these values.
	 */
	private static String quoted(String text) {
		StringBuilder out = new StringBuilder(text.length());
		for (char c : text.toCharArray()) {
			out.append((c >= 0x20 && c <= 0x7e && c != '"' && c != '\\') ? c : '\'');
		}
		return out.toString();
	}

}
