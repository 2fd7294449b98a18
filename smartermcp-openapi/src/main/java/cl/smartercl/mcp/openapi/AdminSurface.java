package cl.smartercl.mcp.openapi;

import java.util.Arrays;
import java.util.List;

import tools.jackson.databind.node.ObjectNode;

import cl.smartercl.mcp.core.admin.IssuedToken;
import cl.smartercl.mcp.core.admin.TenantList;
import cl.smartercl.mcp.core.admin.TokenList;
import cl.smartercl.mcp.core.auth.AgentProfile;
import cl.smartercl.mcp.core.auth.Scope;

/**
 * The REST endpoints that are not tool calls: the tool list, token and tenant
 * administration, and health. The answers of administration are records of
 * {@code core.admin}, their schemas derived like the tools'; the other shapes have no
 * record in core and are declared here, once.
 */
final class AdminSurface {

	static final String TAG_TOOLS = "tools";

	static final String TAG_AUTH = "auth";

	static final String TAG_TENANTS = "tenants";

	static final String TAG_HEALTH = "health";

	private AdminSurface() {
	}

	static void addSchemas(ComponentSchemas schemas) {
		schemas.addLiteral("ToolAnnotations", toolAnnotations());
		schemas.addLiteral("ToolDescriptor", toolDescriptor());
		schemas.addLiteral("ToolList", listOf("tools", "ToolDescriptor"));
		schemas.addLiteral("IssueTokenRequest", issueTokenRequest());
		// the answers are records the server writes: their schemas are derived, never
		// written twice
		schemas.add(IssuedToken.class);
		schemas.add(TokenList.class);
		schemas.addLiteral("CreateTenantRequest", createTenantRequest());
		schemas.add(TenantList.class);
		schemas.addLiteral("Health", health());
	}

	static void addPaths(ObjectNode paths) {
		ObjectNode listTools = operation(TAG_TOOLS, "listTools", "List the tools the caller's token may call",
				"Every tool of the catalog whose scope the token holds and whose backend the token's tenant "
						+ "configures, with its annotations and JSON Schemas. With `all=true`, every tool the scopes "
						+ "allow, each with `available` and, when false, `unavailable_reason` (the tenants-file key to add).");
		ObjectNode all = listTools.withArray("parameters").addObject();
		all.put("name", "all");
		all.put("in", "query");
		all.put("required", false);
		all.put("description", "List the tools the tenant cannot be served too, with the reason; default false.");
		all.putObject("schema").put("type", "boolean").put("default", false);
		ok(listTools, "200", "The tools the token may call.", "ToolList");
		Problems.addRefs(listTools.withObject("responses"), List.of(Problems.INVALID_ARGUMENTS));
		Problems.addRefs(listTools.withObject("responses"), Problems.COMMON);
		paths.putObject("/tools").set("get", listTools);

		ObjectNode issueToken = operation(TAG_AUTH, "issueToken", "Issue an API token",
				"Needs `admin:tenants`. Give either `scopes` or a `profile` (executor, director, writer). The token is "
						+ "shown once, in this response.");
		adminScope(issueToken);
		body(issueToken, "IssueTokenRequest");
		ok(issueToken, "201", "The new token.", "IssuedToken");
		Problems.addRefs(issueToken.withObject("responses"), List.of(Problems.INVALID_ARGUMENTS));
		Problems.addRefs(issueToken.withObject("responses"), Problems.COMMON);
		paths.putObject("/auth/token").set("post", issueToken);

		ObjectNode listTokens = operation(TAG_AUTH, "listTokens", "List API tokens",
				"Needs `admin:tenants`. Never shows the tokens themselves.");
		adminScope(listTokens);
		ok(listTokens, "200", "The tokens.", "TokenList");
		Problems.addRefs(listTokens.withObject("responses"), Problems.COMMON);
		paths.putObject("/auth/tokens").set("get", listTokens);

		ObjectNode revokeToken = operation(TAG_AUTH, "revokeToken", "Revoke an API token", "Needs `admin:tenants`.");
		adminScope(revokeToken);
		ObjectNode id = revokeToken.withArray("parameters").addObject();
		id.put("name", "id");
		id.put("in", "path");
		id.put("required", true);
		id.put("description", "The token's id from /auth/tokens.");
		id.putObject("schema").put("type", "string");
		revokeToken.withObject("responses").putObject("204").put("description", "Revoked.");
		Problems.addRefs(revokeToken.withObject("responses"), List.of(Problems.NOT_FOUND));
		Problems.addRefs(revokeToken.withObject("responses"), Problems.COMMON);
		paths.putObject("/auth/tokens/{id}").set("delete", revokeToken);

		ObjectNode createTenant = operation(TAG_TENANTS, "createTenant", "Create a tenant", "Needs `admin:tenants`.");
		adminScope(createTenant);
		body(createTenant, "CreateTenantRequest");
		ok(createTenant, "201", "The new tenant.", "Tenant");
		Problems.addRefs(createTenant.withObject("responses"), List.of(Problems.INVALID_ARGUMENTS, Problems.CONFLICT));
		Problems.addRefs(createTenant.withObject("responses"), Problems.COMMON);
		ObjectNode listTenants = operation(TAG_TENANTS, "listTenants", "List tenants", "Needs `admin:tenants`.");
		adminScope(listTenants);
		ok(listTenants, "200", "The tenants.", "TenantList");
		Problems.addRefs(listTenants.withObject("responses"), Problems.COMMON);
		ObjectNode tenants = paths.putObject("/tenants");
		tenants.set("get", listTenants);
		tenants.set("post", createTenant);

		ObjectNode health = operation(TAG_HEALTH, "getHealth", "Server and backend health",
				"Needs no token. `status` is healthy when every configured service and the database are up, "
						+ "degraded when some are down, unhealthy when the server cannot serve.");
		health.putArray("security");
		ok(health, "200", "The server's health.", "Health");
		Problems.addRefs(health.withObject("responses"), List.of(Problems.INTERNAL_ERROR));
		paths.putObject("/health").set("get", health);
	}

	private static ObjectNode operation(String tag, String operationId, String summary, String description) {
		ObjectNode operation = Json.object();
		operation.set("tags", Json.strings(tag));
		operation.put("operationId", operationId);
		operation.put("summary", summary);
		operation.put("description", description);
		return operation;
	}

	private static void adminScope(ObjectNode operation) {
		operation.put(ToolOperations.SCOPE_EXTENSION, Scope.ADMIN_TENANTS.value());
	}

	private static void body(ObjectNode operation, String component) {
		ObjectNode body = operation.putObject("requestBody");
		body.put("required", true);
		body.putObject("content").putObject("application/json").set("schema", ComponentSchemas.ref(component));
	}

	private static void ok(ObjectNode operation, String status, String description, String component) {
		ObjectNode response = operation.withObject("responses").putObject(status);
		response.put("description", description);
		response.putObject("content").putObject("application/json").set("schema", ComponentSchemas.ref(component));
	}

	private static ObjectNode listOf(String property, String component) {
		ObjectNode schema = Json.closedObject(null);
		schema.withObject("properties").set(property, Json.arrayOf(component));
		schema.set("required", Json.strings(property));
		return schema;
	}

	private static ObjectNode toolAnnotations() {
		ObjectNode schema = Json.closedObject("The four MCP tool annotations, always all set.");
		ObjectNode properties = schema.withObject("properties");
		for (String hint : List.of("readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint")) {
			properties.putObject(hint).put("type", "boolean");
		}
		schema.set("required", Json.strings("readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"));
		return schema;
	}

	private static ObjectNode toolDescriptor() {
		ObjectNode schema = Json.closedObject("One tool as REST and MCP describe it.");
		ObjectNode properties = schema.withObject("properties");
		properties.set("name", Json.string("The tool name; call it with POST /tools/{name}."));
		properties.set("category", Json.string("The category: its OpenAPI tag and its rate limit."));
		properties.set("description", Json.string(null));
		properties.set("scope", Json.string("The scope a token must hold to call it."));
		properties.set("annotations", ComponentSchemas.ref("ToolAnnotations"));
		properties.set("input_schema", freeForm("JSON Schema (draft 2020-12) of the tool's arguments."));
		properties.set("output_schema", freeForm("JSON Schema (draft 2020-12) of the tool's result."));
		properties.putObject("available")
			.put("type", "boolean")
			.put("description", "Only with all=true: whether the token's tenant can be served the tool.");
		properties.set("unavailable_reason",
				Json.string("Only with all=true, when not available: why, and the " + "tenants-file key to add."));
		schema.set("required", Json.strings("name", "category", "description", "scope", "annotations", "input_schema"));
		return schema;
	}

	private static ObjectNode issueTokenRequest() {
		ObjectNode schema = Json.closedObject("Give either scopes or a profile.");
		ObjectNode properties = schema.withObject("properties");
		properties.set("name", Json.string("Who or what will use the token; shown in metrics and audit as the agent."));
		ObjectNode scopes = Json.object();
		scopes.put("type", "array");
		scopes.put("description", "The scopes to grant.");
		scopes.set("items", scopeEnum());
		properties.set("scopes", scopes);
		properties.set("profile", Json.enumOf("A named preset of scopes instead of scopes.", profiles()));
		properties.set("expires_at", Json.dateTime("When the token stops working; default never."));
		properties.set("tenant_id", Json.string("The tenant the token acts for; default the caller's tenant."));
		schema.set("required", Json.strings("name"));
		return schema;
	}

	private static ObjectNode createTenantRequest() {
		ObjectNode schema = Json.closedObject(null);
		ObjectNode properties = schema.withObject("properties");
		properties.set("id", Json.string("The tenant id, as in the tenants file and the X-Tenant-ID header."));
		properties.set("name", Json.string(null));
		schema.set("required", Json.strings("id", "name"));
		return schema;
	}

	private static ObjectNode health() {
		ObjectNode schema = Json.object();
		schema.put("type", "object");
		ObjectNode properties = schema.putObject("properties");
		properties.set("status", Json.enumOf(null, "healthy", "degraded", "unhealthy"));
		properties.set("version", Json.string("The server's version."));
		properties.set("uptime", Json.integer("How long the server has been running, in seconds."));
		ObjectNode services = Json.object();
		services.put("type", "object");
		services.put("description", "Each backend (n8n, supabase, odoo, chatwoot, botpress, metabase) and its state.");
		services.putObject("additionalProperties").put("type", "string");
		properties.set("services", services);
		properties.set("database", Json.enumOf("The server's own store.", "connected", "disconnected"));
		properties.set("timestamp", Json.dateTime(null));
		schema.set("required", Json.strings("status"));
		return schema;
	}

	private static ObjectNode scopeEnum() {
		String[] values = Arrays.stream(Scope.values()).map(Scope::value).toArray(String[]::new);
		return Json.enumOf(null, values);
	}

	private static String[] profiles() {
		return Arrays.stream(AgentProfile.values()).map(AgentProfile::value).toArray(String[]::new);
	}

	private static ObjectNode freeForm(String description) {
		ObjectNode schema = Json.object();
		schema.put("type", "object");
		schema.put("description", description);
		return schema;
	}

}
