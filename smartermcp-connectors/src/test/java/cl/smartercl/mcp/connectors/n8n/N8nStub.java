package cl.smartercl.mcp.connectors.n8n;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import tools.jackson.databind.JsonNode;

import cl.smartercl.mcp.testsupport.TestFixtures;

/**
 * A local stand-in for n8n: answers by method and path with captured n8n responses
 * ({@code fixtures/n8n/*.json}) and records every request, so tests can assert what went
 * out. The last answer of a route repeats; a request nobody expected gets a 599 and fails
 * the test's assertions.
 */
final class N8nStub extends Dispatcher implements AutoCloseable {

	private final MockWebServer server = new MockWebServer();

	private final Map<String, Deque<MockResponse>> routes = new ConcurrentHashMap<>();

	private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

	N8nStub() {
		this.server.setDispatcher(this);
		try {
			this.server.start(0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Answers {@code method path} (path without query) with a fixture or, if the text
	 * starts with '{' or '[', that JSON.
	 */
	N8nStub on(String method, String path, int status, String fixtureOrJson) {
		String body = (fixtureOrJson.startsWith("{") || fixtureOrJson.startsWith("[")) ? fixtureOrJson
				: fixture(fixtureOrJson);
		MockResponse response = new MockResponse.Builder().code(status)
			.setHeader("Content-Type", "application/json; charset=utf-8")
			.body(body)
			.build();
		this.routes.computeIfAbsent(method + " " + path, (key) -> new ArrayDeque<>()).add(response);
		return this;
	}

	/**
	 * Answers {@code method path} only when the query has {@code param=value}; such
	 * routes win over plain ones.
	 */
	N8nStub on(String method, String path, String param, String value, int status, String fixtureOrJson) {
		return on(method, path + "?" + param + "=" + value, status, fixtureOrJson);
	}

	/** Answers with a response built by the test (delays, socket effects). */
	N8nStub on(String method, String path, MockResponse response) {
		this.routes.computeIfAbsent(method + " " + path, (key) -> new ArrayDeque<>()).add(response);
		return this;
	}

	@Override
	public MockResponse dispatch(RecordedRequest request) {
		this.requests.add(request);
		String route = request.getMethod() + " " + request.getUrl().encodedPath();
		Deque<MockResponse> answers = null;
		for (String name : request.getUrl().queryParameterNames()) {
			Deque<MockResponse> specific = this.routes
				.get(route + "?" + name + "=" + request.getUrl().queryParameter(name));
			answers = (specific != null) ? specific : answers;
		}
		answers = (answers != null) ? answers : this.routes.get(route);
		if (answers == null || answers.isEmpty()) {
			return new MockResponse.Builder().code(599).body("{\"message\":\"unexpected request\"}").build();
		}
		synchronized (answers) {
			return (answers.size() > 1) ? answers.poll() : answers.peek();
		}
	}

	URI url() {
		return this.server.url("/").uri();
	}

	List<RecordedRequest> requests() {
		return List.copyOf(this.requests);
	}

	List<RecordedRequest> requests(String method, String path) {
		return this.requests.stream()
			.filter((r) -> r.getMethod().equals(method) && r.getUrl().encodedPath().equals(path))
			.toList();
	}

	RecordedRequest only(String method, String path) {
		List<RecordedRequest> matching = requests(method, path);
		if (matching.size() != 1) {
			throw new AssertionError("expected one " + method + " " + path + " but got " + matching.size() + " of "
					+ this.requests.stream().map((r) -> r.getMethod() + " " + r.getTarget()).toList());
		}
		return matching.get(0);
	}

	static JsonNode body(RecordedRequest request) {
		return N8nApi.JSON.readTree((request.getBody() == null) ? "" : request.getBody().utf8());
	}

	static String fixture(String name) {
		return TestFixtures.read("n8n/" + name + ".json");
	}

	@Override
	public void close() {
		this.server.close();
	}

}
