package cl.smartercl.mcp.server.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.modelcontextprotocol.json.schema.JsonSchemaValidator.ValidationResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import cl.smartercl.mcp.core.schema.ToolJson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutputSchemaValidatorTests {

	private final OutputSchemaValidator validator = new OutputSchemaValidator();

	private static Map<String, Object> schema() {
		Map<String, Object> schema = new LinkedHashMap<>();
		schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
		schema.put("type", "object");
		schema.put("properties", Map.of("count", Map.of("type", "integer"), "names",
				Map.of("type", "array", "items", Map.of("type", "string"))));
		schema.put("required", List.of("count"));
		return schema;
	}

	private static JsonNode json(String text) {
		return ToolJson.mapper().readTree(text);
	}

	@Test
	void aConformingTreeIsValidAsItIs() {
		ValidationResponse response = this.validator.validate(schema(), json("{\"count\":2,\"names\":[\"a\",\"b\"]}"));

		assertThat(response.valid()).isTrue();
		assertThat(response.errorMessage()).isNull();
	}

	@Test
	void aTreeThatBreaksTheSchemaIsInvalidAndTheMessageNamesWhat() {
		ValidationResponse missing = this.validator.validate(schema(), json("{\"names\":[\"a\"]}"));
		ValidationResponse wrongType = this.validator.validate(schema(), json("{\"count\":\"two\"}"));

		assertThat(missing.valid()).isFalse();
		assertThat(missing.errorMessage()).contains("count");
		assertThat(wrongType.valid()).isFalse();
		assertThat(wrongType.errorMessage()).contains("count").contains("integer");
	}

	@Test
	void aMapOrAStringIsValidatedLikeTheTree() {
		Map<String, Object> schema = schema();

		assertThat(this.validator.validate(schema, Map.of("count", 1)).valid()).isTrue();
		assertThat(this.validator.validate(schema, Map.of("count", "one")).valid()).isFalse();
		assertThat(this.validator.validate(schema, "{\"count\":1}").valid()).isTrue();
		assertThat(this.validator.validate(schema, "{\"names\":[]}").valid()).isFalse();
	}

	@Test
	void eachSchemaObjectIsCompiledOnceAndAnotherObjectIsNeverTakenForIt() {
		Map<String, Object> first = schema();
		Map<String, Object> equalButAnother = schema();
		Map<String, Object> different = schema();
		different.put("required", List.of("names"));

		for (int i = 0; i < 3; i++) {
			this.validator.validate(first, json("{\"count\":1}"));
		}
		assertThat(this.validator.cached()).isEqualTo(1);
		this.validator.validate(equalButAnother, json("{\"count\":1}"));
		assertThat(this.validator.cached()).isEqualTo(2);
		// compiled from its own content, whatever was compiled before
		assertThat(this.validator.validate(different, json("{\"count\":1}")).valid()).isFalse();
		assertThat(this.validator.validate(first, json("{\"count\":1}")).valid()).isTrue();
	}

	@Test
	void aMissingSchemaOrContentIsRefusedByName() {
		assertThatThrownBy(() -> this.validator.validate(null, json("{}"))).hasMessageContaining("output schema");
		assertThatThrownBy(() -> this.validator.validate(schema(), null)).hasMessageContaining("structured content");
	}

}
