package cl.smartercl.mcp.connectors.metabase;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import cl.smartercl.mcp.connectors.support.BackendMessages;

/**
 * One HTTP answer of Metabase, raw until the caller knows what it means. Metabase's error
 * bodies are plain text on its non-query endpoints ({@code Unauthenticated},
 * {@code You don't have permissions to do
 * that.}) and JSON elsewhere, so both are read (notes §4).
 */
record MetabaseReply(int status, String body) {

	/** The body as JSON, or {@code null} when it is not JSON. */
	JsonNode json() {
		if (this.body.isBlank()) {
			return null;
		}
		try {
			return MetabaseApi.JSON.readTree(this.body);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * {@code HTTP 403: You don't have permissions to do that.}: the status and Metabase's
	 * words, made safe.
	 */
	String reason(String secret) {
		JsonNode json = json();
		String text;
		if (json == null) {
			// plain text, unless it is a page (a proxy's HTML error) which says nothing
			// useful
			text = this.body.strip().startsWith("<") ? "" : this.body;
		}
		else if (json.isString()) {
			text = json.asString();
		}
		else {
			text = json.path("message").asString(json.path("error").asString(""));
		}
		String line = text.strip().lines().findFirst().orElse("");
		if (secret != null && !secret.isEmpty()) {
			line = line.replace(secret, "****");
		}
		line = BackendMessages.sanitize(line);
		return line.isEmpty() ? "HTTP " + this.status : "HTTP " + this.status + ": " + line;
	}

}
