package cl.smartercl.mcp.connectors.n8n;

import java.time.Duration;

/**
 * Timeouts and bounds of one n8n connector.
 *
 * @param connectTimeout TCP connect timeout
 * @param apiTimeout how long a public-API call may take
 * @param webhookTimeout how long a webhook call may take; a workflow answering "when last
 * node finishes" holds the call open while it runs, and on timeout the trigger still
 * reports the running execution
 * @param executionLookup how long to look for the execution a webhook call started, when
 * the workflow does not answer with its id
 * @param webhookRegistration how long to wait for a just-activated webhook to be
 * registered
 * @param maxListed most workflows {@code workflows_list} returns before it reports
 * truncation
 */
record N8nOptions(Duration connectTimeout, Duration apiTimeout, Duration webhookTimeout, Duration executionLookup,
		Duration webhookRegistration, int maxListed) {

	static N8nOptions defaults() {
		return new N8nOptions(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(60),
				Duration.ofSeconds(10), Duration.ofSeconds(5), 500);
	}

}
