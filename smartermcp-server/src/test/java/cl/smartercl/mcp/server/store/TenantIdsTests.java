package cl.smartercl.mcp.server.store;

import org.junit.jupiter.api.Test;

import cl.smartercl.mcp.core.error.InvalidArgumentsException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TenantIdsTests {

	@Test
	void plainLowerCaseIdsUpTo63CharactersAreValid() {
		for (String id : new String[] { "default", "a", "0", "acme-corp", "acme_2", "9lives", "a".repeat(63) }) {
			assertThat(TenantIds.isValid(id)).as(id).isTrue();
			assertThat(TenantIds.requireValid(id)).isEqualTo(id);
		}
	}

	@Test
	void anythingElseIsRejectedNamingTheTenantId() {
		for (String id : new String[] { "Acme", "-acme", "_acme", "acme corp", "acme.corp", "acme/1", "\u00f1u",
				"a".repeat(64), "acme\n" }) {
			assertThat(TenantIds.isValid(id)).as(id).isFalse();
			assertThatThrownBy(() -> TenantIds.requireValid(id))
				.isInstanceOfSatisfying(InvalidArgumentsException.class,
						(error) -> assertThat(error.argument()).isEqualTo("tenant_id"))
				.hasMessageContaining(TenantIds.PATTERN);
		}
		assertThatThrownBy(() -> TenantIds.requireValid("")).isInstanceOf(InvalidArgumentsException.class)
			.hasMessage("Invalid argument 'tenant_id': a tenant id is required");
		assertThatThrownBy(() -> TenantIds.requireValid(null)).isInstanceOf(InvalidArgumentsException.class);
		assertThat(TenantIds.isValid(null)).isFalse();
	}

}
