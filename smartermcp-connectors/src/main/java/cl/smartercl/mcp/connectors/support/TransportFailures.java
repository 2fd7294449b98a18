package cl.smartercl.mcp.connectors.support;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.timeout.ReadTimeoutException;
import reactor.netty.http.client.PrematureCloseException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;

import org.springframework.core.io.buffer.DataBufferLimitException;

import cl.smartercl.mcp.core.error.BackendException;
import cl.smartercl.mcp.core.error.ServiceUnavailableException;
import cl.smartercl.mcp.core.error.ToolException;

/**
 * The one classifier of transport failures of every HTTP connector. What the caller reads
 * (after {@code Service '<service>' is currently unavailable: } or
 * {@code … reported an error: }):
 * <table>
 * <tr>
 * <th>what happened</th>
 * <th>status</th>
 * <th>wording</th>
 * </tr>
 * <tr>
 * <td>connection refused, host unknown, no route, connect time-out</td>
 * <td>503</td>
 * <td>cannot connect to X at host:port (…)</td>
 * </tr>
 * <tr>
 * <td>no answer in time</td>
 * <td>503</td>
 * <td>no answer within N s from X at host:port</td>
 * </tr>
 * <tr>
 * <td>the connection closed before or during the answer</td>
 * <td>503</td>
 * <td>incomplete answer: X at host:port closed the connection …</td>
 * </tr>
 * <tr>
 * <td>TLS handshake failed</td>
 * <td>503</td>
 * <td>cannot connect securely to X at host:port: …</td>
 * </tr>
 * <tr>
 * <td>bytes that are not HTTP</td>
 * <td>502</td>
 * <td>X at host:port answered something that is not HTTP</td>
 * </tr>
 * <tr>
 * <td>JSON cut short</td>
 * <td>502</td>
 * <td>incomplete answer: the JSON of X at host:port ends early</td>
 * </tr>
 * <tr>
 * <td>not JSON</td>
 * <td>502</td>
 * <td>X at host:port answered something that is not valid JSON</td>
 * </tr>
 * <tr>
 * <td>an answer over the size limit</td>
 * <td>502</td>
 * <td>the answer of X at host:port is larger than N MB</td>
 * </tr>
 * </table>
 * 503s are worth another attempt of a read (the server's resilience layer retries them);
 * 502s are not. The exception's own text never reaches the caller: it may hold driver or
 * library internals.
 */
public final class TransportFailures {

	private TransportFailures() {
	}

	/**
	 * @param ex what the client raised; a {@link ToolException} is returned as it is
	 * @param at the backend
	 * @param timeout the time the call was given
	 * @param maxBodyBytes the client's answer size limit
	 */
	public static ToolException classify(Throwable ex, BackendAddress at, Duration timeout, int maxBodyBytes) {
		if (ex instanceof ToolException tool) {
			return tool;
		}
		String service = at.service();
		String where = at.where();
		if (find(ex, TimeoutException.class) != null || find(ex, ReadTimeoutException.class) != null) {
			return new ServiceUnavailableException(service, noAnswer(timeout) + " from " + where, ex);
		}
		if (find(ex, DataBufferLimitException.class) != null) {
			return new BackendException(service,
					"the answer of " + where + " is larger than " + Math.max(1, maxBodyBytes >> 20) + " MB", ex);
		}
		if (find(ex, NotSslRecordException.class) != null) {
			return new ServiceUnavailableException(service,
					"cannot connect securely to " + where + ": it does not answer in TLS (check http/https)", ex);
		}
		if (find(ex, SSLException.class) != null) {
			return new ServiceUnavailableException(service,
					"cannot connect securely to " + where + ": " + tlsReason(ex), ex);
		}
		if (find(ex, UnknownHostException.class) != null) {
			return new ServiceUnavailableException(service,
					"cannot connect to " + where + " (the host name does not resolve)", ex);
		}
		ConnectException connect = find(ex, ConnectException.class);
		if (connect != null || find(ex, NoRouteToHostException.class) != null) {
			return new ServiceUnavailableException(service, "cannot connect to " + where + connectReason(connect), ex);
		}
		if (find(ex, java.io.FileNotFoundException.class) != null) {
			// Netty's native transport raises it for a unix socket path that does not
			// exist (ENOENT)
			return new ServiceUnavailableException(service, "cannot connect to " + where + " (no such socket)", ex);
		}
		IOException io = find(ex, IOException.class);
		if (io != null && io.getMessage() != null && io.getMessage().startsWith("connect(")) {
			// Netty's native transport (a unix socket): "connect(..) failed: No such file
			// or directory"
			return new ServiceUnavailableException(service, "cannot connect to " + where + reason(io.getMessage()), ex);
		}
		if (find(ex, TooLongFrameException.class) != null || isHttpDecoderFailure(ex)) {
			return new BackendException(service, where + " answered something that is not HTTP", ex);
		}
		PrematureCloseException closed = find(ex, PrematureCloseException.class);
		if (closed != null) {
			boolean before = String.valueOf(closed.getMessage()).contains("BEFORE");
			return new ServiceUnavailableException(service, "incomplete answer: " + where + " closed the connection "
					+ (before ? "before answering" : "mid-answer"), ex);
		}
		if (find(ex, PrematureChannelClosureException.class) != null
				|| find(ex, ClosedChannelException.class) != null) {
			return new ServiceUnavailableException(service,
					"incomplete answer: " + where + " closed the connection mid-answer", ex);
		}
		if (find(ex, UnexpectedEndOfInputException.class) != null) {
			return new BackendException(service, "incomplete answer: the JSON of " + where + " ends early", ex);
		}
		if (find(ex, JacksonException.class) != null) {
			return new BackendException(service, where + " answered something that is not valid JSON", ex);
		}
		if (find(ex, IOException.class) != null) {
			// e.g. "Connection reset by peer" while the answer was on its way
			return new ServiceUnavailableException(service, "incomplete answer: the connection to " + where + " broke",
					ex);
		}
		return new ServiceUnavailableException(service, "the call to " + where + " failed before a complete answer",
				ex);
	}

	/** A 2xx answer whose body should be JSON and is not (or is cut short). */
	public static BackendException notJson(BackendAddress at, String action, int status, Throwable parseFailure) {
		boolean cut = find(parseFailure, UnexpectedEndOfInputException.class) != null;
		return new BackendException(at.service(),
				"could not " + action + ": "
						+ (cut ? "incomplete answer: the JSON of " + at.where() + " ends early"
								: at.where() + " answered something that is not valid JSON")
						+ " (HTTP " + status + ")",
				parseFailure);
	}

	/** "no answer within 2 s" (or "within 500 ms" below a second). */
	public static String noAnswer(Duration timeout) {
		if (timeout == null) {
			return "no answer in time";
		}
		return "no answer within "
				+ ((timeout.toMillis() < 1000) ? timeout.toMillis() + " ms" : timeout.toSeconds() + " s");
	}

	private static String connectReason(ConnectException connect) {
		if (connect instanceof io.netty.channel.ConnectTimeoutException) {
			return " (the connection timed out)";
		}
		return reason((connect == null) ? null : connect.getMessage());
	}

	private static String reason(String text) {
		String message = (text == null) ? "" : text.toLowerCase(Locale.ROOT);
		if (message.contains("refused")) {
			return " (connection refused)";
		}
		if (message.contains("permission denied")) {
			return " (permission denied)";
		}
		if (message.contains("no such file")) {
			return " (no such socket)";
		}
		return "";
	}

	private static String tlsReason(Throwable ex) {
		if (find(ex, CertificateException.class) != null
				|| find(ex, java.security.cert.CertPathValidatorException.class) != null) {
			return "its certificate is not trusted or does not name this host (check the configured CA)";
		}
		if (find(ex, io.netty.handler.ssl.SslHandshakeTimeoutException.class) != null) {
			return "the TLS handshake timed out";
		}
		return "the TLS handshake failed";
	}

	/**
	 * Netty's HTTP decoder marks a response it cannot read as failed with the cause it
	 * met: an {@link IllegalArgumentException} for a status line that is no HTTP version
	 * or status, a {@link DecoderException} around others.
	 */
	private static boolean isHttpDecoderFailure(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof DecoderException) {
				return true;
			}
			if (t instanceof IllegalArgumentException && t.getStackTrace().length > 0
					&& t.getStackTrace()[0].getClassName().startsWith("io.netty.handler.codec.http")) {
				return true;
			}
			if (t.getCause() == t) {
				break;
			}
		}
		return false;
	}

	/** Whether {@code ex} or one of its causes is a {@code type}. */
	public static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
		return find(ex, type) != null;
	}

	private static <T extends Throwable> T find(Throwable ex, Class<T> type) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (type.isInstance(t)) {
				return type.cast(t);
			}
			if (t.getCause() == t) {
				break;
			}
		}
		return null;
	}

}
