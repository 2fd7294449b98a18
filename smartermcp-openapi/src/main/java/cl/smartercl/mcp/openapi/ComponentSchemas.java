package cl.smartercl.mcp.openapi;

import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.classmate.ResolvedType;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.CustomDefinitionProviderV2;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import cl.smartercl.mcp.core.schema.ToolJson;
import cl.smartercl.mcp.core.schema.ToolSchemas;

/**
 * The tool records as named OpenAPI components. {@link ToolSchemas} inlines everything
 * because MCP clients read that best; a generated SDK wants the opposite — one named
 * schema per record and enum, so that {@code ServicesList.Service} becomes a class
 * {@code ServicesListService} rather than {@code ServicesListOutputServicesInner}. The
 * generator below starts from {@link ToolSchemas#configBuilder()} (same naming, options,
 * bounds and defaults) and keeps definitions, and {@code OpenApiDocumentTests} checks
 * that resolving the references gives back exactly the {@link ToolSchemas} schema (but
 * for the added OpenAPI number {@code format}s), so the REST binder and the document
 * cannot disagree.
 */
final class ComponentSchemas {

	private static final String CONTRACTS = "cl.smartercl.mcp.core.tools.";

	/** The answers of the administration endpoints: components too. */
	private static final String ADMIN_ANSWERS = "cl.smartercl.mcp.core.admin.";

	/**
	 * The OpenAPI formats of Java number types; an {@code int} needs none (int32 is the
	 * default).
	 */
	static final Map<Class<?>, String> NUMBER_FORMATS = Map.of(long.class, "int64", Long.class, "int64", double.class,
			"double", Double.class, "double", float.class, "float", Float.class, "float");

	private static final String DEFS_PREFIX = "#/$defs/";

	static final String REF_PREFIX = "#/components/schemas/";

	private final SchemaGenerator generator = createGenerator();

	private final Map<String, ObjectNode> schemas = new TreeMap<>();

	private final Map<String, Class<?>> owners = new TreeMap<>();

	/**
	 * Adds the schema of {@code type} and of every record and enum it uses.
	 * @return the component name of {@code type}
	 */
	String add(Class<?> type) {
		ObjectNode generated = this.generator.generateSchema(type);
		JsonNode defs = generated.remove("$defs");
		String mainName = nameOf(type);
		if (defs != null) {
			for (Map.Entry<String, JsonNode> def : defs.properties()) {
				ObjectNode schema = (ObjectNode) def.getValue().deepCopy();
				rewriteRefs(schema);
				put(def.getKey(), schema, null);
			}
		}
		String ref = generated.path("$ref").asString("");
		if (!ref.equals(DEFS_PREFIX + mainName)) {
			// a main schema without a definition of its own: keep it under its name
			generated.remove("$schema");
			rewriteRefs(generated);
			put(mainName, generated, type);
		}
		this.owners.putIfAbsent(mainName, type);
		return mainName;
	}

	/** Adds a hand-written schema (the problem, the admin bodies) under {@code name}. */
	void addLiteral(String name, ObjectNode schema) {
		put(name, schema, null);
	}

	Map<String, ObjectNode> all() {
		return this.schemas;
	}

	static ObjectNode ref(String name) {
		ObjectNode ref = ToolJson.mapper().createObjectNode();
		ref.put("$ref", REF_PREFIX + name);
		return ref;
	}

	private void put(String name, ObjectNode schema, Class<?> owner) {
		ObjectNode previous = this.schemas.putIfAbsent(name, schema);
		if (previous != null && !previous.equals(schema)) {
			throw new IllegalStateException("two different schemas want the component name " + name
					+ (owner == null ? "" : " (" + owner.getName() + ")"));
		}
	}

	private static void rewriteRefs(JsonNode node) {
		if (node instanceof ObjectNode object) {
			JsonNode ref = object.get("$ref");
			if (ref != null && ref.isString() && ref.asString().startsWith(DEFS_PREFIX)) {
				object.put("$ref", REF_PREFIX + ref.asString().substring(DEFS_PREFIX.length()));
			}
			object.values().forEach(ComponentSchemas::rewriteRefs);
		}
		else if (node != null && node.isArray()) {
			node.values().forEach(ComponentSchemas::rewriteRefs);
		}
	}

	/**
	 * {@code ServicesList.Input} → {@code ServicesListInput}; a top-level type keeps its
	 * simple name.
	 */
	static String nameOf(Class<?> type) {
		StringBuilder name = new StringBuilder(type.getSimpleName());
		for (Class<?> outer = type.getEnclosingClass(); outer != null; outer = outer.getEnclosingClass()) {
			name.insert(0, outer.getSimpleName());
		}
		return name.toString();
	}

	private static SchemaGenerator createGenerator() {
		SchemaGeneratorConfigBuilder builder = ToolSchemas.configBuilder()
			.with(Option.DEFINITIONS_FOR_ALL_OBJECTS, Option.DEFINITION_FOR_MAIN_SCHEMA);
		builder.forTypesInGeneral().withTypeAttributeOverride((schema, scope, context) -> {
			// OpenAPI formats, so that generated clients use long and double rather than
			// int and BigDecimal
			String format = NUMBER_FORMATS.get(scope.getType().getErasedType());
			if (format != null) {
				schema.put("format", format);
			}
		})
			.withDefinitionNamingStrategy((key, context) -> nameOf(key.getType().getErasedType()))
			.withCustomDefinitionProvider(new CustomDefinitionProviderV2() {
				@Override
				public CustomDefinition provideCustomSchemaDefinition(ResolvedType javaType,
						SchemaGenerationContext context) {
					// only the contract's own records and enums become components; maps,
					// lists, times stay inline
					String name = javaType.getErasedType().getName();
					if (name.startsWith(CONTRACTS) || name.startsWith(ADMIN_ANSWERS)) {
						return null;
					}
					return new CustomDefinition(context.createStandardDefinition(javaType, this),
							CustomDefinition.DefinitionType.INLINE, CustomDefinition.INCLUDING_ATTRIBUTES);
				}
			});
		return new SchemaGenerator(builder.build());
	}

}
