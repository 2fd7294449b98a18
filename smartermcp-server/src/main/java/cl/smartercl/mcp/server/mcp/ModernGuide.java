package cl.smartercl.mcp.server.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.modern.McpException;
import io.modelcontextprotocol.modern.McpSchema;
import io.modelcontextprotocol.modern.server.McpAsyncResponse;
import io.modelcontextprotocol.modern.server.McpRequestContext;
import io.modelcontextprotocol.modern.server.feature.McpAsyncPrompt;
import io.modelcontextprotocol.modern.server.feature.McpAsyncPromptRepository;
import io.modelcontextprotocol.modern.server.feature.McpAsyncResource;
import io.modelcontextprotocol.modern.server.feature.McpAsyncResourceRepository;
import io.modelcontextprotocol.modern.server.feature.PromptsPage;
import io.modelcontextprotocol.modern.server.feature.ResourceTemplatesPage;
import io.modelcontextprotocol.modern.server.feature.ResourcesPage;
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
 * The documentation resources and the agent-workflow prompts on the 2026-07-28 era: the
 * same {@link DocsResources} and {@link AgentPrompts} as the 2025 adapter
 * ({@link McpGuideSpecifications}), as repositories of the SDK's {@code ResourcesFeature}
 * and {@code PromptsFeature}.
 * <ul>
 * <li>the lists are the same for every caller, as on the 2025 era, but only callers with
 * a token see them, so they are {@code cacheScope: private};</li>
 * <li>a read is the documentation tool call through the dispatcher (scope, tenant,
 * limits, metrics, audit), answered live ({@code ttlMs: 0}, private);</li>
 * <li>errors follow this revision: a URI that names no resource, or a service or schema
 * that does not exist, is -32602 with {@code data.uri} (SEP-2164; the 2025 era answers
 * -32002); a wrong value is -32602; anything else (a scope the token lacks, a rate limit,
 * a backend down) is -32603 with the same safe message and {@code data} as on the 2025
 * era.</li>
 * </ul>
 */
final class ModernGuide {

	private ModernGuide() {
	}

	/** The documentation as resources: the index, listed, and the three templates. */
	static final class Resources implements McpAsyncResourceRepository {

		private final DocsResources docs;

		private final long listTtlMs;

		Resources(DocsResources docs, long listTtlMs) {
			this.docs = docs;
			this.listTtlMs = listTtlMs;
		}

		@Override
		public Mono<ResourcesPage> list(McpRequestContext context, String cursor) {
			McpSchema.Resource index = McpSchema.Resource.builder(DocsResources.INDEX, "docs_index")
				.title("Documentation index")
				.description("The documentation resources this token's tenant can read: one per service and API, and "
						+ "the templates (schemas are read by name).")
				.mimeType(DocsResources.MIME_TYPE)
				.build();
			return Mono.just(new ResourcesPage(List.of(index), null, this.listTtlMs, McpSchema.CacheScope.PRIVATE));
		}

		@Override
		public Mono<ResourceTemplatesPage> listTemplates(McpRequestContext context, String cursor) {
			List<McpSchema.ResourceTemplate> templates = DocsResources.TEMPLATES.stream()
				.map((template) -> McpSchema.ResourceTemplate.builder(template.uriTemplate(), template.tool())
					.title(template.title())
					.description(template.description())
					.mimeType(DocsResources.MIME_TYPE)
					.build())
				.toList();
			return Mono.just(new ResourceTemplatesPage(templates, null, this.listTtlMs, McpSchema.CacheScope.PRIVATE));
		}

		/**
		 * Every URI is looked up by {@link DocsResources#read}, which says when it names
		 * nothing.
		 */
		@Override
		public Mono<McpAsyncResource> find(McpRequestContext context, String uri) {
			return Mono.just(McpAsyncResource.of(this::read));
		}

		private Mono<McpAsyncResponse<McpSchema.ReadResourceOutcome>> read(McpRequestContext context,
				McpSchema.ReadResourceRequest request) {
			McpTransportContext transport = context.transportContext();
			if (transport == null || !(transport.get(McpToolSpecifications.PRINCIPAL) instanceof Principal principal)) {
				return Mono.error(error(new UnauthorizedException(), request.uri()));
			}
			String requestId = (transport.get(McpToolSpecifications.REQUEST_ID) instanceof String id) ? id
					: UUID.randomUUID().toString();
			return this.docs.read(principal, request.uri(), requestId, Transport.MCP)
				.map((json) -> McpAsyncResponse.<McpSchema.ReadResourceOutcome>result(McpSchema.ReadResourceResult
					.builder(List.of(McpSchema.TextResourceContents
						.builder(request.uri(), ToolJson.mapper().writeValueAsString(json))
						.mimeType(DocsResources.MIME_TYPE)
						.build()))
					.ttlMs(0)
					.cacheScope(McpSchema.CacheScope.PRIVATE)
					.build()))
				.onErrorMap(ToolException.class, (ex) -> error(ex, request.uri()));
		}

	}

	/** The agent workflows as prompts, listed to every caller. */
	static final class Prompts implements McpAsyncPromptRepository {

		private final AgentPrompts prompts;

		private final long listTtlMs;

		Prompts(AgentPrompts prompts, long listTtlMs) {
			this.prompts = prompts;
			this.listTtlMs = listTtlMs;
		}

		@Override
		public Mono<PromptsPage> list(McpRequestContext context, String cursor) {
			return Mono.just(new PromptsPage(AgentPrompts.PROMPTS.stream().map(Prompts::definition).toList(), null,
					this.listTtlMs, McpSchema.CacheScope.PRIVATE));
		}

		@Override
		public Mono<McpAsyncPrompt> find(McpRequestContext context, String name) {
			return Mono.justOrEmpty(AgentPrompts.find(name))
				.map((prompt) -> McpAsyncPrompt.of(definition(prompt), (ctx, request) -> get(prompt, ctx, request)));
		}

		private static McpSchema.Prompt definition(AgentPrompts.Prompt prompt) {
			return McpSchema.Prompt.builder(prompt.name())
				.title(prompt.title())
				.description(prompt.description())
				.arguments(prompt.arguments()
					.stream()
					.map((argument) -> McpSchema.PromptArgument.builder(argument.name())
						.description(argument.description())
						.required(argument.required())
						.build())
					.toList())
				.build();
		}

		private Mono<McpAsyncResponse<McpSchema.GetPromptOutcome>> get(AgentPrompts.Prompt prompt,
				McpRequestContext context, McpSchema.GetPromptRequest request) {
			return Mono.fromSupplier(() -> {
				Principal principal = (context.transportContext() != null
						&& context.transportContext().get(McpToolSpecifications.PRINCIPAL) instanceof Principal p) ? p
								: null;
				AgentPrompts.Rendered rendered = this.prompts.render(prompt, request.arguments(), principal);
				return McpAsyncResponse.<McpSchema.GetPromptOutcome>result(
						McpSchema.GetPromptResult.builder(List.of(McpSchema.PromptMessage
							.builder(McpSchema.Role.USER, McpSchema.TextContent.builder(rendered.text()).build())
							.build())).description(rendered.description()).build());
			}).onErrorMap(ToolException.class, (ex) -> error(ex, null));
		}

	}

	/** A tool's failure as this revision's JSON-RPC error (see the class comment). */
	static McpException error(ToolException ex, String uri) {
		String message = ClientText.sanitize(ex.getMessage());
		if (ex instanceof NotFoundException && uri != null) {
			return McpException.invalidParams("Resource not found: " + message, Map.of("uri", uri));
		}
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("code", ex.code());
		data.put("status", ex.status());
		data.put("retryable", ex.retryable());
		data.putAll(ex.details());
		if (ex instanceof InvalidArgumentsException) {
			return McpException.invalidParams(message, data);
		}
		return new McpException(McpSchema.ErrorCodes.INTERNAL_ERROR, message, data);
	}

}
