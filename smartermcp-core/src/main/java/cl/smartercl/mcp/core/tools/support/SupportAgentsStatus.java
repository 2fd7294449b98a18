package cl.smartercl.mcp.core.tools.support;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Contract of {@code support_agents_status}. */
public final class SupportAgentsStatus {

	private SupportAgentsStatus() {
	}

	public record Input() {
	}

	public record Output(List<Agent> agents, int online, int busy, int offline) {
	}

	public record Agent(long id, String name, String email, String role,
			@JsonPropertyDescription("online, busy or offline.") String availability) {
	}

}
