package cl.smartercl.mcp.core.auth;

import java.util.Arrays;
import java.util.Optional;

/**
 * Named scope presets for issuing tokens, as documented: an {@code executor} runs
 * operations, a {@code director} reads the business, a {@code writer} documents and
 * generates code.
 */
public enum AgentProfile {

	/**
	 * Services, workflows and infrastructure (infrastructure tools use the services
	 * scopes), read and write.
	 */
	EXECUTOR("executor", ScopeSet.of(Scope.WRITE_SERVICES, Scope.WRITE_WORKFLOWS)),

	/** Reads analytics, CRM, support and bots. */
	DIRECTOR("director", ScopeSet.of(Scope.READ_ANALYTICS, Scope.READ_CRM, Scope.READ_SUPPORT, Scope.READ_BOTS)),

	/**
	 * Documentation and code generation: the documentation tools and
	 * {@code generate_api_client} need {@code read:services}, the workflow and skill
	 * generators {@code read:workflows} and {@code read:bots}.
	 */
	WRITER("writer", ScopeSet.of(Scope.READ_SERVICES, Scope.READ_WORKFLOWS, Scope.READ_BOTS));

	private final String value;

	private final ScopeSet scopes;

	AgentProfile(String value, ScopeSet scopes) {
		this.value = value;
		this.scopes = scopes;
	}

	public String value() {
		return this.value;
	}

	public ScopeSet scopes() {
		return this.scopes;
	}

	public static Optional<AgentProfile> fromValue(String value) {
		return Arrays.stream(values()).filter((p) -> p.value.equals(value)).findFirst();
	}

}
