package cl.smartercl.mcp.core.tool;

import java.util.Optional;
import java.util.Set;

/**
 * The ports available to one tenant. A port absent here means its backend is not
 * configured for that tenant.
 */
public interface PortDirectory {

	<P> Optional<P> find(Class<P> portType);

	/** The tenant's backends that are configured and served by a connector. */
	Set<Backend> liveBackends();

	PortDirectory EMPTY = new PortDirectory() {
		@Override
		public <P> Optional<P> find(Class<P> portType) {
			return Optional.empty();
		}

		@Override
		public Set<Backend> liveBackends() {
			return Set.of();
		}
	};

}
