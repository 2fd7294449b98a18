package cl.smartercl.mcp.server.resilience;

import java.time.Duration;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import cl.smartercl.mcp.core.auth.Principal;
import cl.smartercl.mcp.core.tool.Transport;
import cl.smartercl.mcp.core.auth.ScopeSet;
import cl.smartercl.mcp.core.error.ServiceUnavailableException;
import cl.smartercl.mcp.core.schema.ToolJson;
import cl.smartercl.mcp.core.tool.ToolDefinition;
import cl.smartercl.mcp.core.tools.services.ServicesTools;
import cl.smartercl.mcp.server.dispatch.CallMetadata;
import cl.smartercl.mcp.server.dispatch.ToolCall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The per-attempt time limit: the configured one, or all of a tool's own (a deploy is not
 * cut short).
 */
class ResilienceInterceptorTests {

	private static final Duration ATTEMPT = Duration.ofMillis(100);

	private final ResilienceInterceptor interceptor = new ResilienceInterceptor(
			new ResilienceProperties(ATTEMPT, null, null, null, null, null, null, null, null),
			CircuitBreakerRegistry.ofDefaults(), BulkheadRegistry.ofDefaults(), RetryRegistry.ofDefaults(),
			Duration.ofSeconds(60));

	private final JsonNode answer = ToolJson.mapper().createObjectNode().put("done", true);

	/** A backend that answers after 400 ms: four times the configured attempt. */
	private final Mono<JsonNode> slowBackend = Mono.delay(Duration.ofMillis(400)).thenReturn(this.answer);

	@Test
	void aCallIsCutAtTheConfiguredAttemptTime() {
		ToolDefinition<?, ?> restart = ServicesTools.SERVICES_RESTART;
		assertThat(restart.timeLimit()).isNull();
		assertThatThrownBy(
				() -> this.interceptor.intercept(call(restart), this.slowBackend).block(Duration.ofSeconds(5)))
			.isInstanceOf(ServiceUnavailableException.class)
			.hasMessage("Service 'docker' is currently unavailable: no answer within 100 ms");
	}

	@Test
	void aToolWithItsOwnTimeLimitGetsAllOfIt() {
		ToolDefinition<?, ?> deploy = ServicesTools.SERVICES_DEPLOY;
		assertThat(deploy.timeLimit()).isEqualTo(Duration.ofMinutes(15));
		assertThat(this.interceptor.intercept(call(deploy), this.slowBackend).block(Duration.ofSeconds(5)))
			.isEqualTo(this.answer);
	}

	private static ToolCall call(ToolDefinition<?, ?> tool) {
		return new ToolCall(tool, new Principal("acme", "token-1", "ops-agent", ScopeSet.all()), "req-1",
				Transport.REST, ToolJson.mapper().createObjectNode(), new CallMetadata());
	}

}
