package cl.smartercl.mcp.server.metrics;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import cl.smartercl.mcp.core.auth.Principal;
import cl.smartercl.mcp.core.auth.ScopeSet;
import cl.smartercl.mcp.core.error.NotFoundException;
import cl.smartercl.mcp.core.error.RateLimitedException;
import cl.smartercl.mcp.core.error.ToolException;
import cl.smartercl.mcp.core.schema.ToolJson;
import cl.smartercl.mcp.core.tool.Transport;
import cl.smartercl.mcp.core.tools.services.ServicesTools;
import cl.smartercl.mcp.server.dispatch.CallMetadata;
import cl.smartercl.mcp.server.dispatch.ToolCall;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code status} label of {@code mcp_requests_total}: a 2026-07-28 round that stops
 * to ask the client is {@code input_required}, a call its caller left is
 * {@code cancelled}.
 */
class ToolMetricsTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final ToolMetrics metrics = new ToolMetrics(this.registry);

	@Test
	void aRoundThatStopsToAskTheClientIsCountedApartFromCancelledCalls() {
		ToolCall asking = call();
		asking.metadata().markInputRequired();
		this.metrics.intercept(asking, Mono.never()).subscribe().dispose();
		this.metrics.intercept(call(), Mono.never()).subscribe().dispose();
		this.metrics.intercept(call(), Mono.just(ToolJson.mapper().createObjectNode())).block(Duration.ofSeconds(10));
		assertThat(count("input_required")).isEqualTo(1.0);
		assertThat(count("cancelled")).isEqualTo(1.0);
		assertThat(count("ok")).isEqualTo(1.0);
		// neither is an error
		assertThat(this.registry.find(ToolMetrics.ERRORS).counters()).isEmpty();
	}

	@Test
	void repeatedCallsAddUpOnTheirOwnLabelsOnly() {
		for (int i = 0; i < 3; i++) {
			this.metrics.intercept(call(), Mono.just(ToolJson.mapper().createObjectNode()))
				.block(Duration.ofSeconds(10));
		}
		for (ToolException failure : List.of(new NotFoundException("service", "a"),
				new NotFoundException("service", "b"),
				new RateLimitedException("services", "per minute", Duration.ofSeconds(5)))) {
			this.metrics.intercept(call(), Mono.error(failure)).onErrorResume((ex) -> Mono.empty()).block();
		}
		this.metrics.intercept(otherAgent(), Mono.just(ToolJson.mapper().createObjectNode()))
			.block(Duration.ofSeconds(10));
		assertThat(count("ok")).isEqualTo(3.0);
		assertThat(count("error")).isEqualTo(3.0);
		assertThat(this.registry.get(ToolMetrics.REQUESTS)
			.tags("tool", "services_health", "agent", "tenant:other", "status", "ok")
			.counter()
			.count()).isEqualTo(1.0);
		assertThat(this.registry.get(ToolMetrics.ERRORS)
			.tags("tool", "services_health", "error_type", "not_found")
			.counter()
			.count()).isEqualTo(2.0);
		assertThat(this.registry.get(ToolMetrics.ERRORS)
			.tags("tool", "services_health", "error_type", "rate_limited")
			.counter()
			.count()).isEqualTo(1.0);
		assertThat(this.registry.get(ToolMetrics.RATE_LIMIT_EXCEEDED).tags("agent", "tenant:acme").counter().count())
			.isEqualTo(1.0);
		assertThat(this.registry.get(ToolMetrics.DURATION).tags("tool", "services_health").timer().count())
			.isEqualTo(7);
	}

	private static ToolCall otherAgent() {
		return new ToolCall(ServicesTools.SERVICES_HEALTH, new Principal("other", "token-2", "agent", ScopeSet.all()),
				UUID.randomUUID().toString(), Transport.MCP, ToolJson.mapper().createObjectNode(), new CallMetadata());
	}

	private double count(String status) {
		return this.registry.get(ToolMetrics.REQUESTS)
			.tags("tool", "services_health", "agent", "tenant:acme", "status", status)
			.counter()
			.count();
	}

	private static ToolCall call() {
		return new ToolCall(ServicesTools.SERVICES_HEALTH, new Principal("acme", "token-1", "agent", ScopeSet.all()),
				UUID.randomUUID().toString(), Transport.MCP, ToolJson.mapper().createObjectNode(), new CallMetadata());
	}

}
