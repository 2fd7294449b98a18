package cl.smartercl.mcp.core.tool;

import java.util.Optional;

/**
 * The ports available to one tenant. A port absent here means its backend is not configured for
 * that tenant.
 */
@FunctionalInterface
public interface PortDirectory {

	<P> Optional<P> find(Class<P> portType);

	PortDirectory EMPTY = new PortDirectory() {
		@Override
		public <P> Optional<P> find(Class<P> portType) {
			return Optional.empty();
		}
	};

}
