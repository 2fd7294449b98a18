package cl.smartercl.mcp.openapi;

import tools.jackson.databind.node.ObjectNode;

import cl.smartercl.mcp.core.tool.LogLevel;
import cl.smartercl.mcp.core.tool.ToolDefinition;
import cl.smartercl.mcp.core.tool.ToolHints;

/**
 * One {@code POST /tools/<name>} operation per tool: tagged with its category, named
 * after it in camelCase, its body and result the tool's records. The scope and the four
 * MCP annotations ride along as extensions, so a client can tell reads from writes (the
 * SDK retries only reads).
 */
final class ToolOperations {

	static final String TOOL_EXTENSION = "x-smartermcp-tool";

	static final String SCOPE_EXTENSION = "x-smartermcp-scope";

	static final String ANNOTATIONS_EXTENSION = "x-smartermcp-annotations";

	/**
	 * The name of the log-level schema and of the {@code log_level} parameter among the
	 * components.
	 */
	static final String LOG_LEVEL = "LogLevel";

	private ToolOperations() {
	}

	static String path(ToolDefinition<?, ?> tool) {
		return "/tools/" + tool.name();
	}

	/**
	 * {@code services_list} → {@code servicesList}, {@code generate_n8n_workflow} →
	 * {@code generateN8nWorkflow}.
	 */
	static String operationId(String toolName) {
		StringBuilder id = new StringBuilder(toolName.length());
		boolean upper = false;
		for (char c : toolName.toCharArray()) {
			if (c == '_') {
				upper = true;
			}
			else {
				id.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return id.toString();
	}

	static ObjectNode operation(ToolDefinition<?, ?> tool, ComponentSchemas schemas) {
		String input = schemas.add(tool.inputType());
		String output = schemas.add(tool.outputType());
		ObjectNode operation = Json.object();
		operation.set("tags", Json.strings(tool.category().value()));
		operation.put("operationId", operationId(tool.name()));
		operation.put("summary", tool.name());
		operation.put("description", tool.description() + "\n\nScope: `" + tool.scope().value() + "`." + (tool.isWrite()
				? " Changes something: audited with its arguments, never retried automatically." : ""));
		operation.put(TOOL_EXTENSION, tool.name());
		operation.put(SCOPE_EXTENSION, tool.scope().value());
		operation.set(ANNOTATIONS_EXTENSION, annotations(tool.hints()));
		operation.putArray("parameters").addObject().put("$ref", "#/components/parameters/" + LOG_LEVEL);
		ObjectNode body = operation.putObject("requestBody");
		body.put("description", "The tool's arguments; `{}` when it takes none or all are left to defaults.");
		body.put("required", true);
		body.putObject("content").putObject("application/json").set("schema", ComponentSchemas.ref(input));
		ObjectNode responses = operation.putObject("responses");
		ObjectNode ok = responses.putObject("200");
		ok.put("description", "The tool's result.");
		ok.putObject("content").putObject("application/json").set("schema", ComponentSchemas.ref(output));
		Problems.addRefs(responses, Problems.TOOL_CALL);
		return operation;
	}

	/**
	 * The levels a log line may have, in the server's order (the core's
	 * {@link LogLevel}).
	 */
	static ObjectNode logLevelSchema() {
		ObjectNode schema = Json.string("The severity of a log line: one of the eight levels of RFC 5424, which MCP "
				+ "uses too, from the least to the most severe.");
		schema.set("enum", Json.strings(LogLevel.spellings().toArray(String[]::new)));
		return schema;
	}

	/**
	 * The parameters every tool operation shares: {@code log_level}, which the server
	 * accepts on every {@code POST /tools/<name>}.
	 */
	static ObjectNode parameters() {
		ObjectNode parameters = Json.object();
		ObjectNode logLevel = parameters.putObject(LOG_LEVEL);
		logLevel.put("name", "log_level");
		logLevel.put("in", "query");
		logLevel.put("required", false);
		logLevel.put("description", "The lowest level of the log lines an event stream (`Accept: text/event-stream`) "
				+ "carries before its `result` event; default `info`. Any case is accepted. A JSON answer has no log "
				+ "lines, so there it changes nothing; a value that is no level is refused with 400 all the same, "
				+ "before the tool runs. Today `services_logs` with `follow` (stdout at `info`, stderr at `notice`) "
				+ "and `services_deploy` (`debug` to `error`) send log lines; docs/mcp.md lists them.");
		logLevel.set("schema", ComponentSchemas.ref(LOG_LEVEL));
		return parameters;
	}

	private static ObjectNode annotations(ToolHints hints) {
		ObjectNode annotations = Json.object();
		annotations.put("readOnlyHint", hints.readOnly());
		annotations.put("destructiveHint", hints.destructive());
		annotations.put("idempotentHint", hints.idempotent());
		annotations.put("openWorldHint", hints.openWorld());
		return annotations;
	}

}
