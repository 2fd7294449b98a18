package cl.smartercl.mcp.server.mcp;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import cl.smartercl.mcp.core.schema.ToolJson;
import cl.smartercl.mcp.core.tool.Catalog;
import cl.smartercl.mcp.core.tool.ToolDescriptor;

import static org.assertj.core.api.Assertions.assertThat;

class McpToolSpecificationsTests {

	@Test
	void anOutputsRequiredMembersAreRequiredOnlyWhenThereIsNoError() {
		ObjectNode schema = McpToolSpecifications.withErrorMember(
				ToolDescriptor.of(Catalog.standard().find("crm_contacts_upsert").orElseThrow()).outputSchema());
		assertThat(schema.has("required")).isFalse();
		assertThat(schema.path("properties").path("error").path("type").asString()).isEqualTo("object");
		assertThat(schema.path("anyOf").get(0).path("required").toString()).contains("\"action\"");
		assertThat(schema.path("anyOf").get(1).path("required").toString()).isEqualTo("[\"error\"]");
	}

	@Test
	void anOutputWithoutRequiredMembersOnlyGainsTheErrorMember() {
		ObjectNode schema = ToolJson.mapper().createObjectNode().put("type", "object");
		schema.putObject("properties").putObject("items").put("type", "array");
		McpToolSpecifications.withErrorMember(schema);
		assertThat(schema.has("anyOf")).isFalse();
		assertThat(schema.path("properties").has("error")).isTrue();
	}

}
