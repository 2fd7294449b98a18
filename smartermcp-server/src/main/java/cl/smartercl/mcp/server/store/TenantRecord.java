package cl.smartercl.mcp.server.store;

import java.time.Instant;

/**
 * A tenant as stored.
 *
 * @param id the tenant id ({@link TenantIds#PATTERN})
 * @param name a display name
 * @param createdAt when it was created
 */
public record TenantRecord(String id, String name, Instant createdAt) {
}
