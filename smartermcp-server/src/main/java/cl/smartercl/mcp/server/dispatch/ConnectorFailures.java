package cl.smartercl.mcp.server.dispatch;

import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Exceptions;

import org.springframework.core.io.buffer.DataBufferLimitException;

import cl.smartercl.mcp.core.error.BackendException;
import cl.smartercl.mcp.core.error.ServiceUnavailableException;
import cl.smartercl.mcp.core.error.ToolException;
import cl.smartercl.mcp.core.tool.ToolDefinition;

/**
 * Whatever a tool's handler (a connector) lets escape that is not in the error family
 * becomes one of it, naming the tool's backend — 503 when the backend could not be
 * reached or did not answer in time, 502 for anything else — never an
 * {@code internal_error} 500 (issue 15 #9: a Docker 404 on {@code /system/df} answered
 * 500). The detail stays in the server log; the client reads the wording below and the
 * request id to quote.
 * <p>
 * A connector that makes calls side by side ({@code flatMap} with concurrency,
 * {@code zip}) can fail with several errors at once when they arrive together: Reactor
 * then hands on one composite of them. The first failure of the error family in it speaks
 * for the call, so a backend that refused two queries at the same moment is still "cannot
 * connect", not "failed unexpectedly".
 */
final class ConnectorFailures {

	private static final Logger log = LoggerFactory.getLogger(ConnectorFailures.class);

	private ConnectorFailures() {
	}

	static ToolException map(ToolDefinition<?, ?> tool, String requestId, Throwable ex) {
		if (ex instanceof ToolException toolException) {
			return toolException;
		}
		if (Exceptions.isMultiple(ex)) {
			List<Throwable> failures = Exceptions.unwrapMultiple(ex);
			if (!failures.isEmpty()) {
				Throwable first = failures.stream()
					.filter(ToolException.class::isInstance)
					.findFirst()
					.orElse(failures.get(0));
				return map(tool, requestId, first);
			}
		}
		log.warn("tool {} (backend {}) failed with an unmapped {} (request {})", tool.name(), tool.backend(),
				ex.getClass().getName(), requestId, ex);
		String backend = tool.backend();
		if (causedBy(ex, TimeoutException.class) || causedBy(ex, io.netty.handler.timeout.ReadTimeoutException.class)) {
			return new ServiceUnavailableException(backend, "no answer in time");
		}
		if (causedBy(ex, ConnectException.class)) {
			return new ServiceUnavailableException(backend, "cannot reach it");
		}
		if (causedBy(ex, reactor.netty.http.client.PrematureCloseException.class)) {
			return new BackendException(backend, "incomplete answer (the connection closed mid-answer)");
		}
		if (causedBy(ex, DataBufferLimitException.class)) {
			return new BackendException(backend, "the answer is larger than this server accepts");
		}
		return new BackendException(backend, "the call failed unexpectedly (reference " + requestId + ")");
	}

	private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable t = ex; t != null; t = (t.getCause() == t) ? null : t.getCause()) {
			if (type.isInstance(t)) {
				return true;
			}
		}
		return false;
	}

}
