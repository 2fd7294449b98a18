package cl.smartercl.mcp.server.mcp;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.mcp.server.webflux.transport.WebFluxSseServerTransportProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import cl.smartercl.mcp.server.config.ServerProperties;
import cl.smartercl.mcp.core.tool.Transport;
import cl.smartercl.mcp.core.tool.Catalog;
import cl.smartercl.mcp.server.auth.TokenService;
import cl.smartercl.mcp.server.dispatch.ToolDispatcher;
import cl.smartercl.mcp.server.guide.AgentPrompts;
import cl.smartercl.mcp.server.guide.DocsResources;
import cl.smartercl.mcp.server.web.RequestContext;

/**
 * MCP over both transports at once, from one list of tool specifications: Streamable HTTP
 * at {@code /mcp} and the legacy HTTP+SSE transport at {@code /sse} with its message
 * endpoint {@code /mcp/message}. An {@code McpAsyncServer} is bound to one transport, so
 * there are two servers over the same specifications (mcp-checklist §3a).
 */
@Configuration(proxyBeanMethods = false)
public class McpConfiguration {

	public static final String STREAMABLE_ENDPOINT = "/mcp";

	public static final String SSE_ENDPOINT = "/sse";

	public static final String SSE_MESSAGE_ENDPOINT = "/mcp/message";

	static final String INSTRUCTIONS = "SmarterMCP gives governed access to this company's business stack: "
			+ "services and containers, n8n workflows, analytics, CRM, support, bots, documentation and code "
			+ "generation. Tools you cannot see are outside your token's scopes or need a backend this tenant has not configured. Errors say what was wrong; "
			+ "a rate-limit error says when to retry.";

	private static final Duration SERVER_REQUEST_TIMEOUT = Duration.ofMinutes(2);

	@Bean
	McpJsonMapper mcpJsonMapper() {
		return new JacksonMcpJsonMapper(JsonMapper.builder().build());
	}

	@Bean
	List<McpServerFeatures.AsyncToolSpecification> mcpToolSpecifications(Catalog catalog, ToolDispatcher dispatcher) {
		return McpToolSpecifications.of(catalog, dispatcher);
	}

	@Bean
	StreamableHttpTransport streamableHttpTransport(McpJsonMapper jsonMapper, ServerProperties properties,
			ToolDispatcher dispatcher, ObjectProvider<Clock> clock) {
		ServerProperties.Mcp mcp = properties.mcp();
		return new StreamableHttpTransport(STREAMABLE_ENDPOINT, jsonMapper,
				new StreamableHttpTransport.Settings(properties.maxBodyBytes(), mcp.sessionIdleTimeout(),
						mcp.maxSessions(), mcp.maxSessionsPerToken(), mcp.keepAlive()),
				refusals(dispatcher), clock.getIfAvailable(Clock::systemUTC));
	}

	/**
	 * A tools/call a transport refused before the SDK saw it, on record like any refused
	 * call.
	 */
	static RefusalRecorder refusals(ToolDispatcher dispatcher) {
		return (principal, tool, arguments, requestId, reason) -> dispatcher.recordRefusal(principal, tool, arguments,
				requestId, Transport.MCP, reason);
	}

	@Bean
	@SuppressWarnings("removal")
	WebFluxSseServerTransportProvider legacySseTransport(McpJsonMapper jsonMapper, ServerProperties properties) {
		return WebFluxSseServerTransportProvider.builder()
			.jsonMapper(jsonMapper)
			.sseEndpoint(SSE_ENDPOINT)
			.messageEndpoint(SSE_MESSAGE_ENDPOINT)
			.keepAliveInterval(properties.mcp().keepAlive())
			.contextExtractor((request) -> {
				Map<String, Object> attributes = request.exchange().getAttributes();
				return RequestContext.principal(attributes)
					.map((principal) -> McpTransportContext.create(Map.of(McpToolSpecifications.PRINCIPAL, principal,
							McpToolSpecifications.REQUEST_ID, RequestContext.requestId(request.exchange()))))
					.orElse(McpTransportContext.EMPTY);
			})
			.build();
	}

	@Bean(destroyMethod = "close")
	McpAsyncServer streamableMcpServer(StreamableHttpTransport transport,
			List<McpServerFeatures.AsyncToolSpecification> tools, McpJsonMapper jsonMapper, ToolDispatcher dispatcher,
			DocsResources docs, AgentPrompts prompts, @Value("${smartermcp.version:dev}") String version) {
		return build(McpServer.async(transport), tools, jsonMapper, dispatcher, docs, prompts, version);
	}

	@Bean(destroyMethod = "close")
	@SuppressWarnings("removal")
	McpAsyncServer legacyMcpServer(WebFluxSseServerTransportProvider transport,
			List<McpServerFeatures.AsyncToolSpecification> tools, McpJsonMapper jsonMapper, ToolDispatcher dispatcher,
			DocsResources docs, AgentPrompts prompts, @Value("${smartermcp.version:dev}") String version) {
		return build(McpServer.async(transport), tools, jsonMapper, dispatcher, docs, prompts, version);
	}

	/**
	 * The one place both 2025-era servers are specified. Tool input is validated by the
	 * dispatcher, with the same wording as REST, so the SDK's own input validation is
	 * off; structured output is checked by {@link OutputSchemaValidator}. Resources (the
	 * documentation) and prompts (the agent workflows) are static lists; resources/list
	 * and prompts/list are the same for every caller (the SDK filters only tools),
	 * reading or getting one is per caller.
	 */
	private static McpAsyncServer build(McpServer.AsyncSpecification<?> specification,
			List<McpServerFeatures.AsyncToolSpecification> tools, McpJsonMapper jsonMapper, ToolDispatcher dispatcher,
			DocsResources docs, AgentPrompts prompts, String version) {
		return specification.serverInfo("smartermcp", version)
			.instructions(INSTRUCTIONS)
			.capabilities(McpSchema.ServerCapabilities.builder()
				.tools(false)
				.resources(false, false)
				.prompts(false)
				.logging()
				.build())
			.tools(tools)
			.addToolFilter(McpToolSpecifications.visibilityFilter(dispatcher))
			.resources(McpGuideSpecifications.resources(docs))
			.resourceTemplates(McpGuideSpecifications.resourceTemplates(docs))
			.prompts(McpGuideSpecifications.prompts(prompts))
			.validateToolInputs(false)
			.jsonSchemaValidator(new OutputSchemaValidator())
			.requestTimeout(SERVER_REQUEST_TIMEOUT)
			.jsonMapper(jsonMapper)
			.build();
	}

	@Bean
	@SuppressWarnings("removal")
	RouterFunction<ServerResponse> mcpRouter(StreamableHttpTransport streamable,
			WebFluxSseServerTransportProvider legacy) {
		@SuppressWarnings("unchecked")
		RouterFunction<ServerResponse> legacyRoutes = (RouterFunction<ServerResponse>) legacy.getRouterFunction();
		return streamable.routerFunction().and(legacyRoutes);
	}

	@Bean
	LegacySseGuardFilter legacySseGuardFilter(ServerProperties properties, McpJsonMapper jsonMapper,
			ToolDispatcher dispatcher, TokenService tokens) {
		// legacy streams per token: the same cap as Streamable HTTP sessions per token
		return new LegacySseGuardFilter(SSE_ENDPOINT, SSE_MESSAGE_ENDPOINT, properties.mcp().legacyRequestTimeout(),
				properties.maxBodyBytes(), jsonMapper, refusals(dispatcher), properties.mcp().maxSessionsPerToken(),
				tokens.revocations());
	}

}
