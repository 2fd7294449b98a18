package cl.smartercl.mcp.connectors.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import cl.smartercl.mcp.core.tools.documentation.DocsApis;

/**
 * An OpenAPI 3.x or Swagger 2.0 document (JSON or YAML) reduced to what an agent needs to
 * find its way: title, version, how to authenticate, and one line per operation. Schemas
 * are left out.
 */
record OpenApiSummary(String title, String version, String auth, List<DocsApis.Operation> operations) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final YAMLMapper YAML = YAMLMapper.builder().build();

	private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch",
			"trace");

	static JsonNode parse(String text) {
		String trimmed = text.stripLeading();
		try {
			JsonNode node = trimmed.startsWith("{") ? JSON.readTree(trimmed) : YAML.readTree(trimmed);
			if (node == null || !node.isObject() || !(node.has("openapi") || node.has("swagger"))) {
				throw new IllegalArgumentException("not an OpenAPI or Swagger document");
			}
			return node;
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("not valid JSON or YAML", ex);
		}
	}

	static OpenApiSummary of(String text) {
		return of(parse(text));
	}

	static OpenApiSummary of(JsonNode document) {
		JsonNode info = document.path("info");
		List<DocsApis.Operation> operations = new ArrayList<>();
		for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
			// in the document's order; a path item also holds parameters, servers and
			// $ref
			for (Map.Entry<String, JsonNode> entry : path.getValue().properties()) {
				JsonNode operation = entry.getValue();
				if (METHODS.contains(entry.getKey()) && operation.isObject()) {
					operations.add(new DocsApis.Operation(entry.getKey().toUpperCase(), path.getKey(),
							text(operation, "operationId"), summary(operation), firstTag(operation)));
				}
			}
		}
		return new OpenApiSummary(text(info, "title"), text(info, "version"), auth(document), operations);
	}

	/** The summary, else the first sentence-sized line of the description. */
	private static String summary(JsonNode operation) {
		String summary = text(operation, "summary");
		if (summary != null && !summary.isBlank()) {
			return summary.strip();
		}
		String description = text(operation, "description");
		if (description == null || description.isBlank()) {
			return null;
		}
		String line = description.strip().lines().findFirst().orElse("");
		return (line.length() > 160) ? line.substring(0, 157) + "..." : line;
	}

	private static String firstTag(JsonNode operation) {
		JsonNode tags = operation.path("tags");
		return (tags.isArray() && !tags.isEmpty()) ? tags.get(0).asString() : null;
	}

	/**
	 * The security schemes in words, e.g.
	 * {@code API key in header X-N8N-API-KEY (ApiKeyAuth)}; the schemes required
	 * document-wide come first.
	 */
	static String auth(JsonNode document) {
		JsonNode schemes = document.has("components") ? document.path("components").path("securitySchemes")
				: document.path("securityDefinitions");
		if (!schemes.isObject() || schemes.isEmpty()) {
			return "none declared";
		}
		List<String> required = new ArrayList<>();
		document.path("security").forEach((requirement) -> required.addAll(requirement.propertyNames()));
		List<String> first = new ArrayList<>();
		List<String> others = new ArrayList<>();
		for (Map.Entry<String, JsonNode> scheme : schemes.properties()) {
			String words = scheme(scheme.getValue()) + " (" + scheme.getKey() + ")";
			(required.contains(scheme.getKey()) ? first : others).add(words);
		}
		first.addAll(others);
		return String.join("; ", first);
	}

	private static String scheme(JsonNode scheme) {
		String type = text(scheme, "type");
		if (type == null) {
			return "unknown scheme";
		}
		return switch (type) {
			case "apiKey" -> "API key in " + text(scheme, "in") + " " + text(scheme, "name");
			case "http" -> "HTTP " + text(scheme, "scheme")
					+ (scheme.has("bearerFormat") ? " (" + text(scheme, "bearerFormat") + ")" : "");
			case "basic" -> "HTTP basic";
			case "oauth2" -> "OAuth 2";
			case "openIdConnect" -> "OpenID Connect";
			case "mutualTLS" -> "mutual TLS";
			default -> type;
		};
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value == null || value.isNull() || value.isContainer()) ? null : value.asString();
	}

}
