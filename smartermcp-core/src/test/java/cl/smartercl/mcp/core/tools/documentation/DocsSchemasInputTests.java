package cl.smartercl.mcp.core.tools.documentation;

import org.junit.jupiter.api.Test;

import cl.smartercl.mcp.core.error.InvalidArgumentsException;
import cl.smartercl.mcp.core.schema.ArgumentBinder;
import cl.smartercl.mcp.core.schema.ToolJson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code docs_schemas} takes the schema as {@code schema} or, as the design names it,
 * {@code database}.
 */
class DocsSchemasInputTests {

	private static DocsSchemas.Input bind(String json) {
		return ArgumentBinder.bind(ToolJson.mapper().readTree(json), DocsSchemas.Input.class);
	}

	@Test
	void eitherNameGivesTheSchemaAndSaysWhichWasUsed() {
		DocsSchemas.Input bySchema = bind("{\"schema\":\"public\"}");
		assertThat(bySchema.schemaName()).isEqualTo("public");
		assertThat(bySchema.namedBy()).isEqualTo("schema");
		DocsSchemas.Input byDatabase = bind("{\"database\":\"shop\"}");
		assertThat(byDatabase.schemaName()).isEqualTo("shop");
		assertThat(byDatabase.namedBy()).isEqualTo("database");
		assertThat(bind("{\"schema\":\"shop\",\"database\":\"shop\"}").schemaName()).isEqualTo("shop");
	}

	@Test
	void neitherOrTwoDifferentNamesAreRefusedSayingWhy() {
		assertThatThrownBy(() -> bind("{}")).isInstanceOfSatisfying(InvalidArgumentsException.class,
				(ex) -> assertThat(ex.getMessage()).contains("schema").contains("database").contains("public"));
		assertThatThrownBy(() -> bind("{\"schema\":\"public\",\"database\":\"shop\"}")).isInstanceOfSatisfying(
				InvalidArgumentsException.class,
				(ex) -> assertThat(ex.getMessage()).contains("'shop'").contains("'public'").contains("give one"));
		assertThatThrownBy(() -> bind("{\"database\":\" \"}")).isInstanceOfSatisfying(InvalidArgumentsException.class,
				(ex) -> assertThat(ex.getMessage()).contains("'database'"));
	}

}
