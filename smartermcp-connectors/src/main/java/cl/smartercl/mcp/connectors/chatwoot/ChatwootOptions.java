package cl.smartercl.mcp.connectors.chatwoot;

import java.time.Duration;

/**
 * Timeouts and bounds of one Chatwoot connector. Retries and circuit breaking are the
 * server's (its resilience layer, per tenant and backend), not this connector's.
 *
 * @param connectTimeout TCP connect timeout
 * @param responseTimeout how long one Chatwoot call may take; well below the server's
 * per-attempt limit (30 s by default), since one tool may make several calls
 * @param messageLookups for how many message-search hits the matching message is looked
 * up
 */
record ChatwootOptions(Duration connectTimeout, Duration responseTimeout, int messageLookups) {

	static ChatwootOptions defaults() {
		return new ChatwootOptions(Duration.ofSeconds(5), Duration.ofSeconds(10), 10);
	}

}
