package cl.smartercl.mcp.client.error;

/**
 * HTTP 403 or 404 {@code tenant_access_denied}: the tenant is unknown or not the token's.
 */
public class TenantAccessDeniedException extends SmarterMcpException {

	public TenantAccessDeniedException(String message, ProblemDetails problem) {
		super(message, problem, null);
	}

}
