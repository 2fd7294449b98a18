package cl.smartercl.mcp.core.tools.services;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Contract of {@code services_restart}. */
public final class ServicesRestart {

	private ServicesRestart() {
	}

	public record Input(@JsonProperty(
			required = true) @JsonPropertyDescription("Service id from services_list.") String serviceId) {
	}

	public record Output(String serviceId, String containerId, String container, String state, Instant startedAt) {
	}

}
