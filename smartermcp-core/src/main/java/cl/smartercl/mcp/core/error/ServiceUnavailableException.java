package cl.smartercl.mcp.core.error;

import java.util.Map;

/**
 * A backend that is down or behind an open circuit (one the tenant has not configured is
 * a {@link BackendNotConfiguredException}). The message is the documented one;
 * {@link #reason()} says which of those it is, in words safe to show. HTTP 503.
 */
public final class ServiceUnavailableException extends ToolException {

	private final String service;

	private final String reason;

	public ServiceUnavailableException(String service, String reason) {
		this(service, reason, null);
	}

	public ServiceUnavailableException(String service, String reason, Throwable cause) {
		super("service_unavailable", 503, true,
				"Service '" + service + "' is currently unavailable" + (reason == null ? "" : ": " + reason), cause);
		this.service = service;
		this.reason = reason;
	}

	public String service() {
		return this.service;
	}

	public String reason() {
		return this.reason;
	}

	@Override
	public Map<String, Object> details() {
		return Map.of("service", this.service);
	}

}
