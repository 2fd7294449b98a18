package cl.smartercl.mcp.client;

import java.time.Duration;
import java.util.Map;

import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cl.smartercl.mcp.client.error.RateLimitedException;
import cl.smartercl.mcp.client.model.ServicesListOutput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With retryRateLimited, a 429 on a read is called again after Retry-After; a write never
 * is.
 */
class RateLimitRetryTests {

	private static final String LIMITED = """
			{"type":"https://smartermcp.dev/problems/rate_limited","title":"Rate limited","status":429,
			 "detail":"Rate limit exceeded for category 'services'","code":"rate_limited","request_id":"req_9",
			 "category":"services","limit":"50/min","retry_after_seconds":1}""";

	private final MockServer server = new MockServer();

	@AfterEach
	void close() {
		this.server.close();
	}

	@Test
	void aRateLimitedReadIsRetriedAfterRetryAfter() {
		SmarterMCP client = this.server.clientBuilder().retryRateLimited(true).build();
		this.server.problem(429, LIMITED, "Retry-After", "1").okFixture("services_list-backend");
		long start = System.nanoTime();
		ServicesListOutput out = client.services().list();
		long waitedMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
		assertThat(out.getCount()).isEqualTo(2);
		assertThat(this.server.requestCount()).isEqualTo(2);
		RecordedRequest first = this.server.take();
		RecordedRequest second = this.server.take();
		assertThat(second.getTarget()).isEqualTo(first.getTarget()).isEqualTo("/tools/services_list");
		assertThat(MockServer.body(second)).isEqualTo(MockServer.body(first));
		// a lower bound: the client did wait what the server asked (1 s)
		assertThat(waitedMillis).isGreaterThanOrEqualTo(950);
	}

	@Test
	void aRateLimitedWriteIsNeverRetried() {
		SmarterMCP client = this.server.clientBuilder().retryRateLimited(true).build();
		this.server.problem(429, LIMITED, "Retry-After", "1").okFixture("workflows_trigger-ok");
		assertThatThrownBy(() -> client.workflows().trigger("Xq3YbQk1sVh2dR9a", Map.of()))
			.isInstanceOf(RateLimitedException.class);
		assertThat(this.server.requestCount()).isEqualTo(1);
	}

	@Test
	void withoutRetryRateLimitedAReadIsNotRetried() {
		SmarterMCP client = this.server.client();
		this.server.problem(429, LIMITED, "Retry-After", "1").okFixture("services_list-backend");
		assertThatThrownBy(() -> client.services().list()).isInstanceOf(RateLimitedException.class);
		assertThat(this.server.requestCount()).isEqualTo(1);
	}

	@Test
	void aRetryAfterLongerThanMaxRetryWaitIsNotWaitedFor() {
		SmarterMCP client = this.server.clientBuilder()
			.retryRateLimited(true)
			.maxRetryWait(Duration.ofSeconds(5))
			.build();
		this.server.problem(429, LIMITED, "Retry-After", "3600").okFixture("services_list-backend");
		RateLimitedException error = (RateLimitedException) org.assertj.core.api.Assertions
			.catchThrowable(() -> client.services().list());
		assertThat(error.retryAfter()).isEqualTo(Duration.ofHours(1));
		assertThat(this.server.requestCount()).isEqualTo(1);
	}

	@Test
	void retriesStopAfterMaxRetries() {
		SmarterMCP client = this.server.clientBuilder().retryRateLimited(true).maxRetries(1).build();
		this.server.problem(429, LIMITED, "Retry-After", "0")
			.problem(429, LIMITED, "Retry-After", "0")
			.okFixture("services_list-backend");
		assertThatThrownBy(() -> client.services().list()).isInstanceOf(RateLimitedException.class);
		assertThat(this.server.requestCount()).isEqualTo(2);
	}

}
