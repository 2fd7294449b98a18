package cl.smartercl.mcp.core.schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapping of tool arguments and results: snake_case names (as the
 * documentation's {@code service_id}, {@code input_data}), absent rather than null
 * values, unknown names rejected. Schema generation uses the same naming, so the schema
 * and the binding cannot disagree.
 */
public final class ToolJson {

	private static final PropertyNamingStrategies.NamingBase NAMING = (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.changeDefaultPropertyInclusion((incl) -> incl.withValueInclusion(JsonInclude.Include.NON_NULL)
			.withContentInclusion(JsonInclude.Include.NON_NULL))
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private ToolJson() {
	}

	public static JsonMapper mapper() {
		return MAPPER;
	}

	/**
	 * The wire name of a Java property name, e.g. {@code serviceId} → {@code service_id}.
	 */
	public static String wireName(String javaName) {
		return NAMING.nameForField(null, null, javaName);
	}

}
