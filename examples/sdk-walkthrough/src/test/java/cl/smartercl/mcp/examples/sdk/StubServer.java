package cl.smartercl.mcp.examples.sdk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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

/** A stand-in REST server answering each tool from a function of its request body; records what it got. */
final class StubServer implements AutoCloseable {

	private final MockWebServer server = new MockWebServer();

	private final Map<String, Function<String, MockResponse>> tools = new ConcurrentHashMap<>();

	final List<String> calls = new CopyOnWriteArrayList<>();

	final ByteArrayOutputStream printed = new ByteArrayOutputStream();

	StubServer() {
		this.server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				String tool = request.getTarget().substring(request.getTarget().lastIndexOf('/') + 1);
				String body = request.getBody() == null ? "" : request.getBody().string(StandardCharsets.UTF_8);
				StubServer.this.calls.add(tool + " " + body);
				Function<String, MockResponse> answer = StubServer.this.tools.get(tool);
				return (answer != null) ? answer.apply(body) : json(404, "{\"code\":\"unknown_tool\",\"title\":\"Unknown tool\"}");
			}
		});
		try {
			this.server.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	StubServer on(String tool, String json) {
		return on(tool, (body) -> json(200, json));
	}

	StubServer on(String tool, Function<String, MockResponse> answer) {
		this.tools.put(tool, answer);
		return this;
	}

	static MockResponse json(int status, String json) {
		return new MockResponse.Builder().code(status)
			.addHeader("Content-Type", status < 400 ? "application/json" : "application/problem+json")
			.body(json)
			.build();
	}

	static MockResponse unavailable(String service) {
		return json(503, ("{\"type\":\"https://smartermcp.dev/problems/service_unavailable\",\"title\":\"Service unavailable\","
				+ "\"status\":503,\"detail\":\"Service '%s' is currently unavailable\",\"code\":\"service_unavailable\","
				+ "\"service\":\"%s\"}").formatted(service, service));
	}

	/** The server's answer for a backend the tenant does not have. */
	static MockResponse notConfigured(String service) {
		return json(503, ("{\"type\":\"https://smartermcp.dev/problems/service_unavailable\",\"title\":\"Service Unavailable\","
				+ "\"status\":503,\"detail\":\"Service '%s' is currently unavailable: the %s backend is not configured "
				+ "for this tenant\",\"code\":\"service_unavailable\",\"service\":\"%s\"}").formatted(service, service, service));
	}

	SmarterMCP client() {
		return SmarterMCP.builder().apiToken("smcp_example_test").baseUrl(this.server.url("/").toString()).build();
	}

	PrintStream out() {
		return new PrintStream(this.printed, true, StandardCharsets.UTF_8);
	}

	String output() {
		return this.printed.toString(StandardCharsets.UTF_8);
	}

	@Override
	public void close() {
		this.server.close();
	}

}
