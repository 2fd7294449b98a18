package cl.smartercl.mcp.openapi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

import cl.smartercl.mcp.core.tool.Catalog;
import cl.smartercl.mcp.core.tool.Category;
import cl.smartercl.mcp.core.tool.ToolDefinition;

/**
 * The OpenAPI 3.1 document of SmarterMCP's REST surface, derived from the tool catalog:
 * one tag per category, one {@code POST /tools/<name>} per tool, the records' schemas as
 * named components, the shared problem schema, bearer auth, and the token, tenant,
 * tool-list and health endpoints.
 * <p>
 * The rendered document is committed as {@value #RESOURCE} (the SDK is generated from
 * that file, and the server can serve it from the classpath). {@code OpenApiDriftTests}
 * fails when it and the catalog disagree; regenerate with
 * {@code mvn -o -q test -pl smartermcp-openapi -Dtest=OpenApiDriftTests -Dopenapi.update=true}.
 */
public final class OpenApiDocument {

	/** The committed document, on the classpath and under {@code src/main/resources}. */
	public static final String RESOURCE = "openapi/smartermcp.yaml";

	/** Version of the REST contract (not of the server build). */
	static final String API_VERSION = "0.1.0";

	static final String SECURITY_SCHEME = "bearerAuth";

	private static final YAMLMapper YAML = YAMLMapper.builder()
		.disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
		.enable(YAMLWriteFeature.MINIMIZE_QUOTES)
		.build();

	private OpenApiDocument() {
	}

	/** The document as a tree. */
	public static ObjectNode build(Catalog catalog) {
		ComponentSchemas schemas = new ComponentSchemas();
		ObjectNode document = Json.object();
		document.put("openapi", "3.1.0");
		document.set("info", info());
		document.putArray("servers")
			.addObject()
			.put("url", "http://localhost:8080")
			.put("description", "A server started with the default SERVER_PORT");
		document.putArray("security").addObject().putArray(SECURITY_SCHEME);
		document.set("tags", tags());

		ObjectNode paths = document.putObject("paths");
		AdminSurface.addPaths(paths);
		for (ToolDefinition<?, ?> tool : catalog.tools()) {
			paths.putObject(ToolOperations.path(tool)).set("post", ToolOperations.operation(tool, schemas));
		}

		AdminSurface.addSchemas(schemas);
		schemas.addLiteral(ToolOperations.LOG_LEVEL, ToolOperations.logLevelSchema());
		schemas.addLiteral(Problems.SCHEMA, Problems.schema());
		ObjectNode components = document.putObject("components");
		ObjectNode componentSchemas = components.putObject("schemas");
		for (Map.Entry<String, ObjectNode> schema : schemas.all().entrySet()) {
			componentSchemas.set(schema.getKey(), schema.getValue());
		}
		components.set("responses", Problems.responses());
		components.set("parameters", ToolOperations.parameters());
		ObjectNode bearer = components.putObject("securitySchemes").putObject(SECURITY_SCHEME);
		bearer.put("type", "http");
		bearer.put("scheme", "bearer");
		bearer.put("bearerFormat", "smcp_...");
		bearer.put("description", "An API token issued by POST /auth/token (or the bootstrap SMARTERMCP_ADMIN_TOKEN). "
				+ "Its scopes decide which tools it may call.");
		return document;
	}

	/** The document as committed: YAML, stable order, ending with a newline. */
	public static String render(Catalog catalog) {
		return YAML.writeValueAsString(build(catalog));
	}

	/**
	 * Writes the document of the standard catalog to the path given (default: the
	 * committed file).
	 */
	public static void main(String[] args) throws IOException {
		Path target = Path.of(args.length > 0 ? args[0] : "smartermcp-openapi/src/main/resources/" + RESOURCE);
		Files.createDirectories(target.toAbsolutePath().getParent());
		Files.writeString(target, render(Catalog.standard()), StandardCharsets.UTF_8);
	}

	private static ObjectNode info() {
		ObjectNode info = Json.object();
		info.put("title", "SmarterMCP REST API");
		info.put("version", API_VERSION);
		info.put("summary", "Governed access to a self-hosted business stack: the same tools as over MCP.");
		info.put("description", """
				Every tool of SmarterMCP is one `POST /tools/{name}` whose body is the tool's arguments and whose \
				result is the tool's output, under the same scopes, tenant and rate-limit rules as MCP.

				Authenticate with `Authorization: Bearer smcp_...`. A token acts for its tenant; a token allowed \
				several may choose one with `X-Tenant-ID`. Errors are RFC 9457 problem details \
				(`application/problem+json`) with a stable `code`; over a limit the answer is 429 with `Retry-After`.

				A tool call made with `Accept: text/event-stream` answers with server-sent events instead: \
				`progress` events, one event per log line named after its logger (the tool) whose data is the \
				line, and last a `result` event (the output as JSON) or an `error` event (a problem). \
				`log_level` chooses the lowest level of the log lines sent (default `info`).

				This document is generated from the tool catalog; do not edit it by hand.""");
		return info;
	}

	private static String describe(Category category) {
		return switch (category) {
			case SERVICES -> "The tenant's registered services: list, health, deploy, restart, logs.";
			case WORKFLOWS -> "n8n workflows: list, trigger, execution status, create.";
			case ANALYTICS -> "Metabase: KPIs, dashboards, reports.";
			case CRM -> "Odoo CRM: contacts, opportunities, pipeline.";
			case SUPPORT -> "Chatwoot: conversations, agents, metrics.";
			case BOTS -> "Botpress: bots, their conversations and analytics, deploy.";
			case INFRASTRUCTURE -> "Docker hosts: status, metrics, containers.";
			case DOCUMENTATION -> "Service docs, backend API descriptions, database schemas.";
			case CODEGEN -> "Generated n8n workflows, Botpress skills and API clients.";
		};
	}

	private static ArrayNode tags() {
		ArrayNode tags = Json.object().arrayNode();
		for (Category category : Category.values()) {
			tags.addObject().put("name", category.value()).put("description", describe(category));
		}
		tags.addObject().put("name", AdminSurface.TAG_TOOLS).put("description", "What the caller may call.");
		tags.addObject().put("name", AdminSurface.TAG_AUTH).put("description", "API tokens (admin:tenants).");
		tags.addObject().put("name", AdminSurface.TAG_TENANTS).put("description", "Tenants (admin:tenants).");
		tags.addObject()
			.put("name", AdminSurface.TAG_HEALTH)
			.put("description", "Server and backend health, no token.");
		return tags;
	}

}
