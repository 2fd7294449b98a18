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

	private boolean inputRequired;

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

	/**
	 * Records that the call stops to ask its client something (a 2026-07-28 multi
	 * round-trip request): the run is cancelled next, and that cancellation is the asking
	 * round's end ({@code input_required} in the audit trail and metrics), not the
	 * caller's.
	 */
	public synchronized void markInputRequired() {
		this.inputRequired = true;
	}

	/**
	 * Whether the call ended its round to ask the client (see
	 * {@link #markInputRequired()}).
	 */
	public synchronized boolean inputRequired() {
		return this.inputRequired;
	}

	/** The headers set so far, as a snapshot. */
	public synchronized Map<String, String> headers() {
		return Map.copyOf(this.headers);
	}

}
