package cl.smartercl.mcp.core.tools.services;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Contract of {@code services_health}. */
public final class ServicesHealth {

	private ServicesHealth() {
	}

	public record Input(
			@JsonPropertyDescription("One service id from services_list; omit to probe every service in parallel.") String serviceId) {
	}

	public record Output(
			@JsonPropertyDescription("healthy when every probed service is healthy, else degraded or unhealthy.") String overall,
			List<Check> services) {
	}

	public record Check(String id, String name, HealthStatus status,
			@JsonPropertyDescription("How long the probe took, in milliseconds.") long latencyMs,
			@JsonPropertyDescription("What was probed and what it answered.") String detail, Instant checkedAt) {
	}

}
