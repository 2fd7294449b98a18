package cl.smartercl.mcp.server.ops;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cl.smartercl.mcp.connectors.ports.ConnectorProvider;
import cl.smartercl.mcp.core.auth.Scope;
import cl.smartercl.mcp.core.auth.ScopeSet;
import cl.smartercl.mcp.testsupport.Eventually;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /metrics} parsed as Prometheus text: the tool-call counters and the duration
 * histogram rise by exactly the calls made, with the right labels, whether the calls came
 * over REST or MCP; the connection gauge follows MCP sessions; JVM and process metrics
 * are there.
 */
@Import(MetricsTests.Backends.class)
class MetricsTests extends OpsTestSupport {

	private static final StubConnectors.Backends BACKENDS = StubConnectors.Backends.start();

	@DynamicPropertySource
	static void tenants(DynamicPropertyRegistry registry) {
		registry.add("smartermcp.tenants-file", () -> tenantsFile("acme", "tight"));
		registry.add("smartermcp.rate-limits.tenants.tight.general.per-minute", () -> 2);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Backends {

		@Bean
		ConnectorProvider stubConnectors() {
			return new StubConnectors(Map.of("acme", BACKENDS, "tight", BACKENDS));
		}

	}

	@AfterAll
	static void stopStubs() {
		BACKENDS.close();
	}

	private PrometheusText scrape() {
		OpsServer.Answer answer = fetch("/metrics", ADMIN_TOKEN);
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.header("Content-Type")).startsWith("text/plain").contains("version=0.0.4");
		return PrometheusText.parse(answer.body());
	}

	@Test
	void toolCallCountersAndTheHistogramRiseByExactlyTheCallsMade() {
		String name = "metrics-agent-" + System.nanoTime();
		String token = issue("acme", name).apiToken();
		// another tenant's token names never reach a scrape: its calls count under the
		// tenant id
		String agent = "tenant:acme";
		PrometheusText before = scrape();

		for (int i = 0; i < 3; i++) {
			assertThat(call(token, "workflows_list", "{}").status()).isEqualTo(200);
		}
		assertThat(call(token, "docs_services", "{}").status()).isEqualTo(400);
		try (McpTestClient mcp = mcp(token)) {
			assertThat(mcp.call("workflows_list", Map.of()).isError()).isFalse();
			assertThat(mcp.call("crm_contacts_list", Map.of()).isError()).isFalse();
		}

		PrometheusText after = scrape();
		assertThat(after.type("mcp_requests_total")).isEqualTo("counter");
		assertThat(after.type("mcp_errors_total")).isEqualTo("counter");
		assertThat(after.type("mcp_request_duration_seconds")).isEqualTo("histogram");
		assertThat(delta(before, after, "mcp_requests_total",
				Map.of("tool", "workflows_list", "agent", agent, "status", "ok")))
			.isEqualTo(4);
		assertThat(delta(before, after, "mcp_requests_total",
				Map.of("tool", "crm_contacts_list", "agent", agent, "status", "ok")))
			.isEqualTo(1);
		assertThat(delta(before, after, "mcp_requests_total",
				Map.of("tool", "docs_services", "agent", agent, "status", "error")))
			.isEqualTo(1);
		assertThat(delta(before, after, "mcp_errors_total",
				Map.of("tool", "docs_services", "error_type", "invalid_arguments")))
			.isEqualTo(1);
		assertThat(delta(before, after, "mcp_request_duration_seconds_count", Map.of("tool", "workflows_list")))
			.isEqualTo(4);
		assertThat(delta(before, after, "mcp_request_duration_seconds_bucket",
				Map.of("tool", "workflows_list", "le", "+Inf")))
			.isEqualTo(4);
		assertThat(delta(before, after, "mcp_request_duration_seconds_sum", Map.of("tool", "workflows_list")))
			.isPositive();
		// the buckets are cumulative: each is at most the next
		double previous = 0;
		for (PrometheusText.Sample bucket : after.samples("mcp_request_duration_seconds_bucket")
			.stream()
			.filter((s) -> s.labels().get("tool").equals("workflows_list"))
			.toList()) {
			assertThat(bucket.value()).isGreaterThanOrEqualTo(previous);
			previous = bucket.value();
		}
		// labels are bounded: never a token, only catalog tool names
		assertThat(after.samples("mcp_requests_total")).allSatisfy((sample) -> {
			assertThat(sample.labels().keySet()).containsExactlyInAnyOrder("tool", "agent", "status");
			assertThat(sample.labels().get("agent")).doesNotStartWith("smcp_");
		});
	}

	@Test
	void unknownToolsAndMissingScopesAreCountedWithBoundedLabels() {
		String token = issue("acme", "narrow-agent-" + System.nanoTime(), ScopeSet.of(Scope.READ_SERVICES)).apiToken();
		String agent = "tenant:acme";
		PrometheusText before = scrape();
		// a scope the token lacks, over REST and MCP
		assertThat(call(token, "workflows_list", "{}").status()).isEqualTo(403);
		String missing = "no_such_tool_" + System.nanoTime();
		assertThat(call(token, missing, "{}").status()).isEqualTo(404);
		try (McpTestClient mcp = mcp(token)) {
			assertThat(mcp.call("workflows_list", Map.of()).isError()).isTrue();
		}
		assertThat(call(token, "another_missing_tool", "{}").status()).isEqualTo(404);
		PrometheusText after = scrape();
		assertThat(delta(before, after, "mcp_requests_total",
				Map.of("tool", "workflows_list", "agent", agent, "status", "error")))
			.isEqualTo(2);
		assertThat(
				delta(before, after, "mcp_errors_total", Map.of("tool", "workflows_list", "error_type", "forbidden")))
			.isEqualTo(2);
		// whatever name was asked for, the label is "unknown"
		assertThat(delta(before, after, "mcp_requests_total",
				Map.of("tool", "unknown", "agent", agent, "status", "error")))
			.isEqualTo(2);
		assertThat(delta(before, after, "mcp_errors_total", Map.of("tool", "unknown", "error_type", "unknown_tool")))
			.isEqualTo(2);
		assertThat(after.samples("mcp_requests_total")).extracting((sample) -> sample.labels().get("tool"))
			.doesNotContain(missing, "another_missing_tool");
	}

	@Test
	void refusalsByALimitAreCountedPerAgent() {
		String token = issue("tight", "tight-agent-" + System.nanoTime()).apiToken();
		String agent = "tenant:tight";
		PrometheusText before = scrape();
		assertThat(call(token, "workflows_list", "{}").status()).isEqualTo(200);
		assertThat(call(token, "workflows_list", "{}").status()).isEqualTo(200);
		assertThat(call(token, "workflows_list", "{}").status()).isEqualTo(429);
		assertThat(call(token, "crm_contacts_list", "{}").status()).isEqualTo(429);
		PrometheusText after = scrape();
		// the documented mcp_rate_limit_exceeded, with the _total every Prometheus
		// counter carries
		assertThat(after.type("mcp_rate_limit_exceeded_total")).isEqualTo("counter");
		assertThat(delta(before, after, "mcp_rate_limit_exceeded_total", Map.of("agent", agent))).isEqualTo(2);
		assertThat(delta(before, after, "mcp_errors_total",
				Map.of("tool", "workflows_list", "error_type", "rate_limited")))
			.isEqualTo(1);
		assertThat(delta(before, after, "mcp_requests_total",
				Map.of("tool", "workflows_list", "agent", agent, "status", "error")))
			.isEqualTo(1);
	}

	@Test
	void theAuditSpoolsSeriesAreExposedAndEmptyWhileTheStoreCommits() {
		PrometheusText metrics = scrape();
		assertThat(metrics.type("mcp_audit_spool_rows")).isEqualTo("gauge");
		assertThat(metrics.value("mcp_audit_spool_rows", Map.of())).isZero();
		assertThat(metrics.value("mcp_audit_spool_bytes", Map.of())).isZero();
		assertThat(metrics.type("mcp_audit_spooled_rows_total")).isEqualTo("counter");
		assertThat(metrics.value("mcp_audit_spooled_rows_total", Map.of())).isZero();
		assertThat(metrics.value("mcp_audit_replayed_rows_total", Map.of())).isZero();
	}

	@Test
	void activeConnectionsFollowMcpSessions() {
		String token = issue("acme", "gauge-agent").apiToken();
		double before = scrape().value("mcp_active_connections", Map.of());
		try (McpTestClient first = mcp(token); McpTestClient second = mcp(token)) {
			PrometheusText during = scrape();
			assertThat(during.type("mcp_active_connections")).isEqualTo("gauge");
			assertThat(during.value("mcp_active_connections", Map.of())).isEqualTo(before + 2);
		}
		// closing a client deletes its session
		assertThat(scrape().value("mcp_active_connections", Map.of())).isEqualTo(before);
	}

	@Test
	void activeConnectionsCountLegacySseStreams() throws Exception {
		String token = issue("acme", "sse-agent").apiToken();
		double before = scrape().value("mcp_active_connections", Map.of());
		HttpResponse<InputStream> stream = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/sse"))
				.header("Authorization", "Bearer " + token)
				.header("Accept", "text/event-stream")
				.build(), HttpResponse.BodyHandlers.ofInputStream());
		try (InputStream body = stream.body()) {
			assertThat(stream.statusCode()).isEqualTo(200);
			// the transport's first event names the message endpoint: the stream is open
			byte[] first = new byte[64];
			assertThat(body.read(first)).isPositive();
			assertThat(scrape().value("mcp_active_connections", Map.of())).isEqualTo(before + 1);
		}
		assertThat(Eventually.poll(Duration.ofSeconds(10), () -> scrape().value("mcp_active_connections", Map.of()),
				(count) -> count == before))
			.as("a closed stream is no longer counted")
			.isEqualTo(before);
	}

	@Test
	void jvmAndProcessMetricsAreExposedAndTheEndpointNeedsAToken() {
		PrometheusText metrics = scrape();
		assertThat(metrics.samples("jvm_memory_used_bytes")).isNotEmpty();
		assertThat(metrics.samples("jvm_threads_live_threads")).isNotEmpty();
		assertThat(metrics.samples("process_uptime_seconds")).isNotEmpty();
		assertThat(metrics.samples("process_cpu_usage")).isNotEmpty();
		assertThat(fetch("/metrics", null).status()).isEqualTo(401);
	}

	/** Issue 15 #3: the series are server-wide, so only the operator reads them. */
	@Test
	void onlyTheOperatorReadsTheMetricsAndNoTenantsTokenNamesAreInThem() {
		String secretName = "acme-private-agent-" + System.nanoTime();
		String acme = issue("acme", secretName).apiToken();
		assertThat(call(acme, "workflows_list", "{}").status()).isEqualTo(200);
		OpsServer.Answer tenantAdmin = fetch("/metrics", acme);
		assertThat(tenantAdmin.status()).isEqualTo(403);
		assertThat(tenantAdmin.body()).doesNotContain("mcp_requests_total");
		String operatorName = "operator-scraper-" + System.nanoTime();
		String operator = issue("default", operatorName, ScopeSet.of(Scope.ADMIN_TENANTS)).apiToken();
		OpsServer.Answer scrape = fetch("/metrics", operator);
		assertThat(scrape.status()).isEqualTo(200);
		assertThat(scrape.body()).doesNotContain(secretName).contains("agent=\"tenant:acme\"");
		String operatorReader = issue("default", "operator-reader-" + System.nanoTime(),
				ScopeSet.of(Scope.READ_SERVICES))
			.apiToken();
		assertThat(fetch("/metrics", operatorReader).status()).isEqualTo(403);
	}

	private static double delta(PrometheusText before, PrometheusText after, String name, Map<String, String> labels) {
		return after.value(name, labels) - before.value(name, labels);
	}

}
