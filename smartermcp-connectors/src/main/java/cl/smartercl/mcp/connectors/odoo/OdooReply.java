package cl.smartercl.mcp.connectors.odoo;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import cl.smartercl.mcp.connectors.support.BackendMessages;

/**
 * One HTTP answer of Odoo, kept raw until the caller knows what it means.
 *
 * @param status the HTTP status
 * @param body the body, {@code ""} when there was none
 * @param contentType the {@code Content-Type} header, or {@code null}
 */
record OdooReply(int status, String body, String contentType) {

	/**
	 * An Odoo error body: the Python exception's name and message (never its
	 * {@code debug} traceback).
	 */
	record Fault(String name, String message) {
	}

	boolean isJson() {
		return this.contentType != null && this.contentType.toLowerCase().contains("json");
	}

	/** The body as JSON, or {@code null} when it is not JSON. */
	JsonNode json() {
		if (this.body.isBlank()) {
			return null;
		}
		try {
			return OdooApi.JSON.readTree(this.body);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * The JSON-2 error body {@code {name, message, arguments, context, debug}}, or
	 * {@code null}.
	 */
	Fault fault() {
		JsonNode json = isJson() ? json() : null;
		if (json == null || !json.path("name").isString() || !json.path("message").isString()) {
			return null;
		}
		return new Fault(json.path("name").asString(), json.path("message").asString());
	}

	/** For messages: the status and what kind of body came with it. */
	String describe() {
		String kind = (this.contentType == null) ? "no content type" : this.contentType.split(";")[0].trim();
		String start = BackendMessages.sanitize(this.body.length() > 80 ? this.body.substring(0, 80) : this.body);
		return "HTTP " + this.status + ", " + kind + (start.isEmpty() ? "" : ": " + start);
	}

}
