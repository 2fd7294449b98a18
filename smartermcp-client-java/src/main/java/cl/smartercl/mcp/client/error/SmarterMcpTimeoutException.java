package cl.smartercl.mcp.client.error;

import java.time.Duration;

/**
 * No answer within the client's timeout. The call may still have happened on the server.
 */
public class SmarterMcpTimeoutException extends SmarterMcpException {

	private final Duration timeout;

	public SmarterMcpTimeoutException(String operation, Duration timeout, Throwable cause) {
		super(operation + " got no answer within " + timeout, null, cause);
		this.timeout = timeout;
	}

	public Duration timeout() {
		return this.timeout;
	}

	@Override
	public boolean retryable() {
		return true;
	}

}
