package cl.smartercl.mcp.server.config;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An OAuth setting given to a server whose OAuth beans are absent (a Spring AOT start of
 * a jar processed without it) stops the start with a message that says so and what to do;
 * every consistent case starts.
 */
class AotOAuthGuardTests {

	private static final String ISSUER = "smartermcp.oauth.issuer";

	@Test
	void anIssuerWithoutTheOAuthBeansStopsTheStart() {
		MockEnvironment environment = new MockEnvironment().withProperty(ISSUER, "https://id.example/realms/x");
		assertThatThrownBy(() -> ServerConfiguration.requireBuiltFor(environment, ISSUER, false))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining(ISSUER + " is set")
			.hasMessageContaining("-Dspring.aot.enabled=true")
			.hasMessageNotContaining("id.example");
	}

	@Test
	void consistentSettingsStart() {
		MockEnvironment set = new MockEnvironment().withProperty(ISSUER, "https://id.example/realms/x");
		assertThatCode(() -> ServerConfiguration.requireBuiltFor(set, ISSUER, true)).doesNotThrowAnyException();
		MockEnvironment unset = new MockEnvironment();
		assertThatCode(() -> ServerConfiguration.requireBuiltFor(unset, ISSUER, false)).doesNotThrowAnyException();
		// "false" switches a property condition off: no beans expected
		MockEnvironment off = new MockEnvironment().withProperty(ISSUER, "false");
		assertThatCode(() -> ServerConfiguration.requireBuiltFor(off, ISSUER, false)).doesNotThrowAnyException();
	}

}
