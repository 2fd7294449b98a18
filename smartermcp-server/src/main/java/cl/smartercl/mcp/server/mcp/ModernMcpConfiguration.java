package cl.smartercl.mcp.server.mcp;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.modern.McpSchema;
import io.modelcontextprotocol.modern.server.HmacRequestStateCodec;
import io.modelcontextprotocol.modern.server.McpFeature;
import io.modelcontextprotocol.modern.server.McpServer;
import io.modelcontextprotocol.modern.server.RequestStateCodec;
import io.modelcontextprotocol.modern.server.feature.PromptsFeature;
import io.modelcontextprotocol.modern.server.feature.ResourcesFeature;
import io.modelcontextprotocol.modern.server.feature.ToolsFeature;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cl.smartercl.mcp.core.auth.Principal;
import cl.smartercl.mcp.core.tool.Catalog;
import cl.smartercl.mcp.server.config.ServerProperties;
import cl.smartercl.mcp.server.dispatch.ToolDispatcher;
import cl.smartercl.mcp.server.guide.AgentPrompts;
import cl.smartercl.mcp.server.guide.DocsResources;

/**
 * MCP 2026-07-28 on {@code /mcp}, next to the 2025 revisions: the SDK's stateless modern
 * server behind {@link ModernHttpTransport}, which {@link StreamableHttpTransport} hands
 * every POST that carries the revision's markers ({@link ModernEra}).
 * <p>
 * <b>Features.</b> The server's methods and capabilities come from its
 * {@link McpFeature}s: the tools feature built here, plus <em>every {@code McpFeature}
 * bean</em> in the context (resources, prompts, completions), so a feature is added to
 * this era by declaring it as a bean; its {@code capabilities(..)} then shows in
 * {@code server/discover}.
 * <p>
 * <b>Request state.</b> Multi round-trip state is sealed with HMAC-SHA256, bound to the
 * caller's token, the method and tool, and expiring after
 * {@code smartermcp.mcp.modern.request-state-ttl}. The key is
 * {@code smartermcp.mcp.modern.request-state-key} (Base64, at least 32 bytes); without
 * one, each start generates its own, so state sealed by one replica (or before a restart)
 * cannot be opened by another: a client whose retry lands elsewhere gets "Invalid or
 * expired requestState" and must start the call again. Replicas behind one balancer need
 * the same configured key.
 */
@Configuration(proxyBeanMethods = false)
public class ModernMcpConfiguration {

	@Bean
	ModernTools modernTools(Catalog catalog, ToolDispatcher dispatcher, McpJsonMapper jsonMapper,
			@Value("${smartermcp.mcp.modern.tools-list-ttl:60s}") Duration listTtl) {
		return new ModernTools(catalog, dispatcher, jsonMapper, listTtl);
	}

	/** The documentation as resources ({@link ModernGuide.Resources}). */
	@Bean
	McpFeature modernDocsResources(DocsResources docs, McpJsonMapper jsonMapper,
			@Value("${smartermcp.mcp.modern.tools-list-ttl:60s}") Duration listTtl) {
		return ResourcesFeature.ofAsync(new ModernGuide.Resources(docs, listTtl.toMillis()), jsonMapper,
				listTtl.toMillis(), McpSchema.CacheScope.PRIVATE);
	}

	/** The agent workflows as prompts ({@link ModernGuide.Prompts}). */
	@Bean
	McpFeature modernAgentPrompts(AgentPrompts prompts, McpJsonMapper jsonMapper,
			@Value("${smartermcp.mcp.modern.tools-list-ttl:60s}") Duration listTtl) {
		return PromptsFeature.ofAsync(new ModernGuide.Prompts(prompts, listTtl.toMillis()), jsonMapper,
				listTtl.toMillis(), McpSchema.CacheScope.PRIVATE);
	}

	@Bean
	RequestStateCodec mcpRequestStateCodec(@Value("${smartermcp.mcp.modern.request-state-key:}") String key,
			@Value("${smartermcp.mcp.modern.request-state-ttl:10m}") Duration ttl, McpJsonMapper jsonMapper,
			ObjectProvider<Clock> clock) {
		HmacRequestStateCodec.Builder codec = HmacRequestStateCodec.builder()
			.ttl(ttl)
			.jsonMapper(jsonMapper)
			.clock(clock.getIfAvailable(Clock::systemUTC))
			.principalExtractor((context) -> (context != null
					&& context.get(McpToolSpecifications.PRINCIPAL) instanceof Principal principal)
							? principal.tokenId() : null);
		if (!key.isBlank()) {
			codec.key(requestStateKey(key));
		}
		return codec.build();
	}

	/** The configured key, checked: Base64 of at least 32 bytes. */
	static byte[] requestStateKey(String base64) {
		byte[] key;
		try {
			key = Base64.getDecoder().decode(base64.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("smartermcp.mcp.modern.request-state-key must be Base64 "
					+ "(e.g. the output of: openssl rand -base64 32)");
		}
		if (key.length < 32) {
			throw new IllegalStateException(
					"smartermcp.mcp.modern.request-state-key must decode to at least 32 bytes, " + "got " + key.length);
		}
		return key;
	}

	@Bean(destroyMethod = "closeGracefully")
	McpServer modernMcpServer(ModernTools tools, ObjectProvider<McpFeature> features, RequestStateCodec codec,
			McpJsonMapper jsonMapper, @Value("${smartermcp.version:dev}") String version) {
		List<McpFeature> all = new ArrayList<>();
		all.add(ToolsFeature.ofAsync(tools, jsonMapper, tools.validator(McpJsonDefaults.getSchemaValidator()), 0L,
				McpSchema.CacheScope.PRIVATE));
		features.orderedStream().forEach(all::add);
		return McpServer.builder()
			.serverInfo(McpSchema.Implementation.builder("smartermcp", version).build())
			.instructions(McpConfiguration.INSTRUCTIONS)
			.supportedVersions(ModernEra.VERSIONS)
			.jsonMapper(jsonMapper)
			.features(all)
			.requestStateCodec(codec)
			// the capabilities and instructions are the same for every caller, but only
			// callers with a
			// token get them: no shared caches
			.discoverCache(Duration.ofMinutes(5).toMillis(), McpSchema.CacheScope.PRIVATE)
			.build();
	}

	@Bean
	ModernHttpTransport modernHttpTransport(McpServer modernMcpServer, McpJsonMapper jsonMapper,
			ToolDispatcher dispatcher, ServerProperties properties, StreamableHttpTransport streamable) {
		ModernHttpTransport modern = new ModernHttpTransport(modernMcpServer, jsonMapper,
				McpConfiguration.refusals(dispatcher), properties.mcp().keepAlive());
		streamable.serveModernEra(modern);
		return modern;
	}

}
