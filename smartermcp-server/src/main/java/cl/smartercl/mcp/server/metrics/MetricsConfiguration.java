package cl.smartercl.mcp.server.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import cl.smartercl.mcp.core.auth.Principal;
import cl.smartercl.mcp.core.auth.Scope;
import cl.smartercl.mcp.core.error.ForbiddenException;
import cl.smartercl.mcp.core.error.UnauthorizedException;
import cl.smartercl.mcp.server.config.ServerProperties;
import cl.smartercl.mcp.server.dispatch.ToolCallInterceptor;
import cl.smartercl.mcp.server.mcp.McpConfiguration;
import cl.smartercl.mcp.server.mcp.StreamableHttpTransport;
import cl.smartercl.mcp.server.web.AdminRoutes;
import cl.smartercl.mcp.server.web.Problems;
import cl.smartercl.mcp.server.web.RequestContext;

/**
 * {@code GET /metrics} in the Prometheus text format, from the Prometheus registry Spring
 * Boot builds (with its JVM, process and system binders), plus the tool-call metrics and
 * {@code mcp_active_connections}. The series are server-wide, so only the operator reads
 * them: a token of the operator tenant {@code default} holding {@code admin:tenants},
 * unless {@code smartermcp.public-metrics=true} (then the scraper needs no token at all).
 * Any other tenant's token gets 403; see {@link ToolMetrics} for what the labels carry.
 */
@Configuration(proxyBeanMethods = false)
public class MetricsConfiguration {

	static final MediaType PROMETHEUS_TEXT = MediaType.parseMediaType("text/plain; version=0.0.4; charset=utf-8");

	@Bean
	ToolCallInterceptor toolMetrics(MeterRegistry registry) {
		return new ToolMetrics(registry);
	}

	@Bean
	SseStreamCounter sseStreamCounter() {
		return new SseStreamCounter(McpConfiguration.SSE_ENDPOINT);
	}

	@Bean
	Gauge mcpActiveConnections(MeterRegistry registry, StreamableHttpTransport streamable, SseStreamCounter legacy) {
		// Streamable HTTP sessions (each may hold streams, counted once as its session)
		// plus legacy SSE streams
		return Gauge.builder("mcp.active.connections", () -> streamable.sessionCount() + legacy.openStreams())
			.description("Open MCP connections: Streamable HTTP sessions and legacy SSE streams")
			.strongReference(true)
			.register(registry);
	}

	@Bean
	RouterFunction<ServerResponse> metricsRouter(PrometheusMeterRegistry prometheus, ServerProperties properties) {
		boolean open = properties.publicMetrics();
		return RouterFunctions.route().GET("/metrics", (request) -> {
			if (!open) {
				Principal principal = RequestContext.principal(request.exchange()).orElse(null);
				if (principal == null) {
					return Problems.response(new UnauthorizedException(), RequestContext.requestId(request.exchange()));
				}
				if (!AdminRoutes.OPERATOR_TENANT.equals(principal.tenantId())
						|| !principal.scopes().allows(Scope.ADMIN_TENANTS)) {
					return Problems.response(
							new ForbiddenException(Scope.ADMIN_TENANTS,
									"GET /metrics (server-wide series: a token of the operator tenant '"
											+ AdminRoutes.OPERATOR_TENANT + "')"),
							RequestContext.requestId(request.exchange()));
				}
			}
			return Mono.fromCallable(prometheus::scrape)
				// a scrape walks every meter: keep it off the event loop
				.subscribeOn(Schedulers.boundedElastic())
				.flatMap((text) -> ServerResponse.ok().contentType(PROMETHEUS_TEXT).bodyValue(text));
		}).build();
	}

}
