package cl.smartercl.mcp.core.tool;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import cl.smartercl.mcp.core.error.InvalidArgumentsException;
import cl.smartercl.mcp.core.schema.ArgumentBinder;
import cl.smartercl.mcp.core.schema.ToolJson;
import cl.smartercl.mcp.core.schema.ToolSchemas;
import cl.smartercl.mcp.core.tools.common.Paged;
import cl.smartercl.mcp.core.tools.crm.CrmContactsList;
import cl.smartercl.mcp.core.tools.documentation.DocsApis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bounds and defaults are declared on the records and carried by the schemas; the paged
 * tools share one paging type. Catalog-wide sweeps, and the wording a bound gives when it
 * is broken.
 */
class SchemaBoundsTests {

	private static final List<ToolDefinition<?, ?>> TOOLS = Catalog.standard().tools();

	@Test
	void everyPagedToolSharesThePagingType() {
		List<ToolDefinition<?, ?>> paged = TOOLS.stream()
			.filter((tool) -> input(tool).has("limit") && input(tool).has("cursor"))
			.toList();
		assertThat(paged).extracting(ToolDefinition::name)
			.contains("crm_contacts_list", "crm_opportunities_list", "support_conversations_list",
					"bots_conversations");
		for (ToolDefinition<?, ?> tool : paged) {
			assertThat(Paged.class).as(tool.name()).isAssignableFrom(tool.inputType());
			JsonNode limit = input(tool).path("limit");
			assertThat(limit.path("minimum").asInt()).as(tool.name()).isEqualTo(1);
			assertThat(limit.has("maximum")).as(tool.name()).isTrue();
			assertThat(limit.path("default").asInt()).as(tool.name()).isBetween(1, limit.path("maximum").asInt());
			assertThat(input(tool).path("cursor").path("description").asString()).isEqualTo(Paged.CURSOR);
		}
	}

	@Test
	void everyDefaultIsAValueTheArgumentAccepts() {
		for (ToolDefinition<?, ?> tool : TOOLS) {
			for (String name : input(tool).propertyNames()) {
				JsonNode property = input(tool).path(name);
				if (!property.has("default")) {
					continue;
				}
				JsonNode value = property.path("default");
				String what = tool.name() + "." + name;
				if (property.has("enum")) {
					assertThat(property.path("enum").valueStream()).as(what).contains(value);
				}
				if (property.has("minimum")) {
					assertThat(value.asLong()).as(what).isGreaterThanOrEqualTo(property.path("minimum").asLong());
				}
				if (property.has("maximum")) {
					assertThat(value.asLong()).as(what).isLessThanOrEqualTo(property.path("maximum").asLong());
				}
			}
		}
	}

	/**
	 * The default a schema states is the one the record fills in (tools whose arguments
	 * are all optional).
	 */
	@Test
	void theStatedDefaultIsTheOneApplied() {
		int checked = 0;
		for (ToolDefinition<?, ?> tool : TOOLS) {
			JsonNode schema = ToolSchemas.schemaOf(tool.inputType());
			if (schema.has("required")) {
				continue;
			}
			// docs_schemas needs one of two alternative arguments (schema or database),
			// so no property is
			// "required" in its schema; it is given the one it needs, and its defaults
			// are checked as the others
			JsonNode given = "docs_schemas".equals(tool.name()) ? json("{\"schema\":\"public\"}") : null;
			JsonNode bound = ToolJson.mapper().valueToTree(ArgumentBinder.bind(given, tool.inputType()));
			for (String name : schema.path("properties").propertyNames()) {
				JsonNode property = schema.path("properties").path(name);
				if (property.has("default")) {
					assertThat(bound.path(name)).as(tool.name() + "." + name).isEqualTo(property.path("default"));
					checked++;
				}
			}
		}
		assertThat(checked).as("defaults checked").isGreaterThanOrEqualTo(8);
	}

	@Test
	void aBrokenBoundNamesTheRangeLikeTheRecordDoes() {
		assertThatThrownBy(() -> ArgumentBinder.bind(json("{\"limit\":0}"), CrmContactsList.Input.class))
			.isInstanceOf(InvalidArgumentsException.class)
			.hasMessage("Invalid argument 'limit': must be between 1 and 500, got 0");
		assertThatThrownBy(() -> new CrmContactsList.Input(501, null, null))
			.isInstanceOf(InvalidArgumentsException.class)
			.hasMessage("Invalid argument 'limit': must be between 1 and 500, got 501");
		assertThatThrownBy(() -> ArgumentBinder.bind(json("{\"service_id\":\"n8n\",\"page\":0}"), DocsApis.Input.class))
			.hasMessage("Invalid argument 'page': must be 1 or more, got 0");
		assertThat(ArgumentBinder.bind(json("{}"), CrmContactsList.Input.class).limit())
			.isEqualTo(CrmContactsList.DEFAULT_LIMIT);
	}

	private static JsonNode input(ToolDefinition<?, ?> tool) {
		return ToolSchemas.schemaOf(tool.inputType()).path("properties");
	}

	private static JsonNode json(String text) {
		return ToolJson.mapper().readTree(text);
	}

}
