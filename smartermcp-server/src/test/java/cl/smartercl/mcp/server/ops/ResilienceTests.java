package cl.smartercl.mcp.server.ops;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cl.smartercl.mcp.server.resilience.ResilienceInterceptor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One sick backend cannot take the others down: a backend stub answering 500s or hanging opens its own
 * circuit (per tenant and backend), its tools then answer at once with the documented 503 wording
 * without reaching it, and tools of other backends keep their normal latency. Reads are retried, writes
 * never.
 */
class ResilienceTests {

	private static final List<StubBackend> STUBS = new ArrayList<>();

	private static StubConnectors.Backends failing;

	private static StubConnectors.Backends hanging;

	private static StubConnectors.Backends writes;

	private static OpsServer server;

	@BeforeAll
	static void start() {
		failing = backends();
		hanging = backends();
		writes = backends();
		server = OpsServer.builder()
			.tenants("failing", "hanging", "writes")
			.connectors(new StubConnectors(Map.of("failing", failing, "hanging", hanging, "writes", writes)))
			.property("smartermcp.resilience.timeout", "1s")
			.property("smartermcp.resilience.sliding-window-size", 4)
			.property("smartermcp.resilience.minimum-calls", 4)
			.property("smartermcp.resilience.open-duration", "10m")
			.property("smartermcp.resilience.retry-attempts", 3)
			.property("smartermcp.resilience.retry-backoff", "50ms")
			.property("smartermcp.rate-limits.enabled", false)
			.start();
	}

	private static StubConnectors.Backends backends() {
		StubConnectors.Backends backends = new StubConnectors.Backends(new StubBackend("1"), new StubBackend("18.0"),
				new StubBackend("4.0"));
		STUBS.addAll(List.of(backends.n8n(), backends.odoo(), backends.chatwoot()));
		return backends;
	}

	@AfterAll
	static void stop() {
		server.close();
		STUBS.forEach(StubBackend::close);
	}

	private static CircuitBreaker circuit(String tenant, String backend) {
		return server.bean(CircuitBreakerRegistry.class).circuitBreaker(ResilienceInterceptor.instanceName(tenant, backend));
	}

	@Test
	void aBackendAnswering500sOpensItsCircuitAndItsToolsAnswerAtOnceWithoutReachingIt() {
		String token = server.issueToken("failing", "failing-agent").apiToken();
		long crmBaseline = medianMillis(token, "crm_contacts_list", 5, 200);
		failing.n8n().mode(StubBackend.Mode.FAIL);
		for (int i = 0; i < 4; i++) {
			OpsServer.Answer answer = server.call(token, "workflows_list", "{}");
			assertThat(answer.status()).as(answer.body()).isEqualTo(502);
			// the backend's own body is never passed on
			assertThat(answer.body()).doesNotContain("secret.Internal").doesNotContain("stack");
		}
		assertThat(circuit("failing", "n8n").getState()).isEqualTo(CircuitBreaker.State.OPEN);
		int reached = failing.n8n().toolRequests();
		assertThat(reached).as("a 500 is not retried: one request per call").isEqualTo(4);

		for (int i = 0; i < 5; i++) {
			OpsServer.Answer answer = (i % 2 == 0) ? server.call(token, "workflows_list", "{}")
					: server.call(token, "workflows_trigger", "{\"workflow_id\":\"wf-1\"}");
			assertThat(answer.status()).as(answer.body()).isEqualTo(503);
			assertThat(answer.json().get("detail").asString())
				.startsWith("Service 'n8n' is currently unavailable")
				.contains("circuit is open");
		}
		assertThat(failing.n8n().toolRequests()).as("no call reached the backend behind the open circuit")
			.isEqualTo(reached);

		// the other backend of the same tenant, and the same backend of another tenant, are untouched
		assertThat(circuit("failing", "odoo").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		long crmDuring = medianMillis(token, "crm_contacts_list", 5, 200);
		assertThat(crmDuring).as("crm latency %d ms against a baseline of %d ms", crmDuring, crmBaseline)
			.isLessThanOrEqualTo(crmBaseline * 5 + 250);
		String other = server.issueToken("writes", "other-tenant-agent").apiToken();
		assertThat(server.call(other, "workflows_list", "{}").status()).isEqualTo(200);
	}

	@Test
	void aHangingBackendTimesOutThenItsCircuitOpensAndAnswersFast() {
		String token = server.issueToken("hanging", "hanging-agent").apiToken();
		long crmBaseline = medianMillis(token, "crm_contacts_list", 5, 200);
		hanging.n8n().mode(StubBackend.Mode.HANG);
		// a read is attempted three times (time-outs are retried for reads): three failures, below the 4 needed
		OpsServer.Answer first = server.call(token, "workflows_list", "{}");
		assertThat(first.status()).as(first.body()).isEqualTo(503);
		assertThat(first.json().get("detail").asString())
			.isEqualTo("Service 'n8n' is currently unavailable: no answer within 1000 ms");
		assertThat(hanging.n8n().toolRequests()).isEqualTo(3);
		assertThat(circuit("hanging", "n8n").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		// the next read's first attempt is the fourth failure: the circuit opens and its retry is refused
		OpsServer.Answer second = server.call(token, "workflows_list", "{}");
		assertThat(second.status()).as(second.body()).isEqualTo(503);
		assertThat(hanging.n8n().toolRequests()).isEqualTo(4);
		assertThat(circuit("hanging", "n8n").getState()).isEqualTo(CircuitBreaker.State.OPEN);

		long start = System.nanoTime();
		OpsServer.Answer fast = server.call(token, "workflows_list", "{}");
		long fastMillis = (System.nanoTime() - start) / 1_000_000;
		assertThat(fast.status()).isEqualTo(503);
		assertThat(fast.json().get("detail").asString()).contains("circuit is open");
		assertThat(fastMillis).as("an open circuit answers without waiting for the 1 s time-out").isLessThan(1000);
		assertThat(hanging.n8n().toolRequests()).isEqualTo(4);

		long crmDuring = medianMillis(token, "crm_contacts_list", 5, 200);
		assertThat(crmDuring).as("crm latency %d ms against a baseline of %d ms", crmDuring, crmBaseline)
			.isLessThanOrEqualTo(crmBaseline * 5 + 250);
	}

	@Test
	void readsAreRetriedAndWritesNever() {
		String token = server.issueToken("writes", "writes-agent").apiToken();
		writes.odoo().mode(StubBackend.Mode.HANG);
		int before = writes.odoo().toolRequests();
		OpsServer.Answer write = server.call(token, "crm_contacts_upsert", "{\"contact\":{\"name\":\"Ada\"}}");
		assertThat(write.status()).as(write.body()).isEqualTo(503);
		assertThat(writes.odoo().toolRequests() - before).as("a write is attempted once").isEqualTo(1);

		OpsServer.Answer read = server.call(token, "crm_contacts_list", "{}");
		assertThat(read.status()).isEqualTo(503);
		assertThat(writes.odoo().toolRequests() - before).as("a read is attempted three times").isEqualTo(4);
	}

	private static long medianMillis(String token, String tool, int calls, int expectedStatus) {
		List<Long> times = new ArrayList<>();
		for (int i = 0; i < calls; i++) {
			long start = System.nanoTime();
			OpsServer.Answer answer = server.call(token, tool, "{}");
			times.add((System.nanoTime() - start) / 1_000_000);
			assertThat(answer.status()).as(answer.body()).isEqualTo(expectedStatus);
		}
		Collections.sort(times);
		return times.get(calls / 2);
	}

}
