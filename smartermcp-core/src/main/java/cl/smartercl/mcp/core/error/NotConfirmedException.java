package cl.smartercl.mcp.core.error;

import java.util.Map;

/**
 * A destructive call that did not run because it was not confirmed: the person declined
 * or dismissed the question, or the client cannot be asked and the tenant does not let
 * such calls proceed. HTTP 409 (it never arises on REST).
 */
public final class NotConfirmedException extends ToolException {

	private final String confirmation;

	/**
	 * @param confirmation {@code declined}, {@code cancelled} or {@code unavailable}
	 * @param message what happened, for the caller
	 */
	public NotConfirmedException(String confirmation, String message) {
		super("not_confirmed", 409, false, message, null);
		this.confirmation = confirmation;
	}

	/** {@code declined}, {@code cancelled} or {@code unavailable}. */
	public String confirmation() {
		return this.confirmation;
	}

	@Override
	public Map<String, Object> details() {
		return Map.of("confirmation", this.confirmation);
	}

}
