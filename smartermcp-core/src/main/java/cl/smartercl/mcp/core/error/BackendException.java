package cl.smartercl.mcp.core.error;

import java.util.Map;

/**
 * A backend answered, but with an error. The message is sanitised by the connector: a short
 * description of what failed, never the raw body. HTTP 502.
 */
public final class BackendException extends ToolException {

	private final String service;

	public BackendException(String service, String message) {
		this(service, message, null);
	}

	public BackendException(String service, String message, Throwable cause) {
		super("backend_error", 502, false, "Service '" + service + "' reported an error: " + message, cause);
		this.service = service;
	}

	public String service() {
		return this.service;
	}

	@Override
	public Map<String, Object> details() {
		return Map.of("service", this.service);
	}

}
