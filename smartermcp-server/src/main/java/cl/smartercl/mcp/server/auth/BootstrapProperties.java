package cl.smartercl.mcp.server.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param adminToken the bootstrap admin token chosen by the operator
 * ({@code SMARTERMCP_ADMIN_TOKEN}, property {@code smartermcp.admin-token}); {@code null}
 * to have one generated on first start
 */
@ConfigurationProperties("smartermcp")
public record BootstrapProperties(String adminToken) {

	public boolean hasAdminToken() {
		return this.adminToken != null && !this.adminToken.isBlank();
	}

	// The record's own toString would print the token.
	@Override
	public String toString() {
		return "BootstrapProperties[adminToken=" + (hasAdminToken() ? "****" : "none") + "]";
	}

}
