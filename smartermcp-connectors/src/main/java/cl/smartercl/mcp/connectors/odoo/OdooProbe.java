package cl.smartercl.mcp.connectors.odoo;

import reactor.core.publisher.Mono;

import cl.smartercl.mcp.connectors.docs.LiveApiDescription;
import cl.smartercl.mcp.core.health.BackendProbe;
import cl.smartercl.mcp.core.health.ProbeResult;
import cl.smartercl.mcp.core.tools.services.HealthStatus;

/**
 * Odoo is healthy when an authenticated call answers: JSON-2
 * {@code res.users/context_get} or JSON-RPC {@code common.authenticate}, which proves the
 * server, the database and the key at once. The version comes from {@code /web/version},
 * read once.
 */
final class OdooProbe implements BackendProbe, LiveApiDescription {

	private final OdooApi api;

	private final OdooApiDescription description;

	OdooProbe(OdooApi api) {
		this.api = api;
		this.description = new OdooApiDescription(api);
	}

	/**
	 * {@code docs_apis odoo}: the fields of the models the tools use, from the live
	 * server.
	 */
	@Override
	public Mono<String> apiDescription() {
		return this.description.document();
	}

	@Override
	public String backend() {
		return OdooApi.SERVICE;
	}

	@Override
	public Mono<ProbeResult> probe() {
		return BackendProbe.timed((elapsed) -> this.api.whoAmI()
			.zipWith(this.api.wire())
			.map((both) -> new ProbeResult(HealthStatus.HEALTHY, elapsed.getAsLong(),
					(both.getT2().major() > 0) ? Integer.toString(both.getT2().major()) : null,
					(both.getT2().json2() ? "JSON-2" : "JSON-RPC") + " call as " + both.getT1() + " on database '"
							+ this.api.database() + "' answered")));
	}

}
