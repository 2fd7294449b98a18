package cl.smartercl.mcp.server.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import reactor.core.publisher.Mono;

import cl.smartercl.mcp.core.auth.Principal;
import cl.smartercl.mcp.core.error.InvalidArgumentsException;
import cl.smartercl.mcp.core.error.NotFoundException;
import cl.smartercl.mcp.core.error.ToolException;
import cl.smartercl.mcp.core.error.UnauthorizedException;
import cl.smartercl.mcp.core.schema.ClientText;
import cl.smartercl.mcp.core.schema.ToolJson;
import cl.smartercl.mcp.core.tool.Transport;
import cl.smartercl.mcp.server.guide.AgentPrompts;
import cl.smartercl.mcp.server.guide.DocsResources;

/**
 * The documentation resources and the agent-workflow prompts as MCP specifications of the
 * 2025 revisions. A resource read is a documentation tool call through the dispatcher;
 * its failures are JSON-RPC errors (resources have no {@code isError} result): a URI that
 * names nothing, or a service or schema that does not exist, is the spec's
 * resource-not-found (-32002); a wrong value is -32602; anything else (a scope the token
 * lacks, a rate limit, a backend down) is -32603 with the same safe message and code a
 * tool call would give.
 */
final class McpGuideSpecifications {

	private McpGuideSpecifications() {
	}

	static List<McpServerFeatures.AsyncResourceSpecification> resources(DocsResources docs) {
		McpSchema.Resource index = McpSchema.Resource.builder()
			.uri(DocsResources.INDEX)
			.name("docs_index")
			.title("Documentation index")
			.description("The documentation resources this token's tenant can read: one per service and API, and the "
					+ "templates (schemas are read by name).")
			.mimeType(DocsResources.MIME_TYPE)
			.build();
		return List.of(new McpServerFeatures.AsyncResourceSpecification(index,
				(exchange, request) -> read(docs, exchange, request)));
	}

	static List<McpServerFeatures.AsyncResourceTemplateSpecification> resourceTemplates(DocsResources docs) {
		return DocsResources.TEMPLATES.stream()
			.map((template) -> new McpServerFeatures.AsyncResourceTemplateSpecification(
					McpSchema.ResourceTemplate.builder()
						.uriTemplate(template.uriTemplate())
						.name(template.tool())
						.title(template.title())
						.description(template.description())
						.mimeType(DocsResources.MIME_TYPE)
						.build(),
					(exchange, request) -> read(docs, exchange, request)))
			.toList();
	}

	static List<McpServerFeatures.AsyncPromptSpecification> prompts(AgentPrompts prompts) {
		return AgentPrompts.PROMPTS.stream()
			.map((prompt) -> new McpServerFeatures.AsyncPromptSpecification(
					new McpSchema.Prompt(prompt.name(), prompt.title(), prompt.description(),
							prompt.arguments()
								.stream()
								.map((argument) -> new McpSchema.PromptArgument(argument.name(), argument.description(),
										argument.required()))
								.toList()),
					(exchange, request) -> get(prompts, prompt, exchange, request)))
			.toList();
	}

	private static Mono<McpSchema.ReadResourceResult> read(DocsResources docs, McpAsyncServerExchange exchange,
			McpSchema.ReadResourceRequest request) {
		McpTransportContext context = exchange.transportContext();
		if (!(context.get(McpToolSpecifications.PRINCIPAL) instanceof Principal principal)) {
			return Mono.error(error(new UnauthorizedException(), request.uri()));
		}
		String requestId = (context.get(McpToolSpecifications.REQUEST_ID) instanceof String id) ? id
				: UUID.randomUUID().toString();
		return docs.read(principal, request.uri(), requestId, Transport.MCP)
			.map((json) -> new McpSchema.ReadResourceResult(List.of(new McpSchema.TextResourceContents(request.uri(),
					DocsResources.MIME_TYPE, ToolJson.mapper().writeValueAsString(json)))))
			.onErrorMap(ToolException.class, (ex) -> error(ex, request.uri()));
	}

	private static Mono<McpSchema.GetPromptResult> get(AgentPrompts prompts, AgentPrompts.Prompt prompt,
			McpAsyncServerExchange exchange, McpSchema.GetPromptRequest request) {
		return Mono.fromSupplier(() -> {
			Principal principal = (exchange.transportContext()
				.get(McpToolSpecifications.PRINCIPAL) instanceof Principal p) ? p : null;
			AgentPrompts.Rendered rendered = prompts.render(prompt, request.arguments(), principal);
			return new McpSchema.GetPromptResult(rendered.description(), List
				.of(new McpSchema.PromptMessage(McpSchema.Role.USER, new McpSchema.TextContent(rendered.text()))));
		}).onErrorMap(ToolException.class, (ex) -> error(ex, null));
	}

	static McpError error(ToolException ex, String uri) {
		String message = ClientText.sanitize(ex.getMessage());
		if (ex instanceof NotFoundException && uri != null) {
			return McpError.builder(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND)
				.message("Resource not found: " + message)
				.data(Map.of("uri", uri))
				.build();
		}
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("code", ex.code());
		data.put("status", ex.status());
		data.put("retryable", ex.retryable());
		data.putAll(ex.details());
		int code = (ex instanceof InvalidArgumentsException) ? McpSchema.ErrorCodes.INVALID_PARAMS
				: McpSchema.ErrorCodes.INTERNAL_ERROR;
		return McpError.builder(code).message(message).data(data).build();
	}

}
