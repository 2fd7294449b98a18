package cl.smartercl.mcp.core.error;

import java.util.Map;

import cl.smartercl.mcp.core.tool.Backend;

/**
 * The caller's tenant has no configuration for the backend a tool needs. Unlike a backend
 * that is down, retrying does not help: an operator has to add the backend to the tenants
 * file, so the message names the key and the documentation. HTTP 503 (the tool cannot be
 * served, as in the design's error table) with its own code,
 * {@code backend_not_configured}, and {@code retryable: false}.
 */
public final class BackendNotConfiguredException extends ToolException {

	private final Backend backend;

	public BackendNotConfiguredException(Backend backend) {
		super("backend_not_configured", 503, false, message(backend), null);
		this.backend = backend;
	}

	/**
	 * What the caller reads: which backend, which tenants-file key, where it is
	 * explained.
	 */
	public static String message(Backend backend) {
		return "The " + backend.id() + " backend is not configured for this tenant: add " + backend.configKey()
				+ " to the tenants file (see " + Backend.CONFIGURATION_DOC + ")";
	}

	public Backend backend() {
		return this.backend;
	}

	@Override
	public Map<String, Object> details() {
		return Map.of("service", this.backend.id(), "config_key", this.backend.configKey());
	}

}
