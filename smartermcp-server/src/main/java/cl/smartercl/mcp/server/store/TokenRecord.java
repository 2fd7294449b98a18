package cl.smartercl.mcp.server.store;

import java.time.Instant;
import java.util.List;

/**
 * A token as stored, without its secret (the store keeps only the secret's hash, which
 * this record does not carry either).
 *
 * @param id the token's id, safe to show, log and audit
 * @param tenantId the tenant it acts for
 * @param name its label, the {@code agent} of the metrics
 * @param scopes the granted scope names, e.g. {@code read:crm}
 * @param createdAt when it was issued
 * @param expiresAt when it stops working; {@code null} for never
 * @param revoked whether it was revoked
 */
public record TokenRecord(String id, String tenantId, String name, List<String> scopes, Instant createdAt,
		Instant expiresAt, boolean revoked) {

	public TokenRecord {
		scopes = List.copyOf(scopes);
	}

}
