package cl.smartercl.mcp.connectors.n8n;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One HTTP answer of n8n, kept raw until the caller knows what it means.
 *
 * @param status the HTTP status
 * @param body the body, {@code ""} when there was none
 * @param contentType the {@code Content-Type} header, or {@code ""}
 */
record N8nReply(int status, String body, String contentType) {

	private static final int MAX_REASON = 300;

	boolean ok() {
		return this.status >= 200 && this.status < 300;
	}

	boolean isJson() {
		return this.contentType.toLowerCase().contains("json");
	}

	/** The body as JSON, or {@code null} when it is not JSON. */
	JsonNode json() {
		if (this.body.isBlank()) {
			return null;
		}
		try {
			return N8nApi.JSON.readTree(this.body);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * What n8n said went wrong, safe to show: the {@code message} of its error body only
	 * (never the {@code stacktrace} or {@code hint} fields that webhook errors carry), on
	 * one line, shortened, e.g.
	 * {@code HTTP 400: request/body must have required property 'settings'}.
	 */
	String reason(String secret) {
		JsonNode json = json();
		String message = (json != null && json.path("message").isString()) ? json.path("message").stringValue() : null;
		if (message == null || message.isBlank()) {
			return "HTTP " + this.status;
		}
		return "HTTP " + this.status + ": " + clean(message, secret);
	}

	/**
	 * One line of backend text made safe to show: first line, no control characters, no
	 * secret, bounded.
	 */
	static String clean(String text, String secret) {
		String line = text.strip().lines().findFirst().orElse("");
		line = line.replaceAll("\\p{Cntrl}", " ");
		if (secret != null && !secret.isEmpty()) {
			line = line.replace(secret, "****");
		}
		return (line.length() > MAX_REASON) ? line.substring(0, MAX_REASON) + "…" : line;
	}

}
