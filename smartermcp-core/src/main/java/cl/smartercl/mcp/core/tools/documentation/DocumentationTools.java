package cl.smartercl.mcp.core.tools.documentation;

import java.util.List;

import cl.smartercl.mcp.core.auth.Scope;
import cl.smartercl.mcp.core.tool.Backend;
import cl.smartercl.mcp.core.tool.Category;
import cl.smartercl.mcp.core.tool.ToolDefinition;
import cl.smartercl.mcp.core.tool.ToolHints;

/** The three documentation tools. */
public final class DocumentationTools {

	public static final ToolDefinition<DocsServices.Input, DocsServices.Output> DOCS_SERVICES = new ToolDefinition<>(
			"docs_services", Category.DOCUMENTATION,
			"Documentation of a configured service: what it is, which tools use it, how it is configured for this "
					+ "tenant (no secrets), its live version and health.",
			Scope.READ_SERVICES, ToolHints.readsBackend(), "documentation", DocsServices.Input.class,
			DocsServices.Output.class, (ctx, in) -> ctx.port(DocumentationPort.class).services(in))
		// bundled docs and the tenant's configuration; its one outside call, the
		// live probe of a configured backend, has its own time limit, and a failed
		// probe is the answer's health ("unhealthy: ..."), so no backend failure can
		// fail the call
		.guardingOwnCalls();

	public static final ToolDefinition<DocsApis.Input, DocsApis.Output> DOCS_APIS = new ToolDefinition<>("docs_apis",
			Category.DOCUMENTATION,
			"A service's API description, summarised as operations (method, path, summary) with its auth scheme; "
					+ "fetched live when the service publishes one, paginated.",
			Scope.READ_SERVICES, ToolHints.readsBackend(), "documentation", DocsApis.Input.class, DocsApis.Output.class,
			(ctx, in) -> ctx.port(DocumentationPort.class).apis(in));

	public static final ToolDefinition<DocsSchemas.Input, DocsSchemas.Output> DOCS_SCHEMAS = new ToolDefinition<>(
			"docs_schemas", Category.DOCUMENTATION,
			"Describe a database schema of the tenant's PostgreSQL/Supabase: tables and views, columns, keys, "
					+ "indexes, row-level security and its policies, comments, row estimates.",
			Scope.READ_SERVICES, ToolHints.readsBackend(), Backend.SUPABASE, DocsSchemas.Input.class,
			DocsSchemas.Output.class, (ctx, in) -> ctx.port(DocumentationPort.class).schemas(in));

	private DocumentationTools() {
	}

	public static List<ToolDefinition<?, ?>> all() {
		return List.of(DOCS_SERVICES, DOCS_APIS, DOCS_SCHEMAS);
	}

}
