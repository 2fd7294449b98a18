package cl.smartercl.mcp.testsupport.botpress;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

/** One request to the double, read whole, and the answer it gets. */
final class Exchange {

	static final ObjectMapper JSON = new ObjectMapper();

	final String method;

	final String path;

	final Map<String, String> query;

	final byte[] body;

	private final HttpExchange http;

	private int status;

	private String answer = "";

	private String contentType = "application/json; charset=utf-8";

	private final Map<String, String> extraHeaders = new LinkedHashMap<>();

	Exchange(HttpExchange http) throws IOException {
		this.http = http;
		this.method = http.getRequestMethod();
		this.path = http.getRequestURI().getRawPath();
		this.query = parse(http.getRequestURI().getRawQuery());
		try (InputStream in = http.getRequestBody()) {
			this.body = in.readAllBytes();
		}
	}

	String header(String name) {
		return this.http.getRequestHeaders().getFirst(name);
	}

	String target() {
		String raw = this.http.getRequestURI().getRawQuery();
		return this.path + ((raw == null) ? "" : "?" + raw);
	}

	JsonNode jsonBody() {
		try {
			return JSON.readTree(this.body);
		}
		catch (IOException ex) {
			return null;
		}
	}

	void json(int status, Object value) {
		try {
			this.status = status;
			this.answer = JSON.writeValueAsString(value);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	void text(int status, String contentType, String text) {
		this.status = status;
		this.contentType = contentType;
		this.answer = text;
	}

	void header(String name, String value) {
		this.extraHeaders.put(name, value);
	}

	int status() {
		return this.status;
	}

	void send() throws IOException {
		byte[] bytes = this.answer.getBytes(StandardCharsets.UTF_8);
		this.http.getResponseHeaders().set("Content-Type", this.contentType);
		this.extraHeaders.forEach((name, value) -> this.http.getResponseHeaders().set(name, value));
		this.http.sendResponseHeaders(this.status, (bytes.length == 0) ? -1 : bytes.length);
		if (bytes.length > 0) {
			this.http.getResponseBody().write(bytes);
		}
		this.http.close();
	}

	private static Map<String, String> parse(String raw) {
		Map<String, String> query = new LinkedHashMap<>();
		if (raw == null || raw.isEmpty()) {
			return query;
		}
		for (String pair : raw.split("&")) {
			int eq = pair.indexOf('=');
			String name = URLDecoder.decode((eq < 0) ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
			String value = (eq < 0) ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			query.put(name, value);
		}
		return query;
	}

}
