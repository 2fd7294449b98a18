package cl.smartercl.mcp.server.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cl.smartercl.mcp.connectors.ports.ConnectorProvider;
import cl.smartercl.mcp.server.ratelimit.RateLimitClock;
import cl.smartercl.mcp.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documented limits, exactly, through the running server (REST and MCP), with the
 * in-memory store and a clock the test moves: the burst, the workflows write limit next
 * to free reads, the hourly window, a per-tenant override, and the headers on every
 * answer.
 */
@Import(RateLimitsTests.Backends.class)
class RateLimitsTests extends OpsTestSupport {

	private static final String TRIGGER = "{\"workflow_id\":\"wf-1\"}";

	private static final StubConnectors.Backends BACKENDS = StubConnectors.Backends.start();

	private static final MutableClock clock = new MutableClock(Instant.ofEpochMilli(1_700_000_000_000L));

	@DynamicPropertySource
	static void limits(DynamicPropertyRegistry registry) {
		registry.add("smartermcp.tenants-file", () -> tenantsFile("acme", "small", "hourly"));
		registry.add("smartermcp.rate-limits.tenants.small.categories.crm.per-minute", () -> 3);
		registry.add("smartermcp.rate-limits.tenants.hourly.general.per-hour", () -> 6);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Backends {

		@Bean
		ConnectorProvider stubConnectors() {
			return new StubConnectors(Map.of("acme", BACKENDS, "small", BACKENDS, "hourly", BACKENDS));
		}

		@Bean
		RateLimitClock testRateLimitClock() {
			return clock::millis;
		}

	}

	@AfterAll
	static void stopStubs() {
		BACKENDS.close();
	}

	@Test
	void twentyCallsAtOncePassAndTheTwentyFirstIsRefused() {
		String token = issue("acme", "burst-agent").apiToken();
		List<CompletableFuture<OpsServer.Answer>> calls = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			calls.add(callAsync(token, "workflows_list", "{}"));
		}
		List<OpsServer.Answer> answers = calls.stream().map(CompletableFuture::join).toList();
		assertThat(answers).allSatisfy((answer) -> {
			assertThat(answer.status()).as(answer.body()).isEqualTo(200);
			assertThat(answer.longHeader("X-RateLimit-Limit")).isEqualTo(20);
		});
		// every call took its own token of the bucket: the remainders are 19 down to 0,
		// each once
		assertThat(answers.stream().map((a) -> a.longHeader("X-RateLimit-Remaining")).sorted().toList())
			.containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(0, 19).boxed().toList());

		OpsServer.Answer refused = call(token, "workflows_list", "{}");
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.json().get("detail").asString()).isEqualTo("Rate limit exceeded for category 'general'");
		assertThat(refused.json().get("limit").asString()).isEqualTo("burst 20");
		// one token comes back after 60 s / 100 = 0.6 s, announced as 1 s
		assertThat(refused.header("Retry-After")).isEqualTo("1");
		assertThat(refused.longHeader("X-RateLimit-Limit")).isEqualTo(20);
		assertThat(refused.longHeader("X-RateLimit-Remaining")).isZero();
		assertThat(refused.longHeader("X-RateLimit-Reset")).isEqualTo(1);
		assertThat(refused.json().get("retry_after_seconds").asLong()).isEqualTo(1);

		clock.advance(Duration.ofMillis(600));
		assertThat(call(token, "workflows_list", "{}").status()).isEqualTo(200);
		assertThat(call(token, "workflows_list", "{}").status()).isEqualTo(429);
	}

	@Test
	void pacedPastTheBurstTheThirtyFirstTriggerInAMinuteIsRefusedWhileListingPasses() {
		String token = issue("acme", "paced-agent").apiToken();
		long start = clock.millis();
		for (int i = 0; i < 30; i++) {
			OpsServer.Answer trigger = call(token, "workflows_trigger", TRIGGER);
			assertThat(trigger.status()).as("trigger %d: %s", i + 1, trigger.body()).isEqualTo(200);
			assertThat(call(token, "workflows_list", "{}").status()).isEqualTo(200);
			clock.advance(Duration.ofSeconds(1));
		}
		// 30 s after the first trigger: 30 triggers in the window
		OpsServer.Answer refused = call(token, "workflows_trigger", TRIGGER);
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.json().get("detail").asString()).isEqualTo("Rate limit exceeded for category 'workflows'");
		assertThat(refused.json().get("limit").asString()).isEqualTo("30/min");
		assertThat(refused.header("Retry-After")).isEqualTo("30");
		assertThat(refused.longHeader("X-RateLimit-Limit")).isEqualTo(30);
		assertThat(refused.longHeader("X-RateLimit-Remaining")).isZero();
		assertThat(refused.longHeader("X-RateLimit-Reset")).isEqualTo(30);

		OpsServer.Answer list = call(token, "workflows_list", "{}");
		assertThat(list.status()).as(list.body()).isEqualTo(200);

		// once the first trigger is 60 s old, one more fits (and only one)
		clock.advance(Duration.ofMillis(start + 60_001 - clock.millis()));
		assertThat(call(token, "workflows_trigger", TRIGGER).status()).isEqualTo(200);
		assertThat(call(token, "workflows_trigger", TRIGGER).status()).isEqualTo(429);
	}

	@Test
	void theHourlyWindowCountsEveryCallOfTheLastHour() {
		String token = issue("hourly", "hourly-agent").apiToken();
		long start = clock.millis();
		for (int i = 0; i < 6; i++) {
			OpsServer.Answer answer = call(token, "workflows_list", "{}");
			assertThat(answer.status()).isEqualTo(200);
			assertThat(answer.longHeader("X-RateLimit-Limit")).isEqualTo(6);
			assertThat(answer.longHeader("X-RateLimit-Remaining")).isEqualTo(5 - i);
			clock.advance(Duration.ofMinutes(2));
		}
		OpsServer.Answer refused = call(token, "workflows_list", "{}");
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.json().get("limit").asString()).isEqualTo("6/hour");
		assertThat(refused.header("Retry-After")).isEqualTo(Long.toString(3600 - 12 * 60));

		clock.advance(Duration.ofMillis(start + 3_600_000 - clock.millis()));
		assertThat(call(token, "workflows_list", "{}").status()).as("the first call is exactly an hour old")
			.isEqualTo(200);
		assertThat(call(token, "workflows_list", "{}").status()).isEqualTo(429);
	}

	@Test
	void aTenantOverrideAppliesToThatTenantOnly() {
		String small = issue("small", "small-agent").apiToken();
		String acme = issue("acme", "crm-agent").apiToken();
		for (int i = 0; i < 3; i++) {
			assertThat(call(small, "crm_contacts_list", "{}").status()).isEqualTo(200);
		}
		OpsServer.Answer refused = call(small, "crm_contacts_list", "{}");
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.json().get("detail").asString()).isEqualTo("Rate limit exceeded for category 'crm'");
		assertThat(refused.longHeader("X-RateLimit-Limit")).isEqualTo(3);
		for (int i = 0; i < 4; i++) {
			assertThat(call(acme, "crm_contacts_list", "{}").status()).isEqualTo(200);
		}
		// other categories of the small tenant keep the documented limits
		assertThat(call(small, "workflows_list", "{}").status()).isEqualTo(200);
	}

	@Test
	void refusedCallsUseNothingUp() {
		String token = issue("small", "atomic-agent").apiToken();
		for (int i = 0; i < 3; i++) {
			assertThat(call(token, "crm_contacts_list", "{}").status()).isEqualTo(200);
		}
		for (int i = 0; i < 10; i++) {
			assertThat(call(token, "crm_contacts_list", "{}").status()).isEqualTo(429);
		}
		// 3 calls passed and 10 were refused: the general window and the bucket counted
		// only the 3
		OpsServer.Answer list = call(token, "workflows_list", "{}");
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.longHeader("X-RateLimit-Remaining")).as("bucket of 20 minus 4 calls").isEqualTo(16);
	}

	@Test
	void overMcpARefusalIsAToolErrorWithTheWordingAndTheRetryAfter() {
		String token = issue("acme", "mcp-agent").apiToken();
		for (int i = 0; i < 20; i++) {
			assertThat(call(token, "workflows_list", "{}").status()).isEqualTo(200);
		}
		try (McpTestClient mcp = mcp(token)) {
			McpSchema.CallToolResult result = mcp.call("workflows_list", Map.of());
			assertThat(result.isError()).isTrue();
			assertThat(((McpSchema.TextContent) result.content().get(0)).text())
				.isEqualTo("Rate limit exceeded for category 'general'");
			@SuppressWarnings("unchecked")
			Map<String, Object> error = (Map<String, Object>) ((Map<String, Object>) result.structuredContent())
				.get("error");
			assertThat(error).containsEntry("code", "rate_limited").containsEntry("category", "general");
			assertThat(((Number) error.get("retry_after_seconds")).longValue()).isEqualTo(1);
		}
	}

}
