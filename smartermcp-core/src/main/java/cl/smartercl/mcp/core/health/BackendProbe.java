package cl.smartercl.mcp.core.health;

import reactor.core.publisher.Mono;

/**
 * A live, authenticated check of one backend of one tenant, as used by {@code /health},
 * {@code services_health} and {@code docs_services}. A probe never fails: a down backend
 * is a result.
 */
public interface BackendProbe {

	/**
	 * The backend's name: n8n, docker, supabase, odoo, chatwoot, botpress, metabase,
	 * prometheus.
	 */
	String backend();

	Mono<ProbeResult> probe();

}
