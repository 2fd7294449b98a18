package cl.smartercl.mcp.core.error;

import java.util.Map;

import cl.smartercl.mcp.core.auth.Scope;

/**
 * The token lacks the scope a tool or endpoint needs; the message names the scope. HTTP
 * 403.
 */
public final class ForbiddenException extends ToolException {

	private final Scope missing;

	public ForbiddenException(Scope missing, String what) {
		super("forbidden", 403, false, "Missing required scope '" + missing.value() + "' for " + what, null);
		this.missing = missing;
	}

	public Scope missing() {
		return this.missing;
	}

	@Override
	public Map<String, Object> details() {
		return Map.of("required_scope", this.missing.value());
	}

}
