package cl.smartercl.mcp.core.error;

/**
 * A tenant that does not exist or is not the caller's. Both read the same, so that a
 * caller cannot learn which tenants exist. HTTP 403.
 */
public final class TenantAccessException extends ToolException {

	public TenantAccessException(String tenantId) {
		super("tenant_access_denied", 403, false, "Tenant '" + tenantId + "' not found or access denied", null);
	}

}
