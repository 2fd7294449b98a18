package cl.smartercl.mcp.core.admin;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One tenant as {@code POST /tenants} and {@code GET /tenants} answer it.
 *
 * @param id the tenant id, as in the tenants file and the {@code X-Tenant-ID} header
 * @param name its display name
 * @param createdAt when it was created
 */
public record Tenant(@JsonProperty(required = true) String id, @JsonProperty(required = true) String name,
		@JsonProperty(required = true) Instant createdAt) {
}
