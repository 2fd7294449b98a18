package cl.smartercl.mcp.server.audit;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import cl.smartercl.mcp.core.schema.ToolJson;
import cl.smartercl.mcp.server.support.HostileStrings;

import static org.assertj.core.api.Assertions.assertThat;

class ArgumentRedactorTests {

	@Test
	void secretKeysAreRedactedAtAnyDepthAndTheRestIsKept() {
		JsonNode arguments = ToolJson.mapper().readTree("""
				{"query":"select 1","password":"p","deep":{"API-KEY":"k","accessToken":"t","author":"Ada",
				 "items":[{"client_secret":"s","id":3},["x"]],"Authorization":"Bearer b","private_key":"pk"}}""");
		JsonNode redacted = ArgumentRedactor.redact(arguments);
		assertThat(redacted.get("query").asString()).isEqualTo("select 1");
		assertThat(redacted.get("password").asString()).isEqualTo(ArgumentRedactor.REDACTED);
		JsonNode deep = redacted.get("deep");
		assertThat(deep.get("API-KEY").asString()).isEqualTo(ArgumentRedactor.REDACTED);
		assertThat(deep.get("accessToken").asString()).isEqualTo(ArgumentRedactor.REDACTED);
		assertThat(deep.get("Authorization").asString()).isEqualTo(ArgumentRedactor.REDACTED);
		assertThat(deep.get("private_key").asString()).isEqualTo(ArgumentRedactor.REDACTED);
		assertThat(deep.get("author").asString()).isEqualTo("Ada");
		assertThat(deep.get("items").get(0).get("client_secret").asString()).isEqualTo(ArgumentRedactor.REDACTED);
		assertThat(deep.get("items").get(0).get("id").asInt()).isEqualTo(3);
		assertThat(deep.get("items").get(1).get(0).asString()).isEqualTo("x");
		// the caller's arguments are not touched
		assertThat(arguments.get("password").asString()).isEqualTo("p");
	}

	@Test
	void aSecretObjectIsRedactedWhole() {
		JsonNode redacted = ArgumentRedactor
			.redact(ToolJson.mapper().readTree("{\"credentials\":{\"user\":\"u\",\"pw\":\"x\"}}"));
		assertThat(redacted.get("credentials").asString()).isEqualTo(ArgumentRedactor.REDACTED);
	}

	/** Issue 15 #10: the documented stems, not a short list of whole names. */
	@org.junit.jupiter.api.Test
	void keysAreRedactedByTheDocumentedStems() {
		for (String key : java.util.List.of("passphrase", "pin", "PIN_code", "creds", "x-auth-token", "sshKey",
				"private_key", "db.password", "otp", "card_cvv", "Cookie", "session_id", "client secret")) {
			org.assertj.core.api.Assertions.assertThat(ArgumentRedactor.isSecret(key)).as(key).isTrue();
		}
		for (String key : java.util.List.of("workflow_id", "service_id", "city", "note", "author", "name", "email",
				"lines", "filter", "database")) {
			org.assertj.core.api.Assertions.assertThat(ArgumentRedactor.isSecret(key)).as(key).isFalse();
		}
	}

	@Test
	void keysAreNormalizedExactlyAsTheDocumentedPatternDoes() {
		// the rule of docs/operations.md, as a pattern: the pattern-free normalization
		// must agree with it
		HostileStrings strings = new HostileStrings(17);
		for (int i = 0; i < 20_000; i++) {
			String key = strings.next(60);
			String expected = key.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
			assertThat(ArgumentRedactor.normalize(key)).as("seed 17, sample %d", i).isEqualTo(expected);
		}
		assertThat(ArgumentRedactor.normalize("X-Api_Key½Ⅻ٣")).isEqualTo("xapikey½ⅻ٣");
	}

	@Test
	void argumentsWithoutSecretsAreKeptAsGivenAndSecretsNeverTouchTheOriginal() {
		JsonNode plain = ToolJson.mapper().readTree("{\"service_id\":\"n8n\",\"tags\":[{\"author\":\"ana\"}]}");
		assertThat(ArgumentRedactor.redact(plain)).isSameAs(plain);
		JsonNode secret = ToolJson.mapper().readTree("{\"service_id\":\"n8n\",\"tags\":[{\"pin\":\"1234\"}]}");
		JsonNode redacted = ArgumentRedactor.redact(secret);
		assertThat(redacted.get("tags").get(0).get("pin").asString()).isEqualTo(ArgumentRedactor.REDACTED);
		assertThat(secret.get("tags").get(0).get("pin").asString()).isEqualTo("1234");
	}

}
