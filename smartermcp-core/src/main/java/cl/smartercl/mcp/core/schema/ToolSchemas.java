package cl.smartercl.mcp.core.schema;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationModule;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON Schemas (draft 2020-12) derived from the tool records, never written by hand.
 * Every object forbids properties it does not declare; everything is inlined (no
 * {@code $ref}), which MCP clients and models read best. Bounds come from Jakarta
 * Validation's {@code @Min}/{@code @Max} on a record component
 * ({@code minimum}/{@code maximum}), a default from Jackson's
 * {@code @JsonProperty(defaultValue = ...)} ({@code default}, typed like the component).
 * Generated once per type and cached.
 */
public final class ToolSchemas {

	private static final SchemaGenerator GENERATOR = createGenerator();

	private static final Map<Class<?>, ObjectNode> CACHE = new ConcurrentHashMap<>();

	private ToolSchemas() {
	}

	/**
	 * The schema of a record; the returned node is a fresh copy the caller may change.
	 */
	public static ObjectNode schemaOf(Class<?> type) {
		return CACHE.computeIfAbsent(type, (t) -> {
			ObjectNode schema = GENERATOR.generateSchema(t);
			schema.remove("$schema");
			return schema;
		}).deepCopy();
	}

	private static SchemaGenerator createGenerator() {
		return new SchemaGenerator(configBuilder().with(Option.INLINE_ALL_SCHEMAS).build());
	}

	/**
	 * The configuration every schema of a tool record starts from: wire names, no
	 * undeclared properties, Jackson's required/enum/order annotations, bounds and
	 * defaults. This class adds inlining; the OpenAPI document adds named definitions
	 * instead, so the two cannot disagree on anything else.
	 */
	public static SchemaGeneratorConfigBuilder configBuilder() {
		SchemaGeneratorConfigBuilder builder = new SchemaGeneratorConfigBuilder(ToolJson.mapper(),
				SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
			.with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT, Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES)
			.without(Option.SCHEMA_VERSION_INDICATOR)
			.with(new JacksonModule(JacksonOption.RESPECT_JSONPROPERTY_REQUIRED,
					JacksonOption.FLATTENED_ENUMS_FROM_JSONPROPERTY, JacksonOption.RESPECT_JSONPROPERTY_ORDER))
			.with(new JakartaValidationModule());
		builder.forFields().withPropertyNameOverrideResolver((field) -> ToolJson.wireName(field.getDeclaredName()));
		builder.forFields().withDefaultResolver(ToolSchemas::defaultValue);
		return builder;
	}

	/**
	 * {@code @JsonProperty(defaultValue = "50")} on an Integer is the number 50, on a
	 * Boolean a boolean.
	 */
	private static Object defaultValue(FieldScope field) {
		JsonProperty property = field.getAnnotationConsideringFieldAndGetter(JsonProperty.class);
		if (property == null || property.defaultValue().isEmpty()) {
			return null;
		}
		String value = property.defaultValue();
		Class<?> type = field.getType().getErasedType();
		if (type == Integer.class || type == int.class) {
			return Integer.valueOf(value);
		}
		if (type == Long.class || type == long.class) {
			return Long.valueOf(value);
		}
		if (type == Boolean.class || type == boolean.class) {
			return Boolean.valueOf(value);
		}
		return value;
	}

}
