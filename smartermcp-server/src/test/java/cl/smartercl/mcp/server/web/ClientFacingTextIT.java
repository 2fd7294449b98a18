package cl.smartercl.mcp.server.web;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import cl.smartercl.mcp.server.support.ServerTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15 #8: no internals in what a client reads. A number out of range, JSON nested
 * past the parser's limit, a NUL in a schema name: each a 400 in the tool's own terms,
 * with no Java or Jackson type name and nothing reaching the database.
 */
class ClientFacingTextIT extends ServerTestSupport {

	/** A Java type or member name as the JDK, Jackson or the MCP SDK print them. */
	static final Pattern INTERNALS = Pattern.compile(
			"(java|javax|jdk|tools\\.jackson|com\\.fasterxml|io\\.modelcontextprotocol|org\\.springframework|reactor|io\\.netty|cl\\.smartercl)\\.[A-Za-z]"
					+ "|[A-Z][A-Za-z0-9]*\\$[A-Z]|[A-Z][A-Za-z]+\\.get[A-Z][A-Za-z]*\\(\\)|SQLSTATE|\\bat [a-z]+\\.[a-z]+\\.");

	@Test
	void aNumberOutOfRangeNamesTheArgumentNotAJavaType() {
		String token = issueToken("text-range", "read:services");
		Response response = post("/tools/docs_schemas", token,
				"{\"database\":\"public\",\"page\":99999999999999999999}");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).doesNotContainPattern(INTERNALS);
		assertThat(response.json().path("detail").asString()).contains("page");
	}

	@Test
	void jsonNestedPastTheLimitIsA400WithoutInternals() {
		String token = issueToken("text-deep", "read:services");
		Response response = post("/tools/services_list", token, "[".repeat(3000));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).doesNotContainPattern(INTERNALS);
	}

	@Test
	void aNulInASchemaNameNeverReachesTheDatabase() {
		String token = issueToken("text-nul", "read:services");
		Response response = post("/tools/docs_schemas", token, "{\"database\":\"pub\\u0000lic\"}");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().path("argument").asString()).isEqualTo("database");
		assertThat(response.body()).doesNotContainPattern(INTERNALS);
	}

}
