package cl.smartercl.mcp.core.tools.services;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a registered service is classified in the tenants file. */
public enum ServiceType {

	@JsonProperty("frontend")
	FRONTEND,

	@JsonProperty("backend")
	BACKEND,

	@JsonProperty("infrastructure")
	INFRASTRUCTURE

}
