package cl.smartercl.mcp.connectors.chatwoot;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import cl.smartercl.mcp.connectors.support.BackendMessages;

/**
 * One HTTP answer of Chatwoot, kept raw until the caller knows what it means.
 *
 * @param status the HTTP status
 * @param body the body, {@code ""} when there was none
 * @param retryAfter the {@code Retry-After} header, or {@code null}
 */
record ChatwootReply(int status, String body, String retryAfter) {

	boolean ok() {
		return this.status >= 200 && this.status < 300;
	}

	/** The body as JSON, or {@code null} when it is not JSON. */
	JsonNode json() {
		if (this.body.isBlank()) {
			return null;
		}
		try {
			return ChatwootApi.JSON.readTree(this.body);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * Chatwoot's own error text, when its body has one: {@code {"error": "..."}} from its
	 * exception handler, {@code {"message": "..."}} from a model validation
	 * [backend-notes §5]; {@code null} otherwise.
	 */
	String error() {
		JsonNode json = json();
		if (json == null || !json.isObject()) {
			return null;
		}
		for (String field : new String[] { "error", "message" }) {
			if (json.path(field).isString() && !json.path(field).stringValue().isBlank()) {
				return json.path(field).stringValue();
			}
		}
		return null;
	}

	/**
	 * What Chatwoot said went wrong, safe to show, e.g. {@code HTTP 422: Invalid filter}.
	 */
	String reason(String secret) {
		String error = error();
		if (error == null) {
			return "HTTP " + this.status;
		}
		String clean = BackendMessages.sanitize(error);
		if (secret != null && !secret.isEmpty()) {
			clean = clean.replace(secret, "****");
		}
		return "HTTP " + this.status + ": " + clean;
	}

}
