package cl.smartercl.mcp.connectors.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackendMessagesTests {

	@Test
	void credentialsInUrlsPairsAndHeadersAreMasked() {
		assertThat(BackendMessages.sanitize("pull https://bot:pa55@registry.local/v2/ failed: password=hunter2, "
				+ "api_key: abc123; Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30"))
			.isEqualTo(
					"pull https://****@registry.local/v2/ failed: password=****, api_key: ****; Authorization: ****");
		assertThat(BackendMessages.sanitize("upstream said: Bearer abcdefgh12345678 is invalid"))
			.isEqualTo("upstream said: Bearer **** is invalid");
	}

	@Test
	void oneLineAtMostThreeHundredCharacters() {
		assertThat(BackendMessages.sanitize("a\nb\r\n\tc")).isEqualTo("a b c");
		assertThat(BackendMessages.sanitize("x".repeat(500))).hasSize(301).endsWith("…");
		assertThat(BackendMessages.sanitize(null)).isEmpty();
	}

}
