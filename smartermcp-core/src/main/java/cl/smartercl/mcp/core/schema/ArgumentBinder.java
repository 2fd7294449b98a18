package cl.smartercl.mcp.core.schema;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.ValueInstantiationException;

import cl.smartercl.mcp.core.error.InvalidArgumentsException;
import cl.smartercl.mcp.core.error.ToolException;
import cl.smartercl.mcp.core.tools.common.Bounds;

/**
 * Turns untyped JSON arguments into a tool's input record, or fails with an
 * {@link InvalidArgumentsException} that names the argument and what was expected. The
 * JSON is first checked against the record's own schema (so the wording is the same over
 * MCP and REST), then bound; rules a schema cannot say (ranges across fields, formats)
 * live in the records' constructors.
 */
public final class ArgumentBinder {

	private static final SchemaRegistry REGISTRY = SchemaRegistry
		.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

	private static final Map<Class<?>, Schema> SCHEMAS = new ConcurrentHashMap<>();

	private ArgumentBinder() {
	}

	/**
	 * @param arguments the arguments as sent; {@code null} counts as an empty object
	 */
	public static <I> I bind(JsonNode arguments, Class<I> inputType) {
		JsonNode args = (arguments == null || arguments.isNull() || arguments.isMissingNode())
				? ToolJson.mapper().createObjectNode() : arguments;
		if (!args.isObject()) {
			throw new InvalidArgumentsException(null, "arguments must be a JSON object, got " + kind(args));
		}
		List<Error> errors = schemaFor(inputType).validate(args);
		if (!errors.isEmpty()) {
			throw describe(errors, inputType);
		}
		try {
			return ToolJson.mapper().treeToValue(args, inputType);
		}
		catch (ValueInstantiationException ex) {
			if (ex.getCause() instanceof ToolException toolException) {
				throw toolException;
			}
			throw new InvalidArgumentsException(null, rootMessage(ex));
		}
		catch (JacksonException ex) {
			throw new InvalidArgumentsException(path(ex), rootMessage(ex));
		}
	}

	private static Schema schemaFor(Class<?> type) {
		return SCHEMAS.computeIfAbsent(type, (t) -> REGISTRY.getSchema(ToolSchemas.schemaOf(t)));
	}

	private static InvalidArgumentsException describe(List<Error> errors, Class<?> inputType) {
		// report the first problem in a stable order: unknown names first, then missing,
		// then types
		Error first = errors.stream().min(Comparator.comparingInt(ArgumentBinder::rank)).orElseThrow();
		String location = location(first);
		String keyword = first.getKeyword();
		if ("additionalProperties".equals(keyword)) {
			String name = first.getProperty();
			String where = location.isEmpty() ? "" : " in '" + location + "'";
			return new InvalidArgumentsException(join(location, name), "unknown argument '" + name + "'" + where
					+ "; valid arguments: " + validNames(inputType, location));
		}
		if ("required".equals(keyword)) {
			String name = first.getProperty();
			return new InvalidArgumentsException(join(location, name), "required argument is missing");
		}
		if ("type".equals(keyword)) {
			return new InvalidArgumentsException(location.isEmpty() ? null : location,
					"expected " + typeText(first.getSchemaNode()) + ", got " + kind(first.getInstanceNode()));
		}
		if ("minimum".equals(keyword) || "maximum".equals(keyword)) {
			// the wording of the records' own check (Bounds), from the bounds the schema
			// declares
			JsonNode property = propertySchema(inputType, location);
			Long min = property.has("minimum") ? property.path("minimum").asLong() : null;
			Long max = property.has("maximum") ? property.path("maximum").asLong() : null;
			return new InvalidArgumentsException(location, Bounds.range(min, max) + ", got " + first.getInstanceNode());
		}
		if ("enum".equals(keyword)) {
			return new InvalidArgumentsException(location,
					"must be one of " + first.getSchemaNode() + ", got " + first.getInstanceNode());
		}
		return new InvalidArgumentsException(location.isEmpty() ? null : location, stripLocation(first.getMessage()));
	}

	private static int rank(Error error) {
		return switch (String.valueOf(error.getKeyword())) {
			case "additionalProperties" -> 0;
			case "required" -> 1;
			case "type" -> 2;
			default -> 3;
		};
	}

	/**
	 * The property names the schema declares for the object at {@code location} (dotted,
	 * with [i] for items).
	 */
	private static String validNames(Class<?> inputType, String location) {
		JsonNode node = propertySchema(inputType, location);
		TreeSet<String> names = new TreeSet<>(node.path("properties").propertyNames());
		return names.isEmpty() ? "(none)" : String.join(", ", names);
	}

	/**
	 * The schema of the value at {@code location} (dotted, with [i] for items); the root
	 * for none.
	 */
	private static JsonNode propertySchema(Class<?> inputType, String location) {
		JsonNode node = ToolSchemas.schemaOf(inputType);
		if (!location.isEmpty()) {
			for (String step : location.split("\\.")) {
				String name = step.replaceAll("\\[\\d+]", "");
				node = node.path("properties").path(name);
				for (int i = step.indexOf('['); i >= 0; i = step.indexOf('[', i + 1)) {
					node = node.path("items");
				}
			}
		}
		return node;
	}

	private static String typeText(JsonNode type) {
		return type.isString() ? type.asString() : type.toString();
	}

	/**
	 * The instance location as a dotted path ({@code contact.email},
	 * {@code items[0].name}).
	 */
	private static String location(Error error) {
		String raw = (error.getInstanceLocation() == null) ? "" : error.getInstanceLocation().toString();
		StringBuilder path = new StringBuilder();
		for (String step : raw.replaceFirst("^[$#]?", "").split("[/.]")) {
			if (step.isEmpty()) {
				continue;
			}
			String name = step.replace("~1", "/").replace("~0", "~");
			if (name.matches("\\d+")) {
				path.append('[').append(name).append(']');
			}
			else {
				path.append(path.isEmpty() ? "" : ".").append(name);
			}
		}
		return path.toString();
	}

	private static String join(String location, String name) {
		return location.isEmpty() ? name : location + "." + name;
	}

	private static String stripLocation(String message) {
		int colon = message.indexOf(": ");
		return (colon > 0 && message.startsWith("$")) ? message.substring(colon + 2) : message;
	}

	private static String kind(JsonNode node) {
		if (node == null || node.isNull()) {
			return "null";
		}
		if (node.isObject()) {
			return "object";
		}
		if (node.isArray()) {
			return "array";
		}
		if (node.isString()) {
			return "string";
		}
		if (node.isBoolean()) {
			return "boolean";
		}
		if (node.isIntegralNumber()) {
			return "integer";
		}
		if (node.isNumber()) {
			return "number";
		}
		return node.getNodeType().name().toLowerCase();
	}

	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference ref : ex.getPath()) {
			if (ref.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(ref.getPropertyName());
			}
			else if (ref.getIndex() >= 0) {
				path.append('[').append(ref.getIndex()).append(']');
			}
		}
		return path.isEmpty() ? null : path.toString();
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = (root.getMessage() == null) ? "the value has the wrong type or shape" : root.getMessage();
		int nl = message.indexOf('\n');
		// never a Java type name in what the client reads (issue 15 #8)
		return ClientText.sanitize(nl > 0 ? message.substring(0, nl) : message);
	}

}
