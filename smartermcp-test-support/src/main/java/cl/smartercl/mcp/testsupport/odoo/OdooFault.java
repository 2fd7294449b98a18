package cl.smartercl.mcp.testsupport.odoo;

import java.util.List;

/**
 * An Odoo exception as the wire shows it: the Python class ({@code name}), the message,
 * the {@code arguments} list, and the HTTP status JSON-2 gives it (JSON-RPC always
 * answers 200).
 */
final class OdooFault extends RuntimeException {

	final String name;

	final List<Object> arguments;

	final int status;

	/** {@code AccessDenied} of {@code execute_kw} comes without a traceback (file 06). */
	private boolean bare;

	OdooFault(int status, String name, String message, List<Object> arguments) {
		super(message, null, false, false);
		this.status = status;
		this.name = name;
		this.arguments = arguments;
	}

	/** A Python exception whose only argument is its message (most Odoo exceptions). */
	static OdooFault of(int status, String name, String message) {
		return new OdooFault(status, name, message, List.of(message));
	}

	/** A werkzeug HTTP exception: its arguments are the message and the status. */
	static OdooFault http(int status, String name, String message) {
		return new OdooFault(status, name, message, List.of(message, status));
	}

	static OdooFault accessError(String message) {
		return of(403, "odoo.exceptions.AccessError", message);
	}

	static OdooFault valueError(String message) {
		return of(500, "builtins.ValueError", message);
	}

	static OdooFault typeError(String message) {
		return of(500, "builtins.TypeError", message);
	}

	/**
	 * Something a real Odoo would answer but this double cannot: said plainly, never
	 * invented.
	 */
	static OdooFault notInDouble(String what) {
		return of(500, "testdouble.NotImplemented", "the Odoo test double does not " + what);
	}

	OdooFault bare() {
		this.bare = true;
		return this;
	}

	/**
	 * The {@code debug} text: the double has no Python stack, so it says so instead of
	 * frames.
	 */
	String debug() {
		if (this.bare) {
			return this.name + ": " + getMessage() + "\n";
		}
		String last = this.name.startsWith("werkzeug.exceptions.")
				? this.name + ": " + this.status + " " + reason(this.status) + ": " + getMessage()
				: this.name.replaceFirst("^builtins\\.", "") + ": " + getMessage();
		return "Traceback (most recent call last):\n  [... stack frames of the Odoo test double omitted ...]\n" + last
				+ "\n";
	}

	private static String reason(int status) {
		return switch (status) {
			case 401 -> "Unauthorized";
			case 404 -> "Not Found";
			case 422 -> "Unprocessable Entity";
			default -> "Error";
		};
	}

}
