package cl.smartercl.mcp.server.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import cl.smartercl.mcp.testsupport.MutableClock;
import cl.smartercl.mcp.testsupport.ThrowawayDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limits with the real Redis on 127.0.0.1:6379 and TWO server instances sharing it
 * (and one PostgreSQL store, as replicas do): calls spread over both count as one. Keys
 * live under a prefix of this run only and are deleted afterwards.
 */
class RedisRateLimitsIT {

	private static final String TRIGGER = "{\"workflow_id\":\"wf-1\"}";

	private static final String PREFIX = "smartermcp-it:" + UUID.randomUUID() + ":";

	private static StubBackend n8n;

	private static StubBackend odoo;

	private static StubBackend chatwoot;

	private static ThrowawayDatabase database;

	private static MutableClock clock;

	private static OpsServer a;

	private static OpsServer b;

	@BeforeAll
	static void start() {
		n8n = new StubBackend("1.123.0");
		odoo = new StubBackend("18.0");
		chatwoot = new StubBackend("4.0");
		StubConnectors.Backends backends = new StubConnectors.Backends(n8n, odoo, chatwoot);
		StubConnectors connectors = new StubConnectors(Map.of("acme", backends, "hourly", backends));
		database = ThrowawayDatabase.create("smcp_ops");
		clock = new MutableClock(Instant.ofEpochMilli(1_700_000_000_000L));
		a = replica(connectors);
		b = replica(connectors);
	}

	private static OpsServer replica(StubConnectors connectors) {
		return OpsServer.builder()
			.tenants("acme", "hourly")
			.connectors(connectors)
			.clock(clock::millis)
			.property("smartermcp.db-url", database.storeUrl())
			.property("smartermcp.redis-url", "redis://127.0.0.1:6379")
			.property("smartermcp.rate-limits.redis-key-prefix", PREFIX)
			.property("smartermcp.rate-limits.tenants.hourly.general.per-hour", 6)
			.start();
	}

	@AfterAll
	static void stop() {
		try {
			if (a != null) {
				ReactiveStringRedisTemplate redis = a.bean(ReactiveStringRedisTemplate.class);
				Long deleted = redis.keys(PREFIX + "*")
					.collectList()
					.flatMap((keys) -> keys.isEmpty() ? reactor.core.publisher.Mono.just(0L)
							: redis.delete(keys.toArray(String[]::new)))
					.block(Duration.ofSeconds(10));
				assertThat(deleted).isPositive();
				assertThat(redis.keys(PREFIX + "*").collectList().block(Duration.ofSeconds(10))).isEmpty();
			}
		}
		finally {
			if (a != null) {
				a.close();
			}
			if (b != null) {
				b.close();
			}
			database.close();
			n8n.close();
			odoo.close();
			chatwoot.close();
		}
	}

	@Test
	void theBurstIsSharedByBothInstances() {
		String token = a.issueToken("acme", "shared-burst").apiToken();
		List<CompletableFuture<OpsServer.Answer>> calls = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			calls.add(a.callAsync(token, "workflows_list", "{}"));
			calls.add(b.callAsync(token, "workflows_list", "{}"));
		}
		List<OpsServer.Answer> answers = calls.stream().map(CompletableFuture::join).toList();
		assertThat(answers).allSatisfy((answer) -> assertThat(answer.status()).as(answer.body()).isEqualTo(200));
		assertThat(answers.stream().map((x) -> x.longHeader("X-RateLimit-Remaining")).sorted().toList())
			.containsExactlyElementsOf(LongStream.rangeClosed(0, 19).boxed().toList());

		OpsServer.Answer onA = a.call(token, "workflows_list", "{}");
		OpsServer.Answer onB = b.call(token, "workflows_list", "{}");
		for (OpsServer.Answer refused : List.of(onA, onB)) {
			assertThat(refused.status()).isEqualTo(429);
			assertThat(refused.json().get("detail").asString()).isEqualTo("Rate limit exceeded for category 'general'");
			assertThat(refused.header("Retry-After")).isEqualTo("1");
			assertThat(refused.longHeader("X-RateLimit-Remaining")).isZero();
		}
	}

	@Test
	void theWorkflowsLimitCountsTriggersOnBothInstances() {
		String token = a.issueToken("acme", "shared-paced").apiToken();
		for (int i = 0; i < 30; i++) {
			OpsServer replica = (i % 2 == 0) ? a : b;
			OpsServer.Answer trigger = replica.call(token, "workflows_trigger", TRIGGER);
			assertThat(trigger.status()).as("trigger %d: %s", i + 1, trigger.body()).isEqualTo(200);
			assertThat(trigger.longHeader("X-RateLimit-Limit")).isIn(20L, 30L);
			assertThat(replica.call(token, "workflows_list", "{}").status()).isEqualTo(200);
			clock.advance(Duration.ofSeconds(1));
		}
		for (OpsServer replica : List.of(a, b)) {
			OpsServer.Answer refused = replica.call(token, "workflows_trigger", TRIGGER);
			assertThat(refused.status()).isEqualTo(429);
			assertThat(refused.json().get("detail").asString())
				.isEqualTo("Rate limit exceeded for category 'workflows'");
			assertThat(refused.header("Retry-After")).isEqualTo("30");
			assertThat(refused.longHeader("X-RateLimit-Limit")).isEqualTo(30);
			assertThat(refused.longHeader("X-RateLimit-Reset")).isEqualTo(30);
			assertThat(replica.call(token, "workflows_list", "{}").status()).isEqualTo(200);
		}
	}

	@Test
	void theHourlyWindowHoldsAcrossInstances() {
		String token = a.issueToken("hourly", "shared-hourly").apiToken();
		long start = clock.millis();
		for (int i = 0; i < 6; i++) {
			OpsServer.Answer answer = ((i % 2 == 0) ? a : b).call(token, "workflows_list", "{}");
			assertThat(answer.status()).isEqualTo(200);
			assertThat(answer.longHeader("X-RateLimit-Remaining")).isEqualTo(5 - i);
			clock.advance(Duration.ofMinutes(2));
		}
		OpsServer.Answer refused = a.call(token, "workflows_list", "{}");
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.json().get("limit").asString()).isEqualTo("6/hour");
		assertThat(refused.header("Retry-After")).isEqualTo(Long.toString(3600 - 12 * 60));
		assertThat(b.call(token, "workflows_list", "{}").status()).isEqualTo(429);

		clock.advance(Duration.ofMillis(start + 3_600_000 - clock.millis()));
		assertThat(b.call(token, "workflows_list", "{}").status()).isEqualTo(200);
		assertThat(a.call(token, "workflows_list", "{}").status()).isEqualTo(429);
	}

}
