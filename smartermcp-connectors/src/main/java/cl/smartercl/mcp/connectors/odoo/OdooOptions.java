package cl.smartercl.mcp.connectors.odoo;

import java.time.Duration;

/**
 * Timeouts of one Odoo connector.
 *
 * @param connectTimeout TCP connect timeout
 * @param callTimeout how long one call to Odoo may take
 */
record OdooOptions(Duration connectTimeout, Duration callTimeout) {

	static OdooOptions defaults() {
		return new OdooOptions(Duration.ofSeconds(5), Duration.ofSeconds(30));
	}

}
