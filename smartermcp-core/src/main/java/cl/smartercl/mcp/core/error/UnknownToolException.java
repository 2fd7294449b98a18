package cl.smartercl.mcp.core.error;

/** A tool name that is not in the catalog. HTTP 404. */
public final class UnknownToolException extends ToolException {

	public UnknownToolException(String name) {
		super("unknown_tool", 404, false, "Unknown tool '" + name + "'", null);
	}

}
