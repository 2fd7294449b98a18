package cl.smartercl.mcp.core.tool;

/**
 * The four MCP tool annotations, always all set: there are no defaults, so each tool's
 * author decides each one.
 *
 * @param readOnly the tool changes nothing
 * @param destructive the tool may destroy or replace state (meaningful only when not
 * read-only)
 * @param idempotent calling it twice with the same arguments has the effect of calling it
 * once
 * @param openWorld the tool reaches systems outside SmarterMCP
 */
public record ToolHints(boolean readOnly, boolean destructive, boolean idempotent, boolean openWorld) {

	/**
	 * A read of an outside system: read-only, not destructive, idempotent, open world.
	 */
	public static ToolHints readsBackend() {
		return new ToolHints(true, false, true, true);
	}

	/**
	 * A computation inside SmarterMCP that reads nothing outside: read-only, idempotent,
	 * closed world.
	 */
	public static ToolHints computesLocally() {
		return new ToolHints(true, false, true, false);
	}

}
