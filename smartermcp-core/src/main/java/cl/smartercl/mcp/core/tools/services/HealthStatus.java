package cl.smartercl.mcp.core.tools.services;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The outcome of one health probe. */
public enum HealthStatus {

	@JsonProperty("healthy")
	HEALTHY,

	@JsonProperty("unhealthy")
	UNHEALTHY,

	/**
	 * The service is registered but nothing could be probed (no container, no probe
	 * configured).
	 */
	@JsonProperty("unknown")
	UNKNOWN

}
