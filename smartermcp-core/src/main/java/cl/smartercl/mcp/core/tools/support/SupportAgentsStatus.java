package cl.smartercl.mcp.core.tools.support;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Contract of {@code support_agents_status}. */
public final class SupportAgentsStatus {

	private SupportAgentsStatus() {
	}

	public record Input() {
	}

	/**
	 * @param agents every agent of the account, online first
	 * @param online how many are online
	 * @param busy how many are busy
	 * @param offline how many are offline
	 * @param total how many agents there are
	 */
	public record Output(List<Agent> agents, int online, int busy, int offline, int total) {
	}

	/**
	 * @param availability {@code online}, {@code busy} or {@code offline}
	 * @param autoOffline whether the help desk shows the agent offline whenever no
	 * dashboard of theirs is open
	 * @param role {@code administrator} or {@code agent}
	 * @param confirmed whether the agent confirmed their email address
	 */
	public record Agent(long id, String name, String email,
			@JsonPropertyDescription("administrator or agent.") String role,
			@JsonPropertyDescription("online, busy or offline.") String availability,
			@JsonPropertyDescription("When true, the agent shows offline whenever no dashboard of theirs is open.") boolean autoOffline,
			boolean confirmed) {
	}

}
