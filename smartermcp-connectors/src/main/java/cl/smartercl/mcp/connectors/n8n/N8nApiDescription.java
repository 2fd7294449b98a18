package cl.smartercl.mcp.connectors.n8n;

import java.util.Optional;

import reactor.core.publisher.Mono;

import cl.smartercl.mcp.connectors.config.BackendsConfig;

/**
 * For {@code docs_apis n8n}: the instance's own OpenAPI document, fetched through
 * {@link N8nApi} (which knows where each n8n version serves it, and how to send the key).
 * Empty when the instance serves none. The documentation service caches the answer, so a
 * short-lived client per fetch is fine.
 */
public final class N8nApiDescription {

	private N8nApiDescription() {
	}

	public static Mono<Optional<String>> fetch(String tenantId, BackendsConfig.N8n n8n) {
		return Mono.using(() -> new N8nApi(tenantId + "-docs", n8n.url(), n8n.apiKey(), N8nOptions.defaults()),
				N8nApi::openApiDescription, N8nApi::close);
	}

}
