package cl.smartercl.mcp.core.admin;

import java.time.Instant;
import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import cl.smartercl.mcp.core.schema.ToolJson;
import cl.smartercl.mcp.core.schema.ToolSchemas;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the administration endpoints write and the schema the OpenAPI document derives
 * from the same records agree — a token that never expires included, whose
 * {@code expires_at} is absent, never null.
 */
class AdminAnswersTests {

	private static final SchemaRegistry REGISTRY = SchemaRegistry
		.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

	private static final Instant CREATED = Instant.parse("2026-12-04T10:00:00Z");

	private static List<Error> validate(Object answer) {
		Schema schema = REGISTRY.getSchema(ToolSchemas.schemaOf(answer.getClass()));
		return schema.validate(ToolJson.mapper().valueToTree(answer));
	}

	@Test
	void aTokenThatNeverExpiresIsWrittenWithoutExpiresAtAndMatchesItsSchema() {
		TokenList list = new TokenList(List
			.of(new TokenInfo("t1", "default", "admin", List.of("read:crm"), CREATED, null, false), new TokenInfo("t2",
					"default", "ci", List.of("read:services"), CREATED, CREATED.plusSeconds(3600), true)));
		JsonNode written = ToolJson.mapper().valueToTree(list);
		assertThat(written.path("tokens").get(0).has("expires_at")).isFalse();
		assertThat(written.path("tokens").get(1).path("expires_at").asString()).isEqualTo("2026-12-04T11:00:00Z");
		assertThat(written.path("tokens").get(0).path("created_at").asString()).isEqualTo("2026-12-04T10:00:00Z");
		assertThat(validate(list)).isEmpty();
		assertThat(validate(new IssuedToken("smcp_x", "default", List.of("read:crm"), null))).isEmpty();
		assertThat(validate(new TenantList(List.of(new Tenant("acme", "Acme", CREATED))))).isEmpty();
	}

	@Test
	void theDerivedSchemaRefusesWhatTheHandWrittenMapUsedToWrite() {
		// the map of before wrote "expires_at": null, which a string date-time does not
		// allow
		ObjectNode before = ToolJson.mapper().createObjectNode();
		before.put("id", "t1")
			.put("tenant_id", "default")
			.put("name", "admin")
			.put("created_at", "2026-12-04T10:00:00Z")
			.put("revoked", false)
			.putNull("expires_at")
			.putArray("scopes")
			.add("read:crm");
		Schema schema = REGISTRY.getSchema(ToolSchemas.schemaOf(TokenInfo.class));
		assertThat(schema.validate(before)).isNotEmpty();
		assertThat(ToolSchemas.schemaOf(TokenInfo.class).path("required")).extracting(JsonNode::asString)
			.contains("id", "tenant_id", "name", "scopes", "created_at", "revoked")
			.doesNotContain("expires_at");
	}

}
