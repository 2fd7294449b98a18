package cl.smartercl.mcp.connectors.n8n;

/**
 * The production entry of a workflow's Webhook node.
 *
 * @param nodeName the node's name
 * @param method the HTTP method it listens to
 * @param path the URL path below the webhook root ({@code /webhook/}), without a leading
 * slash
 * @param authentication the node's {@code authentication} parameter: {@code none},
 * {@code basicAuth}, {@code headerAuth}, {@code jwtAuth}
 * @param responseMode {@code onReceived}, {@code lastNode}, {@code responseNode} or
 * {@code streaming}
 */
record WebhookEndpoint(String nodeName, String method, String path, String authentication, String responseMode) {

	boolean needsCredentials() {
		return !"none".equals(this.authentication);
	}

	/** Whether the input goes in the query string: n8n reads no body on these methods. */
	boolean inputInQuery() {
		return "GET".equals(this.method) || "HEAD".equals(this.method) || "DELETE".equals(this.method);
	}

}
