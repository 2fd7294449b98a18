package cl.smartercl.mcp.core.schema;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Client text in the tool's own terms (issue 15 #8), and cheap on any input. */
class ClientTextTests {

	@Test
	void javaTypeNamesBecomeTheJsonTypeTheyStandFor() {
		assertThat(ClientText.sanitize("Numeric value (99999999999999999999) out of range of `java.lang.Integer`"))
			.isEqualTo("Numeric value (99999999999999999999) out of range of integer");
		assertThat(ClientText
			.sanitize("Cannot deserialize value of type `io.modelcontextprotocol.spec.McpSchema$LoggingLevel`"))
			.isEqualTo("Cannot deserialize value of type value");
		assertThat(ClientText.sanitize("McpSchema$LoggingLevel")).isEqualTo("value");
		assertThat(ClientText.sanitize(
				"Document nesting depth (1001) exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNestingDepth()`)"))
			.isEqualTo("Document nesting depth (1001) exceeds the maximum allowed (1000)");
		assertThat(ClientText.sanitize("Service 'n8n' is currently unavailable: cannot reach n8n at 10.0.0.5:5678"))
			.isEqualTo("Service 'n8n' is currently unavailable: cannot reach n8n at 10.0.0.5:5678");
	}

	@Test
	void hugeEchoedInputIsCutAndNeverBacktracks() {
		// runs that made the former patterns quadratic: whitespace, letters, dollar signs
		for (String run : new String[] { "\t", "A", "a$", "Ab.", " from " }) {
			String text = "unknown argument '" + run.repeat(60_000) + "'";
			String sanitized = ClientText.sanitize(text);
			assertThat(sanitized.length()).isLessThanOrEqualTo(ClientText.MAX_CHARS + 1);
		}
	}

}
