package cl.smartercl.mcp.server.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A backend that fails the way networks and servers do, at the TCP level so every
 * connector's real client meets it: it refuses connections, accepts and never answers,
 * answers garbage, answers HTTP 500 echoing the request (credentials included), answers
 * truncated JSON, or answers at 2 s per byte; or it answers the canned JSON of
 * {@link #ok} (so recovery can be observed). One per connector under test.
 */
final class FaultyBackend implements AutoCloseable {

	enum Fault {

		NONE, REFUSED, HANG, GARBAGE, ECHO_500, TRUNCATED, SLOW

	}

	private final int port;

	private final Map<String, String> ok;

	private final List<Socket> open = new CopyOnWriteArrayList<>();

	private final AtomicInteger requests = new AtomicInteger();

	private volatile Fault fault = Fault.NONE;

	private volatile ServerSocket server;

	private volatile boolean closed;

	/**
	 * @param ok path prefix → JSON answered while no fault is set (first match wins; else
	 * {@code {}})
	 */
	FaultyBackend(Map<String, String> ok) {
		this.ok = ok;
		try {
			this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.port = this.server.getLocalPort();
		startAccepting();
	}

	int port() {
		return this.port;
	}

	int requests() {
		return this.requests.get();
	}

	synchronized void fault(Fault fault) {
		Fault before = this.fault;
		this.fault = fault;
		if (fault == Fault.REFUSED && before != Fault.REFUSED) {
			closeQuietly(this.server);
		}
		else if (before == Fault.REFUSED && fault != Fault.REFUSED) {
			try {
				this.server = new ServerSocket(this.port, 50, InetAddress.getLoopbackAddress());
			}
			catch (IOException ex) {
				throw new IllegalStateException("cannot listen again on " + this.port, ex);
			}
			startAccepting();
		}
		if (fault == Fault.NONE) {
			// release the connections a hanging or slow answer held
			this.open.forEach(FaultyBackend::closeQuietly);
			this.open.clear();
		}
	}

	private void startAccepting() {
		ServerSocket listening = this.server;
		Thread acceptor = new Thread(() -> {
			while (!this.closed && !listening.isClosed()) {
				try {
					Socket socket = listening.accept();
					Thread handler = new Thread(() -> handle(socket), "faulty-backend-" + this.port);
					handler.setDaemon(true);
					handler.start();
				}
				catch (IOException ex) {
					return;
				}
			}
		}, "faulty-backend-accept-" + this.port);
		acceptor.setDaemon(true);
		acceptor.start();
	}

	private void handle(Socket socket) {
		this.open.add(socket);
		try (socket) {
			InputStream in = socket.getInputStream();
			String head = readHead(in);
			this.requests.incrementAndGet();
			OutputStream out = socket.getOutputStream();
			switch (this.fault) {
				case HANG -> {
					while (this.fault == Fault.HANG && !this.closed) {
						Thread.sleep(50);
					}
				}
				case GARBAGE -> out.write("\u0000\u00ff garbage \r\n\r\n\u0001\u0002 not a protocol at all\n"
					.getBytes(StandardCharsets.ISO_8859_1));
				case ECHO_500 -> {
					String echo = "{\"message\":\"internal error while serving " + escape(head) + "\"}";
					out.write(http(500, echo));
				}
				case TRUNCATED -> {
					String body = "{\"data\":[{\"id\":\"1\",\"name\":\"cut her";
					out.write(
							("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n" + body)
								.getBytes(StandardCharsets.UTF_8));
				}
				case SLOW -> {
					for (byte b : http(200, answer(head))) {
						if (this.fault != Fault.SLOW || this.closed) {
							break;
						}
						out.write(b);
						out.flush();
						Thread.sleep(2000);
					}
				}
				default -> out.write(http(200, answer(head)));
			}
			out.flush();
		}
		catch (IOException ex) {
			// the client went away
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.open.remove(socket);
		}
	}

	private String answer(String head) {
		String path = head.isEmpty() ? "" : head.split(" ", 3).length > 1 ? head.split(" ", 3)[1] : "";
		for (Map.Entry<String, String> entry : this.ok.entrySet()) {
			if (path.contains(entry.getKey())) {
				return entry.getValue();
			}
		}
		return "{}";
	}

	private static byte[] http(int status, String body) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		String head = "HTTP/1.1 " + status + " " + ((status == 200) ? "OK" : "Internal Server Error")
				+ "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
				+ "\r\nConnection: close\r\n\r\n";
		byte[] all = new byte[head.length() + bytes.length];
		System.arraycopy(head.getBytes(StandardCharsets.ISO_8859_1), 0, all, 0, head.length());
		System.arraycopy(bytes, 0, all, head.length(), bytes.length);
		return all;
	}

	/** The request line and headers (HTTP), or what arrived first (another protocol). */
	private static String readHead(InputStream in) throws IOException {
		StringBuilder head = new StringBuilder();
		int last4 = 0;
		for (int i = 0; i < 16_384; i++) {
			if (i > 0 && in.available() == 0 && head.length() > 0 && head.charAt(0) < 'A') {
				break; // a binary protocol (PostgreSQL's startup message): what came is
						// enough
			}
			int c = in.read();
			if (c < 0) {
				break;
			}
			head.append((char) c);
			last4 = (last4 << 8) | c;
			if (last4 == 0x0d0a0d0a) {
				break;
			}
		}
		return head.toString();
	}

	private static String escape(String text) {
		return text.replace("\\", "\\\\")
			.replace("\"", "\\\"")
			.replace("\r", "\\r")
			.replace("\n", "\\n")
			.replaceAll("[\\x00-\\x1f]", " ");
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// closing
		}
	}

	@Override
	public void close() {
		this.closed = true;
		closeQuietly(this.server);
		this.open.forEach(FaultyBackend::closeQuietly);
	}

}
