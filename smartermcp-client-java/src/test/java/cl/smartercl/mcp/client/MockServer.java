package cl.smartercl.mcp.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A MockWebServer standing in for the SmarterMCP REST server, with helpers to answer and
 * to inspect.
 */
final class MockServer implements AutoCloseable {

	static final String TOKEN = "smcp_test_0123456789abcdef";

	private static final ObjectMapper JSON = new ObjectMapper();

	private final MockWebServer server = new MockWebServer();

	MockServer() {
		try {
			this.server.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String baseUrl() {
		String url = this.server.url("/").toString();
		return url.substring(0, url.length() - 1);
	}

	SmarterMCP.Builder clientBuilder() {
		return SmarterMCP.builder().apiToken(TOKEN).baseUrl(baseUrl()).timeout(Duration.ofSeconds(5));
	}

	SmarterMCP client() {
		return clientBuilder().build();
	}

	/** Answers 200 with a fixture under {@code fixtures/smartermcp/}. */
	MockServer okFixture(String fixture) {
		return respond(200, "application/json", fixture(fixture));
	}

	MockServer problem(int status, String json, String... headers) {
		MockResponse.Builder response = new MockResponse.Builder().code(status)
			.addHeader("Content-Type", "application/problem+json")
			.body(json);
		for (int i = 0; i + 1 < headers.length; i += 2) {
			response.addHeader(headers[i], headers[i + 1]);
		}
		this.server.enqueue(response.build());
		return this;
	}

	MockServer respond(int status, String contentType, String body) {
		this.server
			.enqueue(new MockResponse.Builder().code(status).addHeader("Content-Type", contentType).body(body).build());
		return this;
	}

	MockServer enqueue(MockResponse response) {
		this.server.enqueue(response);
		return this;
	}

	RecordedRequest take() {
		try {
			RecordedRequest request = this.server.takeRequest(5, TimeUnit.SECONDS);
			if (request == null) {
				throw new AssertionError("no request reached the server");
			}
			return request;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	int requestCount() {
		return this.server.getRequestCount();
	}

	static JsonNode body(RecordedRequest request) {
		try {
			return JSON.readTree(request.getBody().string(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String fixture(String name) {
		String path = "/fixtures/smartermcp/" + name + ".json";
		try (InputStream in = MockServer.class.getResourceAsStream(path)) {
			if (in == null) {
				throw new IllegalArgumentException("no fixture " + path);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		this.server.close();
	}

}
