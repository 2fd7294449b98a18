package cl.smartercl.mcp.core.tool;

import java.util.Objects;

import cl.smartercl.mcp.core.auth.Principal;
import cl.smartercl.mcp.core.error.BackendNotConfiguredException;
import cl.smartercl.mcp.core.error.ServiceUnavailableException;
import cl.smartercl.mcp.core.error.ToolException;

/**
 * Everything a tool handler may use besides its arguments: who calls (from the transport,
 * never from arguments), the tenant's ports, and the channel back to the caller.
 *
 * @param tool the tool being called
 * @param principal the authenticated caller
 * @param requestId the id of this call, as in logs and the audit trail
 * @param ports the caller's tenant's ports
 * @param channel the channel back to the caller
 */
public record ToolContext(ToolDefinition<?, ?> tool, Principal principal, String requestId, PortDirectory ports,
		ClientChannel channel) {

	public ToolContext {
		Objects.requireNonNull(tool, "tool");
		Objects.requireNonNull(principal, "principal");
		Objects.requireNonNull(requestId, "requestId");
		Objects.requireNonNull(ports, "ports");
		Objects.requireNonNull(channel, "channel");
	}

	/**
	 * The tenant's port of the given type.
	 * @throws BackendNotConfiguredException naming the tool's backend when the tenant has
	 * not configured it
	 * @throws ServiceUnavailableException when no connector offers the port of a tool
	 * that needs no backend
	 */
	public <P> P port(Class<P> portType) {
		return this.ports.find(portType)
			.orElseThrow(() -> this.tool.requiredBackend()
				.<ToolException>map(BackendNotConfiguredException::new)
				.orElseGet(() -> new ServiceUnavailableException(this.tool.backend(),
						"no connector offers " + portType.getSimpleName())));
	}

	public String tenantId() {
		return this.principal.tenantId();
	}

}
