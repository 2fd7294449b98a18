package cl.smartercl.mcp.core.tool;

/** How a call reached the server: MCP (either MCP transport) or the REST API. */
public enum Transport {

	MCP("mcp"), REST("rest");

	private final String value;

	Transport(String value) {
		this.value = value;
	}

	/** The name in metrics, the audit trail and logs. */
	public String value() {
		return this.value;
	}

	@Override
	public String toString() {
		return this.value;
	}

}
