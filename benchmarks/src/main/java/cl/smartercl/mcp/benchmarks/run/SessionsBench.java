package cl.smartercl.mcp.benchmarks.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import cl.smartercl.mcp.benchmarks.load.LoadClient;

/**
 * Idle sessions and streams, and what they cost the server: Streamable HTTP sessions
 * (initialize + initialized, then nothing) and legacy SSE streams ({@code GET /sse} held
 * open after its {@code endpoint} event). Memory is read after a full GC (live heap) and
 * as RSS.
 */
final class SessionsBench {

	/** One step: how many are open and what the server holds then. */
	record Step(String what, int open, int failed, double seconds, long liveHeap, long rss) {
	}

	private SessionsBench() {
	}

	/**
	 * Opens MCP sessions until {@code targets} (cumulative) are reached, measuring at
	 * each.
	 */
	static List<Step> mcpSessions(ManagedProcess server, String baseUrl, String token, int[] targets, boolean jvm) {
		List<Step> steps = new ArrayList<>();
		steps.add(measure(server, "baseline", 0, 0, 0, jvm));
		try (LoadClient client = new LoadClient(baseUrl, token, 16)) {
			int open = 0;
			int failed = 0;
			for (int target : targets) {
				long start = System.nanoTime();
				int want = target - open;
				List<String> ids = client.openMcpSessions("/mcp", want);
				failed += want - ids.size();
				open += ids.size();
				steps.add(measure(server, "mcp sessions", open, failed, (System.nanoTime() - start) / 1e9, jvm));
			}
		}
		return steps;
	}

	/**
	 * Opens legacy SSE streams until {@code targets} (cumulative), then closes them all.
	 */
	static List<Step> sseStreams(ManagedProcess server, int port, String token, int[] targets, boolean jvm) {
		List<Step> steps = new ArrayList<>();
		steps.add(measure(server, "baseline", 0, 0, 0, jvm));
		List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());
		AtomicInteger failed = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			for (int target : targets) {
				long start = System.nanoTime();
				List<Future<?>> opening = new ArrayList<>();
				for (int i = sockets.size(); i < target; i++) {
					opening.add(pool.submit(() -> {
						try {
							sockets.add(openSse(port, token));
						}
						catch (IOException | RuntimeException ex) {
							failed.incrementAndGet();
						}
					}));
				}
				for (Future<?> f : opening) {
					f.get(2, TimeUnit.MINUTES);
				}
				steps.add(measure(server, "sse streams", sockets.size(), failed.get(),
						(System.nanoTime() - start) / 1e9, jvm));
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException("opening SSE streams failed", ex);
		}
		finally {
			pool.shutdownNow();
			for (Socket socket : sockets) {
				try {
					socket.close();
				}
				catch (IOException ex) {
					// closing anyway
				}
			}
		}
		return steps;
	}

	private static Socket openSse(int port, String token) throws IOException {
		Socket socket = new Socket();
		try {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET /sse HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + token
					+ "\r\nAccept: text/event-stream\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			StringBuilder seen = new StringBuilder();
			byte[] buffer = new byte[2048];
			while (!seen.toString().contains("event:endpoint")) {
				int n = in.read(buffer);
				if (n < 0 || seen.length() > 16_384) {
					throw new IOException("no endpoint event: " + seen);
				}
				seen.append(new String(buffer, 0, n, StandardCharsets.US_ASCII));
			}
			if (!seen.toString().startsWith("HTTP/1.1 200")) {
				throw new IOException("refused: " + seen.substring(0, Math.min(60, seen.length())));
			}
			return socket;
		}
		catch (IOException ex) {
			socket.close();
			throw ex;
		}
	}

	private static Step measure(ManagedProcess server, String what, int open, int failed, double seconds, boolean jvm) {
		long heap = jvm ? server.liveHeapBytes() : -1;
		ManagedProcess.sleep(500);
		return new Step(what, open, failed, seconds, heap, server.rssBytes());
	}

}
