package cl.smartercl.mcp.core.auth;

import java.util.Objects;

/**
 * Who is calling, as established from the bearer token by the transport. Tool arguments
 * never contribute to it.
 *
 * @param tenantId the tenant the token belongs to
 * @param tokenId the store id of the token (safe to log and audit)
 * @param tokenName the token's label, used as the {@code agent} of metrics
 * @param scopes what the token may do
 */
public record Principal(String tenantId, String tokenId, String tokenName, ScopeSet scopes) {

	public Principal {
		Objects.requireNonNull(tenantId, "tenantId");
		Objects.requireNonNull(tokenId, "tokenId");
		Objects.requireNonNull(tokenName, "tokenName");
		Objects.requireNonNull(scopes, "scopes");
	}

}
