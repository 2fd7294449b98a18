package cl.smartercl.mcp.core.admin;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * One token as {@code GET /auth/tokens} lists it: never the token itself.
 *
 * @param id the token's id, for {@code DELETE /auth/tokens/{id}}
 * @param tenantId its tenant
 * @param name who or what uses it
 * @param scopes what it may do
 * @param createdAt when it was issued
 * @param expiresAt when it stops working; absent when it never does
 * @param revoked whether it was revoked
 */
public record TokenInfo(
		@JsonProperty(required = true) @JsonPropertyDescription("Use with DELETE /auth/tokens/{id}.") String id,
		@JsonProperty(required = true) String tenantId, @JsonProperty(required = true) String name,
		@JsonProperty(required = true) List<String> scopes, @JsonProperty(required = true) Instant createdAt,
		@JsonPropertyDescription("When the token stops working; absent when it does not expire.") Instant expiresAt,
		@JsonProperty(required = true) boolean revoked) {

	public TokenInfo {
		scopes = List.copyOf(scopes);
	}

}
