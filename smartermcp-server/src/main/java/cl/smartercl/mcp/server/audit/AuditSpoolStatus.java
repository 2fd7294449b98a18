package cl.smartercl.mcp.server.audit;

/**
 * What {@code /health} shows of the local audit spool: while it holds rows the audit
 * store is degraded (it failed, and those rows wait for their replay); whether it takes
 * rows decides whether this replica still answers reads without the database.
 */
@FunctionalInterface
public interface AuditSpoolStatus {

	/** Rows in the local spool waiting for the audit store; 0 when none. */
	long spooledRows();

	/**
	 * Whether the spool is on, owned by this replica (its lock held here) and not full:
	 * then reads are answered while the audit store is down, and {@code /health} says
	 * {@code degraded} (200) rather than {@code unhealthy} (503) without the database.
	 */
	default boolean accepting() {
		return false;
	}

}
