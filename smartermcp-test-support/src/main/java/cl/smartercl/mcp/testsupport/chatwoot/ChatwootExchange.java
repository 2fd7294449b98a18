package cl.smartercl.mcp.testsupport.chatwoot;

import java.util.Map;

/**
 * One request the double received and the answer it gave, as they went over the wire.
 *
 * @param method the HTTP method
 * @param path the request path, without the query
 * @param query the raw (encoded) query, or {@code null}
 * @param requestHeaders request headers, names in lower case, first value only
 * @param requestBody the request body, {@code ""} when none
 * @param status the answer's status
 * @param contentType the answer's {@code Content-Type}
 * @param responseBody the answer's body
 */
public record ChatwootExchange(String method, String path, String query, Map<String, String> requestHeaders,
		String requestBody, int status, String contentType, String responseBody) {

	@Override
	public String toString() {
		return this.method + " " + this.path + ((this.query == null) ? "" : "?" + this.query) + " -> " + this.status;
	}

}
