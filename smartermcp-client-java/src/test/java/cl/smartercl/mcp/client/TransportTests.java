package cl.smartercl.mcp.client;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cl.smartercl.mcp.client.error.SmarterMcpTimeoutException;
import cl.smartercl.mcp.client.error.TransportException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Headers every request carries, timeouts, an unreachable server, and the builder's
 * checks.
 */
class TransportTests {

	private final MockServer server = new MockServer();

	@AfterEach
	void close() {
		this.server.close();
	}

	@Test
	void sendsBearerTokenTenantAndUserAgent() {
		SmarterMCP client = this.server.clientBuilder().tenantId("acme").build();
		this.server.okFixture("services_list-backend");
		client.services().list();
		RecordedRequest request = this.server.take();
		assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + MockServer.TOKEN);
		assertThat(request.getHeaders().get("X-Tenant-ID")).isEqualTo("acme");
		assertThat(request.getHeaders().get("User-Agent")).isEqualTo(SmarterMCP.USER_AGENT);
		assertThat(request.getHeaders().get("Accept")).contains("application/json");
	}

	@Test
	void withoutATenantNoTenantHeaderIsSent() {
		SmarterMCP client = this.server.client();
		this.server.okFixture("health-degraded");
		client.health();
		RecordedRequest request = this.server.take();
		assertThat(request.getHeaders().get("X-Tenant-ID")).isNull();
		assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + MockServer.TOKEN);
	}

	@Test
	void aSlowServerTimesOut() {
		SmarterMCP client = this.server.clientBuilder().timeout(Duration.ofMillis(300)).build();
		this.server.enqueue(new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "application/json")
			.body(MockServer.fixture("services_list-backend"))
			.headersDelay(3, TimeUnit.SECONDS)
			.build());
		SmarterMcpTimeoutException error = catchThrowableOfType(SmarterMcpTimeoutException.class,
				() -> client.services().list());
		assertThat(error.timeout()).isEqualTo(Duration.ofMillis(300));
		assertThat(error.getMessage()).isEqualTo("services_list got no answer within PT0.3S");
		assertThat(error.status()).isZero();
	}

	@Test
	void anUnreachableServerIsATransportError() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		SmarterMCP client = SmarterMCP.builder().apiToken(MockServer.TOKEN).baseUrl("http://127.0.0.1:" + port).build();
		assertThatThrownBy(() -> client.analytics().kpis()).isInstanceOf(TransportException.class)
			.hasMessageStartingWith("analytics_kpis");
	}

	@Test
	void theBuilderNeedsAToken() {
		assertThatThrownBy(() -> SmarterMCP.builder().build()).isInstanceOf(IllegalArgumentException.class)
			.hasMessageStartingWith("apiToken is required");
	}

	@Test
	void theEnvironmentGivesTokenUrlAndTenant() {
		SmarterMCP client = SmarterMCP.builder()
			.fromEnvironment(java.util.Map.of("SMARTERMCP_API_TOKEN", MockServer.TOKEN, "SMARTERMCP_URL",
					this.server.baseUrl(), "SMARTERMCP_TENANT_ID", "acme"))
			.build();
		this.server.okFixture("health-degraded");
		client.health();
		RecordedRequest request = this.server.take();
		assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + MockServer.TOKEN);
		assertThat(request.getHeaders().get("X-Tenant-ID")).isEqualTo("acme");
	}

	@Test
	void aBadTokenIsRejectedWithoutEchoingIt() {
		assertThatThrownBy(() -> SmarterMCP.builder().apiToken("smcp_abc\r\nX-Evil: 1").build())
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageNotContaining("smcp_abc");
	}

	@Test
	void theBuilderChecksBaseUrlAndTimeout() {
		assertThatThrownBy(() -> SmarterMCP.builder().apiToken(MockServer.TOKEN).baseUrl("localhost:8080").build())
			.hasMessage("baseUrl must be an http(s) URL, got 'localhost:8080'");
		assertThatThrownBy(() -> SmarterMCP.builder().apiToken(MockServer.TOKEN).timeout(Duration.ZERO).build())
			.hasMessage("timeout must be a positive duration, got PT0S");
	}

	@Test
	void aTrailingSlashOnTheBaseUrlIsHarmless() {
		SmarterMCP client = SmarterMCP.builder()
			.apiToken(MockServer.TOKEN)
			.baseUrl(this.server.baseUrl() + "/")
			.build();
		this.server.okFixture("services_list-backend");
		client.services().list();
		assertThat(this.server.take().getTarget()).isEqualTo("/tools/services_list");
	}

}
