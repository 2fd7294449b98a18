package cl.smartercl.mcp.client.error;

/** The server could not be reached, or its answer could not be read. */
public class TransportException extends SmarterMcpException {

	public TransportException(String message, Throwable cause) {
		super(message, null, cause);
	}

}
