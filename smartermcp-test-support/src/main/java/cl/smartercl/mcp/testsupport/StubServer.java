package cl.smartercl.mcp.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

import cl.smartercl.mcp.client.SmarterMCP;

/**
 * A stand-in for the SmarterMCP REST server, so the examples run through the real SDK
 * without a server: each tool ({@code POST /tools/<name>}) answers from a function of its
 * request body, every call is recorded as {@code "<tool> <body>"}, and a tool nobody set
 * up gets the server's 404 problem. It also collects what the example prints, for the
 * test to read back.
 */
public final class StubServer implements AutoCloseable {

	private final MockWebServer server = new MockWebServer();

	private final Map<String, Function<String, MockResponse>> tools = new ConcurrentHashMap<>();

	private final List<String> calls = new CopyOnWriteArrayList<>();

	private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

	public StubServer() {
		this.server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				String tool = request.getTarget().substring(request.getTarget().lastIndexOf('/') + 1);
				String body = (request.getBody() != null) ? request.getBody().string(StandardCharsets.UTF_8) : "";
				StubServer.this.calls.add(tool + " " + body);
				Function<String, MockResponse> answer = StubServer.this.tools.get(tool);
				return (answer != null) ? answer.apply(body)
						: json(404, "{\"code\":\"unknown_tool\",\"title\":\"Unknown tool\"}");
			}
		});
		try {
			this.server.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Answers {@code tool} with 200 and this JSON. */
	public StubServer on(String tool, String json) {
		return on(tool, (body) -> json(200, json));
	}

	/** Answers {@code tool} with what {@code answer} makes of the request body. */
	public StubServer on(String tool, Function<String, MockResponse> answer) {
		this.tools.put(tool, answer);
		return this;
	}

	/**
	 * JSON with this status; from 400 on as problem JSON (RFC 9457), as the server sends
	 * errors.
	 */
	public static MockResponse json(int status, String json) {
		return new MockResponse.Builder().code(status)
			.addHeader("Content-Type", (status < 400) ? "application/json" : "application/problem+json")
			.body(json)
			.build();
	}

	/** The server's answer for a backend that is down. */
	public static MockResponse unavailable(String service) {
		return serviceUnavailable("Service unavailable", "Service '%s' is currently unavailable".formatted(service),
				service);
	}

	/**
	 * The server's answer for a backend the tenant does not have (wording of the core's
	 * BackendNotConfiguredException).
	 */
	public static MockResponse notConfigured(String service) {
		return json(503,
				("{\"type\":\"https://smartermcp.dev/problems/backend_not_configured\",\"title\":\"Service Unavailable\","
						+ "\"status\":503,\"detail\":\"The %s backend is not configured for this tenant: add backends.%s to the "
						+ "tenants file (see docs/configuration.md)\",\"code\":\"backend_not_configured\",\"service\":\"%s\","
						+ "\"config_key\":\"backends.%s\"}")
					.formatted(service, service, service, service));
	}

	private static MockResponse serviceUnavailable(String title, String detail, String service) {
		return json(503,
				("{\"type\":\"https://smartermcp.dev/problems/service_unavailable\",\"title\":\"%s\","
						+ "\"status\":503,\"detail\":\"%s\",\"code\":\"service_unavailable\",\"service\":\"%s\"}")
					.formatted(title, detail, service));
	}

	/** {@code http://127.0.0.1:PORT/} */
	public String baseUrl() {
		return this.server.url("/").toString();
	}

	/** An SDK client of this server. */
	public SmarterMCP client() {
		return SmarterMCP.builder().apiToken("smcp_example_test").baseUrl(baseUrl()).build();
	}

	/** Every call so far, in order, as {@code "<tool> <request body>"}. */
	public List<String> calls() {
		return Collections.unmodifiableList(this.calls);
	}

	/** Where the example under test prints; {@link #output()} reads it back. */
	public PrintStream out() {
		return new PrintStream(this.printed, true, StandardCharsets.UTF_8);
	}

	public String output() {
		return this.printed.toString(StandardCharsets.UTF_8);
	}

	@Override
	public void close() {
		this.server.close();
	}

}
