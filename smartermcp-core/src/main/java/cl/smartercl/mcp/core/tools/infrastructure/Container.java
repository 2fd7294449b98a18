package cl.smartercl.mcp.core.tools.infrastructure;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A container as the infrastructure tools report it. */
public record Container(String id, String name, String image,
		@JsonPropertyDescription("created, running, paused, restarting, exited, removing or dead.") String state,
		@JsonPropertyDescription("The engine's human status, e.g. 'Exited (1) 2 minutes ago'.") String status,
		@JsonPropertyDescription("Exit code of an exited container.") Integer exitCode,
		@JsonPropertyDescription("healthy, unhealthy or starting, when the container has a health check.") String health,
		Instant createdAt) {
}
