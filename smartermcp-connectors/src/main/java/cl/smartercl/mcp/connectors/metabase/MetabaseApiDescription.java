package cl.smartercl.mcp.connectors.metabase;

import java.util.Optional;

import reactor.core.publisher.Mono;

import cl.smartercl.mcp.connectors.config.BackendsConfig;

/**
 * For {@code docs_apis metabase}: the instance's own OpenAPI document, fetched through
 * {@link MetabaseApi} (which knows where each Metabase version serves it, and how to send
 * the key). Empty when the instance serves none. The documentation service caches the
 * answer, so a short-lived client per fetch is fine.
 */
public final class MetabaseApiDescription {

	private MetabaseApiDescription() {
	}

	public static Mono<Optional<String>> fetch(String tenantId, BackendsConfig.Metabase metabase) {
		return Mono.using(
				() -> new MetabaseApi(tenantId, metabase.url(), metabase.apiKey(), MetabaseOptions.defaults()),
				MetabaseApi::openApi, MetabaseApi::close);
	}

}
