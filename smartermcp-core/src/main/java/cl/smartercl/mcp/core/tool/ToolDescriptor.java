package cl.smartercl.mcp.core.tool;

import tools.jackson.databind.node.ObjectNode;

import cl.smartercl.mcp.core.schema.ToolJson;
import cl.smartercl.mcp.core.schema.ToolSchemas;

/**
 * A tool as its clients see it: the one rendering of a {@link ToolDefinition}. MCP
 * {@code tools/list} builds its descriptor from these fields, REST {@code GET /tools}
 * answers {@link #toJson()}, and the OpenAPI document's {@code ToolDescriptor} schema is
 * checked against it.
 *
 * @param name the tool name
 * @param category the category's value
 * @param description what it does
 * @param scope the scope a token must hold
 * @param annotations the four MCP hints, always all set
 * @param inputSchema JSON Schema of the arguments
 * @param outputSchema JSON Schema of the result
 */
public record ToolDescriptor(String name, String category, String description, String scope, Annotations annotations,
		ObjectNode inputSchema, ObjectNode outputSchema) {

	/** The MCP tool annotations, named as MCP names them. */
	public record Annotations(boolean readOnlyHint, boolean destructiveHint, boolean idempotentHint,
			boolean openWorldHint) {
	}

	public static ToolDescriptor of(ToolDefinition<?, ?> tool) {
		ToolHints hints = tool.hints();
		return new ToolDescriptor(tool.name(), tool.category().value(), tool.description(), tool.scope().value(),
				new Annotations(hints.readOnly(), hints.destructive(), hints.idempotent(), hints.openWorld()),
				ToolSchemas.schemaOf(tool.inputType()), ToolSchemas.schemaOf(tool.outputType()));
	}

	/**
	 * The REST form ({@code GET /tools}): MCP's annotation names, snake_case schema
	 * members.
	 */
	public ObjectNode toJson() {
		ObjectNode node = ToolJson.mapper().createObjectNode();
		node.put("name", this.name);
		node.put("category", this.category);
		node.put("description", this.description);
		node.put("scope", this.scope);
		ObjectNode hints = node.putObject("annotations");
		hints.put("readOnlyHint", this.annotations.readOnlyHint());
		hints.put("destructiveHint", this.annotations.destructiveHint());
		hints.put("idempotentHint", this.annotations.idempotentHint());
		hints.put("openWorldHint", this.annotations.openWorldHint());
		node.set("input_schema", this.inputSchema.deepCopy());
		node.set("output_schema", this.outputSchema.deepCopy());
		return node;
	}

}
