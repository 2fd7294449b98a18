package cl.smartercl.mcp.server.audit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ReplicaIdTests {

	@Test
	void theConfiguredNameIsKept() {
		assertThat(ReplicaId.of("  replica-2.eu:8080 ")).isEqualTo("replica-2.eu:8080");
	}

	@Test
	void withoutASettingTheHostNameIsUsed() {
		assertThat(ReplicaId.of(null)).isNotBlank().hasSizeLessThanOrEqualTo(ReplicaId.MAX_LENGTH);
		assertThat(ReplicaId.of(" ")).isEqualTo(ReplicaId.of(null));
	}

	@Test
	void anUnusableNameStopsTheStartNamingTheSetting() {
		assertThatIllegalStateException().isThrownBy(() -> ReplicaId.of("replica 1"))
			.withMessageContaining("SMARTERMCP_REPLICA_ID")
			.withMessageContaining("'replica 1'");
		assertThatIllegalStateException().isThrownBy(() -> ReplicaId.of("r".repeat(65)))
			.withMessageContaining("1 to 64");
	}

}
