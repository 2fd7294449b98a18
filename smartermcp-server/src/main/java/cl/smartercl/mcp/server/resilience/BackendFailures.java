package cl.smartercl.mcp.server.resilience;

import java.util.concurrent.TimeoutException;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;

import cl.smartercl.mcp.core.error.BackendException;
import cl.smartercl.mcp.core.error.ServiceUnavailableException;
import cl.smartercl.mcp.core.error.ToolException;

/**
 * Which failures say something about a backend's health, and which are worth another
 * attempt.
 */
final class BackendFailures {

	private BackendFailures() {
	}

	/**
	 * A failure that counts against the backend's circuit: no answer in time,
	 * unavailable, a server error, or anything a connector did not map (a refused
	 * connection). What the caller got wrong (arguments, not found, conflict) says
	 * nothing about the backend and counts as a success.
	 */
	static boolean countsAgainstBackend(Throwable ex) {
		if (ex instanceof BulkheadFullException || ex instanceof CallNotPermittedException) {
			return false;
		}
		// a backend the tenant has not configured (BackendNotConfiguredException) is a
		// ToolException:
		// an answer about the tenant's configuration, not about the backend's health
		if (ex instanceof ServiceUnavailableException || ex instanceof BackendException) {
			return true;
		}
		return !(ex instanceof ToolException);
	}

	/**
	 * Worth another attempt of a read tool: a time-out or an unavailability that may
	 * pass.
	 */
	static boolean worthRetrying(Throwable ex) {
		return ex instanceof TimeoutException || ex instanceof ServiceUnavailableException;
	}

}
