package cl.smartercl.mcp.server.audit;

import java.time.Instant;

/**
 * A page of one tenant's trail, newest first.
 *
 * @param tenantId whose records
 * @param tool only this tool, or {@code null}
 * @param outcome only this outcome, or {@code null}
 * @param tokenId only this token's calls, or {@code null}
 * @param since only calls started at or after this, or {@code null}
 * @param until only calls started before this, or {@code null}
 * @param beforeId only records older than this id (the cursor), or {@code null}
 * @param limit the most records
 */
public record AuditQuery(String tenantId, String tool, String outcome, String tokenId, Instant since, Instant until,
		Long beforeId, int limit) {
}
