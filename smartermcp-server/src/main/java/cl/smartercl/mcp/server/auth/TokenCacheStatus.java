package cl.smartercl.mcp.server.auth;

/**
 * What {@code /health} asks of authentication while the token store cannot be reached: a
 * replica that can check no caller's token answers nothing, so the load balancer must
 * take it out.
 */
@FunctionalInterface
public interface TokenCacheStatus {

	/**
	 * {@code null} when some caller could still authenticate from this replica's token
	 * cache with the store unreachable; else why none can, naming the setting.
	 */
	String noCallerWithoutStore();

}
