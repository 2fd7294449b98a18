package cl.smartercl.mcp.connectors.support;

import java.util.regex.Pattern;

/**
 * Makes a backend's own error text safe to show a caller (a person or a model): one line,
 * no credentials in URLs, {@code key=value} pairs or authorization headers, at most 300
 * characters. A backend error body is never passed on raw; at most its message, through
 * here.
 */
public final class BackendMessages {

	private static final Pattern USERINFO = Pattern.compile("(?i)([a-z][a-z0-9+.-]*://)[^/@\\s]+@");

	private static final Pattern SECRET_PAIR = Pattern.compile(
			"(?i)\\b(password|passwd|pwd|token|secret|api[_-]?key|auth|authorization)(\\s*[=:]\\s*)((?:bearer|basic)\\s+)?[^\\s,;&\"']+");

	private static final Pattern SCHEME_CREDENTIAL = Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]{8,}");

	private static final int MAX = 300;

	private BackendMessages() {
	}

	public static String sanitize(String raw) {
		if (raw == null) {
			return "";
		}
		String s = raw.replaceAll("[\\p{Cntrl}&&[^\\t]]", " ");
		s = USERINFO.matcher(s).replaceAll("$1****@");
		s = SECRET_PAIR.matcher(s).replaceAll("$1$2****");
		// a bearer or basic credential outside a key=value pair
		s = SCHEME_CREDENTIAL.matcher(s).replaceAll("$1 ****");
		s = s.replaceAll("\\s+", " ").trim();
		return (s.length() > MAX) ? s.substring(0, MAX) + "…" : s;
	}

}
