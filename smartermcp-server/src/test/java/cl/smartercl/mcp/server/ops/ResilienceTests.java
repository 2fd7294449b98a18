package cl.smartercl.mcp.server.ops;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cl.smartercl.mcp.connectors.ports.ConnectorProvider;

import cl.smartercl.mcp.server.resilience.ResilienceInterceptor;
import cl.smartercl.mcp.testsupport.Eventually;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One sick backend cannot take the others down: a backend stub answering 500s or hanging
 * opens its own circuit (per tenant and backend), its tools then answer at once with the
 * documented 503 wording without reaching it, and tools of other backends keep their
 * normal latency. Reads are retried, writes never.
 */
@Import(ResilienceTests.Backends.class)
class ResilienceTests extends OpsTestSupport {

	private static final StubConnectors.Backends failing = StubConnectors.Backends.start();

	private static final StubConnectors.Backends hanging = StubConnectors.Backends.start();

	private static final StubConnectors.Backends writes = StubConnectors.Backends.start();

	@Autowired
	private CircuitBreakerRegistry circuitBreakers;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("smartermcp.tenants-file", () -> tenantsFile("failing", "hanging", "writes"));
		registry.add("smartermcp.resilience.timeout", () -> "1s");
		registry.add("smartermcp.resilience.sliding-window-size", () -> 4);
		registry.add("smartermcp.resilience.minimum-calls", () -> 4);
		registry.add("smartermcp.resilience.open-duration", () -> "10m");
		registry.add("smartermcp.resilience.retry-attempts", () -> 3);
		registry.add("smartermcp.resilience.retry-backoff", () -> "50ms");
		registry.add("smartermcp.rate-limits.enabled", () -> false);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Backends {

		@Bean
		ConnectorProvider stubConnectors() {
			return new StubConnectors(Map.of("failing", failing, "hanging", hanging, "writes", writes));
		}

	}

	@AfterAll
	static void stopStubs() {
		failing.close();
		hanging.close();
		writes.close();
	}

	private CircuitBreaker circuit(String tenant, String backend) {
		return this.circuitBreakers.circuitBreaker(ResilienceInterceptor.instanceName(tenant, backend));
	}

	@Test
	void aBackendAnswering500sOpensItsCircuitAndItsToolsAnswerAtOnceWithoutReachingIt() {
		String token = issue("failing", "failing-agent").apiToken();
		failing.n8n().mode(StubBackend.Mode.FAIL);
		for (int i = 0; i < 4; i++) {
			OpsServer.Answer answer = call(token, "workflows_list", "{}");
			assertThat(answer.status()).as(answer.body()).isEqualTo(502);
			// the backend's own body is never passed on
			assertThat(answer.body()).doesNotContain("secret.Internal").doesNotContain("stack");
		}
		assertThat(circuit("failing", "n8n").getState()).isEqualTo(CircuitBreaker.State.OPEN);
		int reached = failing.n8n().toolRequests();
		assertThat(reached).as("a 500 is not retried: one request per call").isEqualTo(4);

		for (int i = 0; i < 5; i++) {
			OpsServer.Answer answer = (i % 2 == 0) ? call(token, "workflows_list", "{}")
					: call(token, "workflows_trigger", "{\"workflow_id\":\"wf-1\"}");
			assertThat(answer.status()).as(answer.body()).isEqualTo(503);
			assertThat(answer.json().get("detail").asString()).startsWith("Service 'n8n' is currently unavailable")
				.contains("circuit is open");
		}
		assertThat(failing.n8n().toolRequests()).as("no call reached the backend behind the open circuit")
			.isEqualTo(reached);

		// the other backend of the same tenant, and the same backend of another tenant,
		// are untouched
		assertThat(circuit("failing", "odoo").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		int odooBefore = failing.odoo().toolRequests();
		for (int i = 0; i < 5; i++) {
			assertThat(call(token, "crm_contacts_list", "{}").status()).isEqualTo(200);
		}
		assertThat(failing.odoo().toolRequests() - odooBefore).as("each crm call reached Odoo").isEqualTo(5);
		assertThat(circuit("failing", "odoo").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		String other = issue("writes", "other-tenant-agent").apiToken();
		assertThat(call(other, "workflows_list", "{}").status()).isEqualTo(200);
	}

	@Test
	void aHangingBackendTimesOutThenItsCircuitOpensAndAnswersFast() {
		String token = issue("hanging", "hanging-agent").apiToken();
		hanging.n8n().mode(StubBackend.Mode.HANG);
		// while an n8n call hangs, the tenant's crm tools answer: they are not queued
		// behind it
		CompletableFuture<OpsServer.Answer> stuck = callAsync(token, "workflows_list", "{}");
		assertThat(Eventually.until(Duration.ofSeconds(10), () -> hanging.n8n().toolRequests() > 0)).isTrue();
		assertThat(call(token, "crm_contacts_list", "{}").status()).isEqualTo(200);
		assertThat(stuck).as("crm answered while the n8n call still hung").isNotDone();
		assertThat(stuck.join().status()).isEqualTo(503);
		assertThat(hanging.n8n().toolRequests()).isEqualTo(3);
		circuit("hanging", "n8n").reset();
		int base = hanging.n8n().toolRequests();
		// a read is attempted three times (time-outs are retried for reads), yet it is
		// ONE call to the breaker
		// (issue 15 #6): three callers' timed-out calls stay below the 4 calls needed,
		// the fourth opens it
		for (int i = 1; i <= 4; i++) {
			OpsServer.Answer answer = call(token, "workflows_list", "{}");
			assertThat(answer.status()).as(answer.body()).isEqualTo(503);
			assertThat(answer.json().get("detail").asString())
				.isEqualTo("Service 'n8n' is currently unavailable: no answer within 1 s");
			assertThat(hanging.n8n().toolRequests()).isEqualTo(base + 3 * i);
			assertThat(circuit("hanging", "n8n").getState()).as("after call %d", i)
				.isEqualTo((i < 4) ? CircuitBreaker.State.CLOSED : CircuitBreaker.State.OPEN);
		}

		// an open circuit answers without trying the backend: no time-out to wait for
		OpsServer.Answer fast = call(token, "workflows_list", "{}");
		assertThat(fast.status()).isEqualTo(503);
		assertThat(fast.json().get("detail").asString()).contains("circuit is open").doesNotContain("no answer within");
		assertThat(hanging.n8n().toolRequests()).isEqualTo(base + 12);
		assertThat(call(token, "crm_contacts_list", "{}").status()).isEqualTo(200);
		assertThat(circuit("hanging", "odoo").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void readsAreRetriedAndWritesNever() {
		String token = issue("writes", "writes-agent").apiToken();
		writes.odoo().mode(StubBackend.Mode.HANG);
		int before = writes.odoo().toolRequests();
		OpsServer.Answer write = call(token, "crm_contacts_upsert", "{\"contact\":{\"name\":\"Ada\"}}");
		assertThat(write.status()).as(write.body()).isEqualTo(503);
		assertThat(writes.odoo().toolRequests() - before).as("a write is attempted once").isEqualTo(1);

		OpsServer.Answer read = call(token, "crm_contacts_list", "{}");
		assertThat(read.status()).isEqualTo(503);
		assertThat(writes.odoo().toolRequests() - before).as("a read is attempted three times").isEqualTo(4);
	}

	/**
	 * The one resilience layer is registered: its breakers and retries are in /metrics,
	 * per tenant/backend.
	 */
	@Test
	void breakersAndRetriesAreInTheMetrics() {
		String token = issue("writes", "metrics-resilience-agent").apiToken();
		assertThat(call(token, "workflows_list", "{}").status()).isEqualTo(200);
		OpsServer.Answer scrape = fetch("/metrics", ADMIN_TOKEN);
		assertThat(scrape.status()).isEqualTo(200);
		assertThat(scrape.body()).contains("resilience4j_circuitbreaker_state{")
			.contains("name=\"writes/n8n\"")
			.contains("resilience4j_retry_calls_total{");
	}

}
