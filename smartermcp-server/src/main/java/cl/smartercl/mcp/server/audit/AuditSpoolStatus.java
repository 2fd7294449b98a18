package cl.smartercl.mcp.server.audit;

/**
 * What {@code /health} shows of the local audit spool: while it holds rows the audit
 * store is degraded (it failed, and those rows wait for their replay).
 */
@FunctionalInterface
public interface AuditSpoolStatus {

	/** Rows in the local spool waiting for the audit store; 0 when none. */
	long spooledRows();

}
