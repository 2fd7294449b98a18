package cl.smartercl.mcp.core.schema;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON Schemas (draft 2020-12) derived from the tool records, never written by hand. Every object
 * forbids properties it does not declare; everything is inlined (no {@code $ref}), which MCP clients
 * and models read best. Generated once per type and cached.
 */
public final class ToolSchemas {

	private static final SchemaGenerator GENERATOR = createGenerator();

	private static final Map<Class<?>, ObjectNode> CACHE = new ConcurrentHashMap<>();

	private ToolSchemas() {
	}

	/** The schema of a record; the returned node is a fresh copy the caller may change. */
	public static ObjectNode schemaOf(Class<?> type) {
		return CACHE.computeIfAbsent(type, (t) -> {
			ObjectNode schema = GENERATOR.generateSchema(t);
			schema.remove("$schema");
			return schema;
		}).deepCopy();
	}

	private static SchemaGenerator createGenerator() {
		SchemaGeneratorConfigBuilder builder = new SchemaGeneratorConfigBuilder(ToolJson.mapper(),
				SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
			.with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT, Option.INLINE_ALL_SCHEMAS,
					Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES)
			.without(Option.SCHEMA_VERSION_INDICATOR)
			.with(new JacksonModule(JacksonOption.RESPECT_JSONPROPERTY_REQUIRED,
					JacksonOption.FLATTENED_ENUMS_FROM_JSONPROPERTY, JacksonOption.RESPECT_JSONPROPERTY_ORDER));
		builder.forFields().withPropertyNameOverrideResolver((field) -> ToolJson.wireName(field.getDeclaredName()));
		return new SchemaGenerator(builder.build());
	}

}
