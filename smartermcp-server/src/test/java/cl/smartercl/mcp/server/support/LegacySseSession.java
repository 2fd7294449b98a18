package cl.smartercl.mcp.server.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import tools.jackson.databind.JsonNode;

import cl.smartercl.mcp.core.schema.ToolJson;

/**
 * A session of the legacy HTTP+SSE transport (2024-11-05) in raw HTTP: its stream
 * ({@code GET /sse}) open past the {@code endpoint} event, messages posted to that
 * endpoint, and the JSON-RPC messages the stream carries read back — the answers come on
 * the stream, never on the POST.
 */
public final class LegacySseSession implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String baseUrl;

	private final String token;

	private final HttpResponse<InputStream> stream;

	private final BufferedReader events;

	private final String endpoint;

	private LegacySseSession(String baseUrl, String token, HttpResponse<InputStream> stream, BufferedReader events,
			String endpoint) {
		this.baseUrl = baseUrl;
		this.token = token;
		this.stream = stream;
		this.events = events;
		this.endpoint = endpoint;
	}

	/**
	 * Opens {@code GET /sse} with the token and reads up to its {@code endpoint} event.
	 * @throws AssertionError when the stream is refused or ends before that event
	 */
	public static LegacySseSession open(String baseUrl, String token) throws IOException, InterruptedException {
		HttpResponse<InputStream> stream = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/sse"))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "text/event-stream")
			.build(), HttpResponse.BodyHandlers.ofInputStream());
		if (stream.statusCode() != 200) {
			stream.body().close();
			throw new AssertionError("GET /sse answered " + stream.statusCode());
		}
		BufferedReader events = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
		boolean endpointEvent = false;
		for (String line = events.readLine(); line != null; line = events.readLine()) {
			if (line.equals("event:endpoint")) {
				endpointEvent = true;
			}
			else if (endpointEvent && line.startsWith("data:")) {
				return new LegacySseSession(baseUrl, token, stream, events, line.substring("data:".length()));
			}
		}
		stream.body().close();
		throw new AssertionError("the stream ended before its endpoint event");
	}

	/** Where the session's messages go: {@code /mcp/message?sessionId=…}. */
	public String endpoint() {
		return this.endpoint;
	}

	/** The stream's response headers. */
	public HttpHeaders headers() {
		return this.stream.headers();
	}

	/**
	 * Posts one JSON-RPC message to the session's endpoint; its answer is on the stream.
	 */
	public HttpResponse<String> post(String message) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.baseUrl + this.endpoint))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + this.token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(message))
			.build();
		try {
			return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * {@code initialize} with the revision, its answer read off the stream, then
	 * {@code notifications/initialized}.
	 * @return the {@code initialize} answer
	 */
	public JsonNode initialize(String protocolVersion, Duration timeout) {
		HttpResponse<String> posted = post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
				+ "{\"protocolVersion\":\"" + protocolVersion + "\",\"capabilities\":{},"
				+ "\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}");
		if (posted.statusCode() >= 300) {
			throw new AssertionError("initialize answered " + posted.statusCode() + ": " + posted.body());
		}
		List<JsonNode> messages = messagesUntilResponse(1, timeout);
		HttpResponse<String> initialized = post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
		if (initialized.statusCode() >= 300) {
			throw new AssertionError("notifications/initialized answered " + initialized.statusCode());
		}
		return messages.get(messages.size() - 1);
	}

	/**
	 * The JSON-RPC messages of the stream from where it was left up to the response with
	 * that id, in order: what the server sent before it (notifications), the response
	 * last. Events other than {@code message} (keep-alives) are skipped.
	 * @throws AssertionError when the response is not there within the timeout (the
	 * stream is then closed)
	 */
	public List<JsonNode> messagesUntilResponse(int id, Duration timeout) {
		CompletableFuture<List<JsonNode>> read = CompletableFuture.supplyAsync(() -> readUntilResponse(id));
		try {
			return read.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			close();
			throw new AssertionError("no response " + id + " on the stream within " + timeout);
		}
		catch (ExecutionException ex) {
			throw new AssertionError("reading the stream failed", ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private List<JsonNode> readUntilResponse(int id) {
		List<JsonNode> messages = new ArrayList<>();
		String event = null;
		StringBuilder data = new StringBuilder();
		try {
			for (String line = this.events.readLine(); line != null; line = this.events.readLine()) {
				if (line.startsWith("event:")) {
					event = line.substring("event:".length()).strip();
				}
				else if (line.startsWith("data:")) {
					data.append((data.length() > 0) ? "\n" : "").append(line.substring("data:".length()));
				}
				else if (line.isEmpty()) {
					if ((event == null || event.equals("message")) && data.length() > 0) {
						JsonNode message = ToolJson.mapper().readTree(data.toString());
						messages.add(message);
						if (message.has("id") && message.path("id").asInt() == id
								&& (message.has("result") || message.has("error"))) {
							return messages;
						}
					}
					event = null;
					data.setLength(0);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		throw new AssertionError("the stream ended before response " + id + "; it carried " + messages);
	}

	/**
	 * Whether the server ends the stream (end of file, or the connection dropped) within
	 * the timeout, reading whatever it still sends (keep-alives) meanwhile.
	 */
	public boolean endsWithin(Duration timeout) {
		CompletableFuture<Boolean> ended = CompletableFuture.supplyAsync(() -> {
			try {
				while (this.events.readLine() != null) {
					// keep-alives until it ends
				}
			}
			catch (IOException ex) {
				// a dropped connection ends it too
			}
			return true;
		});
		try {
			return ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			close();
			return false;
		}
		catch (ExecutionException ex) {
			throw new AssertionError("reading the stream failed", ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Closes the stream: the server ends the session. */
	@Override
	public void close() {
		// the body, not the reader: a reader blocked in readLine holds the reader's lock
		try {
			this.stream.body().close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

}
