package cl.smartercl.mcp.server.auth;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import cl.smartercl.mcp.core.error.InvalidArgumentsException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiTokensTests {

	private static final SecureRandom RANDOM = new SecureRandom();

	@Test
	void generatedTokenIsThePrefixAnd256RandomBitsInBase64UrlWithoutPadding() {
		String token = ApiTokens.generate(RANDOM);
		assertThat(token).hasSize(48).matches("smcp_[A-Za-z0-9_-]{43}");
		byte[] secret = Base64.getUrlDecoder().decode(token.substring(5));
		assertThat(secret).hasSize(32);
		assertThat(ApiTokens.isWellFormed(token)).isTrue();
	}

	@Test
	void generatedTokensLookUniformlyRandom() {
		int samples = 2000;
		Set<String> tokens = new HashSet<>();
		long ones = 0;
		List<Set<Byte>> valuesPerPosition = new ArrayList<>();
		for (int i = 0; i < 32; i++) {
			valuesPerPosition.add(new HashSet<>());
		}
		for (int i = 0; i < samples; i++) {
			String token = ApiTokens.generate(RANDOM);
			tokens.add(token);
			byte[] secret = Base64.getUrlDecoder().decode(token.substring(5));
			for (int position = 0; position < secret.length; position++) {
				ones += Integer.bitCount(secret[position] & 0xff);
				valuesPerPosition.get(position).add(secret[position]);
			}
		}
		assertThat(tokens).hasSize(samples);
		// 512,000 fair bits have a standard deviation of about 358 ones: a 1% band is
		// over 14 of them.
		double share = (double) ones / (samples * 256L);
		assertThat(share).isBetween(0.49, 0.51);
		// 2,000 draws of a uniform byte miss on average less than one of the 256 values.
		assertThat(valuesPerPosition).allSatisfy((values) -> assertThat(values).hasSizeGreaterThan(240));
	}

	@Test
	void tokenComesFromTheGivenRandomSourceOnly() throws Exception {
		SecureRandom first = SecureRandom.getInstance("SHA1PRNG");
		first.setSeed(42L);
		SecureRandom second = SecureRandom.getInstance("SHA1PRNG");
		second.setSeed(42L);
		assertThat(ApiTokens.generate(first)).isEqualTo(ApiTokens.generate(second));
	}

	@Test
	void hashIsTheLowerCaseHexSha256OfTheWholeToken() {
		// printf 'smcp_test' | sha256sum
		assertThat(ApiTokens.hash("smcp_test"))
			.isEqualTo("d641d08f42287dbba38d54203ace3f5d4fd31fe2d63ae97474393ee57f1514b9");
		String token = ApiTokens.generate(RANDOM);
		assertThat(ApiTokens.hash(token)).hasSize(64)
			.matches("[0-9a-f]{64}")
			.isNotEqualTo(ApiTokens.hash(token.substring(0, 47) + (token.charAt(47) == 'A' ? 'B' : 'A')))
			.doesNotContain(token.substring(5));
	}

	@Test
	void operatorTokensNeedThePrefixFortyCharactersAndBearerCharacters() {
		assertThat(ApiTokens.problem("smcp_" + "a".repeat(35))).isNull();
		assertThat(ApiTokens.problem("smcp_" + "Az09-._~+/".repeat(5) + "==")).isNull();
		assertThat(ApiTokens.problem("smcp_" + "a".repeat(251))).isNull();

		String tooShort = "smcp_" + "s3cr3t".repeat(5);
		assertThat(ApiTokens.problem(tooShort)).contains("40 to 256 characters", "not 35").doesNotContain(tooShort);
		assertThat(ApiTokens.problem("smcp_" + "a".repeat(252))).contains("not 257");
		String noPrefix = "token_" + "s3cr3t".repeat(8);
		assertThat(ApiTokens.problem(noPrefix)).contains("'smcp_'").doesNotContain(noPrefix);
		assertThat(ApiTokens.problem("SMCP_" + "a".repeat(40))).contains("'smcp_'");
		assertThat(ApiTokens.problem(null)).contains("'smcp_'");
		String withSpace = "smcp_" + "a".repeat(20) + " " + "a".repeat(20);
		assertThat(ApiTokens.problem(withSpace)).contains("only letters, digits").doesNotContain(withSpace);
		assertThat(ApiTokens.problem("smcp_" + "a".repeat(20) + "\u00e9" + "a".repeat(20))).isNotNull();
		assertThat(ApiTokens.problem("smcp_" + "a".repeat(20) + ":" + "a".repeat(20))).isNotNull();
	}

	@Test
	void tokenNamesAreShortAndPlain() {
		for (String name : new String[] { "admin", "n8n-agent.v2_1", "A", "n".repeat(64) }) {
			assertThat(ApiTokens.requireValidName(name)).isEqualTo(name);
		}
		for (String name : new String[] { "", " ", "two words", "n".repeat(65), "\u00f1and\u00fa", "a/b", "a{b}",
				"a\"b", null }) {
			assertThatThrownBy(() -> ApiTokens.requireValidName(name))
				.isInstanceOfSatisfying(InvalidArgumentsException.class,
						(error) -> assertThat(error.argument()).isEqualTo("name"))
				.hasMessageContaining("1 to 64 characters");
		}
	}

	@Test
	void secretsAreMaskedWhereverARecordWouldPrintThem() {
		String token = ApiTokens.generate(RANDOM);
		IssuedToken issued = new IssuedToken(token, "default", List.of("read:crm"), null, "id-1");
		assertThat(issued.toString()).doesNotContain(token).contains("****", "default", "id-1");
		assertThat(new BootstrapProperties(token).toString()).doesNotContain(token).contains("****");
		assertThat(new BootstrapProperties(null).toString()).contains("none");
	}

	@Test
	void adminTokenBindsFromItsEnvironmentVariable() {
		String token = ApiTokens.generate(RANDOM);
		MutablePropertySources sources = new MutablePropertySources();
		sources.addFirst(new SystemEnvironmentPropertySource("env", Map.of("SMARTERMCP_ADMIN_TOKEN", token)));
		Binder binder = new Binder(ConfigurationPropertySources.from(sources));
		BootstrapProperties properties = binder.bind("smartermcp", Bindable.of(BootstrapProperties.class)).get();
		assertThat(properties.adminToken()).isEqualTo(token);
		assertThat(properties.hasAdminToken()).isTrue();
	}

}
