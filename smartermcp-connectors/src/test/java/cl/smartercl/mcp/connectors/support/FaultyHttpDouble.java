package cl.smartercl.mcp.connectors.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test double of a failing backend at the TCP level, so the real Reactor Netty client
 * meets it: it answers garbage, closes before or during an answer, never answers, or
 * answers JSON cut short or no JSON at all, with a complete HTTP frame. A client of
 * another protocol (TLS, PostgreSQL) gets the same bytes once its first message has
 * arrived.
 */
public final class FaultyHttpDouble implements AutoCloseable {

	public enum Fault {

		GARBAGE, CLOSE_BEFORE_ANSWER, CLOSE_MID_ANSWER, HANG, JSON_CUT_SHORT, NOT_JSON, OK

	}

	private final ServerSocket server;

	private final List<Socket> open = new CopyOnWriteArrayList<>();

	private volatile Fault fault = Fault.OK;

	public FaultyHttpDouble() throws IOException {
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "faulty-http-double");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/** A port on which nothing listens (bound, then released). */
	public static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	public int port() {
		return this.server.getLocalPort();
	}

	public void fault(Fault fault) {
		this.fault = fault;
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket socket = this.server.accept();
				Thread handler = new Thread(() -> handle(socket));
				handler.setDaemon(true);
				handler.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void handle(Socket socket) {
		this.open.add(socket);
		try (socket) {
			readHead(socket.getInputStream());
			OutputStream out = socket.getOutputStream();
			switch (this.fault) {
				case GARBAGE -> out.write("\u0000\u00ff garbage \r\n\r\n\u0001\u0002 not a protocol at all\n"
					.getBytes(StandardCharsets.ISO_8859_1));
				case CLOSE_BEFORE_ANSWER -> {
					// nothing: the socket closes
				}
				case CLOSE_MID_ANSWER ->
					out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n"
							+ "{\"data\":[{\"id\":\"1\",\"name\":\"cut her")
						.getBytes(StandardCharsets.UTF_8));
				case HANG -> {
					while (this.fault == Fault.HANG && !socket.isClosed() && !this.server.isClosed()) {
						Thread.sleep(50);
					}
				}
				case JSON_CUT_SHORT -> out.write(http("{\"data\":[{\"id\":\"1\""));
				case NOT_JSON -> out.write(http("<html>proxy error</html>"));
				case OK -> out.write(http("{\"ok\":true}"));
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

	private static byte[] http(String body) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		return ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
				+ "\r\nConnection: close\r\n\r\n" + body)
			.getBytes(StandardCharsets.UTF_8);
	}

	private static void readHead(InputStream in) throws IOException {
		int last4 = 0;
		int first = -1;
		for (int i = 0; i < 16_384; i++) {
			if (first >= 0 && !Character.isLetter(first) && in.available() == 0) {
				return; // a TLS ClientHello or PostgreSQL's startup message: what came is
						// enough
			}
			int c = in.read();
			first = (i == 0) ? c : first;
			if (c < 0) {
				return;
			}
			last4 = (last4 << 8) | c;
			if (last4 == 0x0d0a0d0a) {
				return;
			}
		}
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		for (Socket socket : this.open) {
			socket.close();
		}
	}

}
