package cl.smartercl.mcp.core.admin;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The answer of {@code POST /auth/token}. The REST endpoints of administration are not
 * tools, but their answers are records too, so the OpenAPI document derives their schemas
 * from the very types the server writes.
 *
 * @param apiToken the bearer token, shown only in this answer
 * @param tenantId the tenant it acts for
 * @param scopes what it may do
 * @param expiresAt when it stops working; absent when it never does
 */
public record IssuedToken(@JsonProperty(
		required = true) @JsonPropertyDescription("The bearer token (smcp_...); shown only here.") String apiToken,
		@JsonProperty(required = true) String tenantId, @JsonProperty(required = true) List<String> scopes,
		@JsonPropertyDescription("When the token stops working; absent when it does not expire.") Instant expiresAt) {

	public IssuedToken {
		scopes = List.copyOf(scopes);
	}

}
