package cl.smartercl.mcp.server.dispatch;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Facts an interceptor learns about one call that belong on the transport's answer rather
 * than in the tool's result, e.g. the rate-limit headers of REST. The dispatcher creates
 * one per call; interceptors write, the transport reads once the call has ended
 * (successfully or not). MCP has no headers and ignores it.
 */
public final class CallMetadata {

	private final Map<String, String> headers = new LinkedHashMap<>();

	private ConfirmationOutcome confirmation;

	/** Sets a response header (replacing an earlier value of the same name). */
	public synchronized void header(String name, String value) {
		this.headers.put(name, value);
	}

	/** Records what became of the call's confirmation (destructive tools only). */
	public synchronized void confirmation(ConfirmationOutcome outcome) {
		this.confirmation = outcome;
	}

	/**
	 * What became of the call's confirmation; {@code null} when the tool needs none (or
	 * it was not reached).
	 */
	public synchronized ConfirmationOutcome confirmation() {
		return this.confirmation;
	}

	/** The headers set so far, as a snapshot. */
	public synchronized Map<String, String> headers() {
		return Map.copyOf(this.headers);
	}

}
