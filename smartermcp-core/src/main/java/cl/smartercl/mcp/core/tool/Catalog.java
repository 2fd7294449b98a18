package cl.smartercl.mcp.core.tool;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import cl.smartercl.mcp.core.tools.analytics.AnalyticsTools;
import cl.smartercl.mcp.core.tools.bots.BotsTools;
import cl.smartercl.mcp.core.tools.codegen.CodegenTools;
import cl.smartercl.mcp.core.tools.crm.CrmTools;
import cl.smartercl.mcp.core.tools.documentation.DocumentationTools;
import cl.smartercl.mcp.core.tools.infrastructure.InfrastructureTools;
import cl.smartercl.mcp.core.tools.services.ServicesTools;
import cl.smartercl.mcp.core.tools.support.SupportTools;
import cl.smartercl.mcp.core.tools.workflows.WorkflowsTools;

/**
 * Every tool SmarterMCP serves, in the order of the design's catalog. MCP, REST, OpenAPI
 * and the docs all list tools from here.
 */
public final class Catalog {

	private static final Catalog DEFAULT = new Catalog(defaultTools());

	private final List<ToolDefinition<?, ?>> tools;

	private final Map<String, ToolDefinition<?, ?>> byName;

	public Catalog(List<ToolDefinition<?, ?>> tools) {
		Map<String, ToolDefinition<?, ?>> index = new LinkedHashMap<>();
		for (ToolDefinition<?, ?> tool : tools) {
			if (index.putIfAbsent(tool.name(), tool) != null) {
				throw new IllegalArgumentException("duplicate tool name: " + tool.name());
			}
		}
		this.tools = List.copyOf(tools);
		this.byName = Collections.unmodifiableMap(index);
	}

	/** The 35 tools of the design. */
	public static Catalog standard() {
		return DEFAULT;
	}

	public List<ToolDefinition<?, ?>> tools() {
		return this.tools;
	}

	public Optional<ToolDefinition<?, ?>> find(String name) {
		return Optional.ofNullable(this.byName.get(name));
	}

	public int size() {
		return this.tools.size();
	}

	private static List<ToolDefinition<?, ?>> defaultTools() {
		List<ToolDefinition<?, ?>> all = new ArrayList<>();
		all.addAll(ServicesTools.all());
		all.addAll(WorkflowsTools.all());
		all.addAll(AnalyticsTools.all());
		all.addAll(CrmTools.all());
		all.addAll(SupportTools.all());
		all.addAll(BotsTools.all());
		all.addAll(InfrastructureTools.all());
		all.addAll(DocumentationTools.all());
		all.addAll(CodegenTools.all());
		return all;
	}

}
