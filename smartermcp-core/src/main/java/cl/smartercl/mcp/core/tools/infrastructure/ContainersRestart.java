package cl.smartercl.mcp.core.tools.infrastructure;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Contract of {@code containers_restart}. */
public final class ContainersRestart {

	private ContainersRestart() {
	}

	public record Input(@JsonProperty(
			required = true) @JsonPropertyDescription("Container id (or unique id prefix) or name from containers_list.") String containerId) {
	}

	public record Output(String containerId, String name, String state, Instant startedAt) {
	}

}
