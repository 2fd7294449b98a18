package cl.smartercl.mcp.connectors.botpress;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import cl.smartercl.mcp.connectors.support.BackendMessages;

/**
 * One HTTP answer of Botpress, kept raw until the caller knows what it means.
 *
 * @param status the HTTP status
 * @param body the body, {@code ""} when there was none
 */
record BotpressReply(int status, String body) {

	boolean ok() {
		return this.status >= 200 && this.status < 300;
	}

	/** The body as JSON, or {@code null} when it is not JSON. */
	JsonNode json() {
		if (this.body.isBlank()) {
			return null;
		}
		try {
			return BotpressHttp.JSON.readTree(this.body);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * What Botpress said went wrong, safe to show: the {@code message} of its error body
	 * (Cloud {@code {id, code, type, message}}, v12 {@code {statusCode, errorCode, type,
	 * message}}), never its {@code stack} or {@code details}; e.g.
	 * {@code HTTP 404 ResourceNotFound: Bot not found}.
	 */
	String reason(String secret) {
		JsonNode json = json();
		String type = (json != null && json.path("type").isString()) ? json.path("type").stringValue() : null;
		String message = (json != null && json.path("message").isString()) ? json.path("message").stringValue() : null;
		StringBuilder reason = new StringBuilder("HTTP ").append(this.status);
		if (type != null && !type.isBlank()) {
			reason.append(' ').append(type);
		}
		if (message != null && !message.isBlank()) {
			String clean = BackendMessages.sanitize(message);
			if (secret != null && !secret.isEmpty()) {
				clean = clean.replace(secret, "****");
			}
			reason.append(": ").append(clean);
		}
		return BackendMessages.sanitize(reason.toString());
	}

}
