package cl.smartercl.mcp.server.auth;

import java.time.Instant;
import java.util.List;

/**
 * A freshly issued token: the only moment its secret exists outside the caller. The web
 * layer answers {@code {api_token, tenant_id, scopes, expires_at}} from it.
 *
 * @param apiToken the whole token, {@code smcp_...}; shown once, never stored
 * @param tenantId the tenant it acts for
 * @param scopes the granted scope names
 * @param expiresAt when it stops working; {@code null} for never
 * @param tokenId its store id, for listing and revoking
 */
public record IssuedToken(String apiToken, String tenantId, List<String> scopes, Instant expiresAt, String tokenId) {

	public IssuedToken {
		scopes = List.copyOf(scopes);
	}

	// The record's own toString would print the secret into any log line that mentions
	// it.
	@Override
	public String toString() {
		return "IssuedToken[apiToken=****, tenantId=" + this.tenantId + ", scopes=" + this.scopes + ", expiresAt="
				+ this.expiresAt + ", tokenId=" + this.tokenId + "]";
	}

}
