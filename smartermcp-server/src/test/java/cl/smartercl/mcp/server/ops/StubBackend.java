package cl.smartercl.mcp.server.ops;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A backend stand-in over mockwebserver3 that can be healthy, failing (HTTP 500) or
 * hanging (never answers until closed). It counts tool requests apart from health probes
 * ({@code GET /healthz}), so a test can prove that an open circuit sent nothing more.
 */
final class StubBackend implements AutoCloseable {

	enum Mode {

		OK, FAIL, HANG

	}

	static final String PROBE_PATH = "/healthz";

	private final MockWebServer server = new MockWebServer();

	private final CountDownLatch release = new CountDownLatch(1);

	private final AtomicInteger toolRequests = new AtomicInteger();

	private final AtomicInteger probeRequests = new AtomicInteger();

	private final String version;

	private volatile Mode mode = Mode.OK;

	private volatile RecordedRequest lastToolRequest;

	StubBackend(String version) {
		this.version = version;
		this.server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
				return answer(request);
			}
		});
		try {
			this.server.start(InetAddress.getLoopbackAddress(), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private MockResponse answer(RecordedRequest request) throws InterruptedException {
		boolean probe = PROBE_PATH.equals(request.getUrl().encodedPath());
		if (probe) {
			this.probeRequests.incrementAndGet();
		}
		else {
			this.toolRequests.incrementAndGet();
			this.lastToolRequest = request;
		}
		switch (this.mode) {
			case FAIL:
				return json(500, "{\"message\":\"Internal Server Error\",\"stack\":\"at secret.Internal(...)\"}");
			case HANG:
				this.release.await(120, TimeUnit.SECONDS);
				return json(503, "{}");
			default:
				return probe ? json(200, "{\"status\":\"ok\",\"version\":\"" + this.version + "\"}")
						: json(200, "{\"data\":[]}");
		}
	}

	private static MockResponse json(int code, String body) {
		return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
	}

	void mode(Mode mode) {
		this.mode = mode;
	}

	URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.server.getPort() + path);
	}

	int toolRequests() {
		return this.toolRequests.get();
	}

	int probeRequests() {
		return this.probeRequests.get();
	}

	RecordedRequest lastToolRequest() {
		return this.lastToolRequest;
	}

	@Override
	public void close() {
		this.release.countDown();
		this.server.close();
	}

}
