package cl.smartercl.mcp.server.dispatch;

import java.util.Locale;

/**
 * What became of the confirmation of a destructive call, as the audit trail records it
 * (column {@code confirmation}; {@code null} for calls that need none).
 */
public enum ConfirmationOutcome {

	/** The person confirmed; the call ran. */
	CONFIRMED,

	/** The person declined; the call did not run. */
	DECLINED,

	/** The person dismissed the question; the call did not run. */
	CANCELLED,

	/**
	 * Nobody was asked: a REST call, or an MCP client that cannot be asked (the tenant's
	 * {@code confirmation.without-elicitation} decides whether it ran).
	 */
	NOT_ASKED;

	/**
	 * The stored form: {@code confirmed}, {@code declined}, {@code cancelled},
	 * {@code not_asked}.
	 */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

}
