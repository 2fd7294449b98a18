package cl.smartercl.mcp.server.audit;

import java.time.Instant;

/**
 * One tool call on record.
 *
 * @param id the row's position in the trail (newest highest); {@code 0} before it is
 * stored
 * @param callId unique id of the call's record (links the intent of a write to its
 * completion)
 * @param startedAt when the call arrived
 * @param completedAt when it ended; {@code null} while pending (or when the server died
 * first)
 * @param tenantId the caller's tenant
 * @param tokenId the caller's token id
 * @param tokenName the caller's token name
 * @param tool the tool
 * @param write whether the tool is a write
 * @param arguments the arguments as JSON, secrets redacted
 * @param outcome {@code pending}, {@code ok}, {@code cancelled}, {@code input_required}
 * (a 2026-07-28 round that stopped to ask the client; the retry is a record of its own)
 * or the error code
 * @param durationMs how long it took; {@code null} while pending
 * @param requestId the request id (logs, problem responses)
 * @param transport {@code mcp} or {@code rest}
 * @param confirmation for a destructive tool that asks its user first: {@code confirmed},
 * {@code declined}, {@code cancelled} or {@code not_asked}; {@code null} for every other
 * call, and while pending
 * @param replica the replica that served the call ({@code SMARTERMCP_REPLICA_ID});
 * {@code null} before it is stored (the store writes its own) and on rows from before the
 * column existed
 */
public record AuditRecord(long id, String callId, Instant startedAt, Instant completedAt, String tenantId,
		String tokenId, String tokenName, String tool, boolean write, String arguments, String outcome, Long durationMs,
		String requestId, String transport, String confirmation, String replica) {

	public static final String PENDING = "pending";

	public static final String OK = "ok";

	public static final String CANCELLED = "cancelled";

	public static final String INPUT_REQUIRED = "input_required";

	/**
	 * A record not yet stored, without a confirmation (every call but the destructive
	 * tools that ask): the store names the replica.
	 */
	public AuditRecord(long id, String callId, Instant startedAt, Instant completedAt, String tenantId, String tokenId,
			String tokenName, String tool, boolean write, String arguments, String outcome, Long durationMs,
			String requestId, String transport) {
		this(id, callId, startedAt, completedAt, tenantId, tokenId, tokenName, tool, write, arguments, outcome,
				durationMs, requestId, transport, null, null);
	}

	/** This record naming the replica that served the call. */
	AuditRecord servedBy(String replica) {
		return new AuditRecord(this.id, this.callId, this.startedAt, this.completedAt, this.tenantId, this.tokenId,
				this.tokenName, this.tool, this.write, this.arguments, this.outcome, this.durationMs, this.requestId,
				this.transport, this.confirmation, replica);
	}

	AuditRecord completed(Instant at, String outcome, long durationMs) {
		return completed(at, outcome, durationMs, this.confirmation);
	}

	AuditRecord completed(Instant at, String outcome, long durationMs, String confirmation) {
		return new AuditRecord(this.id, this.callId, this.startedAt, at, this.tenantId, this.tokenId, this.tokenName,
				this.tool, this.write, this.arguments, outcome, durationMs, this.requestId, this.transport,
				confirmation, this.replica);
	}

}
