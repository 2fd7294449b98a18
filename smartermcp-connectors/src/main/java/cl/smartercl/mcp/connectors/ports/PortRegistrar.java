package cl.smartercl.mcp.connectors.ports;

import java.util.function.Supplier;

import cl.smartercl.mcp.core.health.BackendProbe;
import cl.smartercl.mcp.core.tool.Backend;

/** Where a connector provider puts the ports it builds for one tenant. */
public interface PortRegistrar {

	/**
	 * Registers the implementation of a category port; one implementation per port type.
	 */
	<P> void port(Class<P> portType, P implementation);

	/**
	 * Says that the tenant's configuration of {@code backend} is served by the ports
	 * registered here, so the tools that need it are listed and callable for this tenant.
	 * A provider calls it once it has registered the backend's ports; a backend
	 * configured but never served stays unavailable (and the server warns at start).
	 */
	void serves(Backend backend);

	/** Registers the live health probe of a backend. */
	void probe(BackendProbe probe);

	/**
	 * Registers a resource to close when the tenant's ports are discarded (clients,
	 * pools, samplers).
	 */
	void closeable(AutoCloseable resource);

	/**
	 * The lock for check-then-act sequences a backend cannot do atomically (an upsert),
	 * shared by every replica when the server has a shared store. A registrar that was
	 * given none offers one that holds in this process.
	 */
	default KeyedLock locks() {
		return InProcessLocks.SHARED;
	}

	/**
	 * The tenant's ports and probes once every provider has contributed, for a port that
	 * consults other backends when a tool is called (documentation reads every backend's
	 * probe). Calling {@code get()} during {@code contribute} throws
	 * {@link IllegalStateException}. A registrar that builds no {@link TenantPorts} (a
	 * test double) need not offer it.
	 */
	default Supplier<TenantPorts> finished() {
		throw new UnsupportedOperationException("this registrar does not build TenantPorts");
	}

	/** The in-process lock of registrars that were given none. */
	final class InProcessLocks {

		static final KeyedLock SHARED = new InProcessKeyedLock();

		private InProcessLocks() {
		}

	}

}
