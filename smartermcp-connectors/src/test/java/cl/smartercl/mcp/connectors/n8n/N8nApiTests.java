package cl.smartercl.mcp.connectors.n8n;

import java.net.ServerSocket;
import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cl.smartercl.mcp.connectors.config.BackendsConfig;
import cl.smartercl.mcp.connectors.config.Secret;
import cl.smartercl.mcp.connectors.config.TenantConfig;
import cl.smartercl.mcp.connectors.ports.Connectors;
import cl.smartercl.mcp.connectors.ports.TenantPorts;
import cl.smartercl.mcp.core.error.BackendException;
import cl.smartercl.mcp.core.error.ServiceUnavailableException;
import cl.smartercl.mcp.core.health.ProbeResult;
import cl.smartercl.mcp.core.tools.services.HealthStatus;
import cl.smartercl.mcp.core.tools.workflows.WorkflowsList;
import cl.smartercl.mcp.core.tools.workflows.WorkflowsPort;
import cl.smartercl.mcp.core.tools.workflows.WorkflowsStatus;

import static cl.smartercl.mcp.connectors.n8n.N8nListAndCreateTests.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Errors, retries, the probe and the wiring, each as n8n really answers. */
class N8nApiTests {

	private final N8nStub n8n = new N8nStub();

	private final N8nOptions options = N8nListAndCreateTests.fast(500);

	private final N8nApi api = new N8nApi("t1", this.n8n.url(), Secret.of(KEY), this.options);

	private final N8nConnector connector = new N8nConnector(this.api, this.options);

	@AfterEach
	void stop() {
		this.api.close();
		this.n8n.close();
	}

	@Test
	void aRejectedKeyIsABackendErrorThatNeverShowsTheKey() {
		this.n8n.on("GET", "/api/v1/workflows", 401, "error-unauthorized");

		assertThatThrownBy(() -> this.connector.list(new WorkflowsList.Input(null, List.of())).block())
			.isInstanceOf(BackendException.class)
			.hasMessage("Service 'n8n' reported an error: n8n rejected the API key while trying to list workflows "
					+ "(HTTP 401); check the tenant's n8n api-key")
			.message()
			.doesNotContain(KEY);
	}

	@Test
	void aServerErrorKeepsOnlyTheFirstLineOfN8nsMessageAndMasksTheKey() {
		this.n8n.on("GET", "/api/v1/executions/5", 500, "{\"message\":\"Database error near 'X-N8N-API-KEY: " + KEY
				+ "'\\n    at Object.query (/usr/lib/n8n/db.js:10)\"}");

		assertThatThrownBy(() -> this.connector.status(new WorkflowsStatus.Input("5")).block())
			.isInstanceOf(BackendException.class)
			.hasMessage("Service 'n8n' reported an error: could not read execution '5' "
					+ "(HTTP 500: Database error near 'X-N8N-API-KEY: ****')");
	}

	@Test
	void anUnavailableN8nIsReportedOnceTheServerLayerRetries() {
		this.n8n.on("GET", "/api/v1/executions/5", 503, "{\"message\":\"n8n is starting up. Please wait\"}");

		assertThatThrownBy(() -> this.connector.status(new WorkflowsStatus.Input("5")).block())
			.isInstanceOf(ServiceUnavailableException.class)
			.hasMessage("Service 'n8n' is currently unavailable: n8n answered HTTP 503");
		// one attempt: retries are the server's one resilience layer, not the connector's
		// (issue 15 #6)
		assertThat(this.n8n.requests("GET", "/api/v1/executions/5")).hasSize(1);
	}

	@Test
	void aWriteIsNeverRetried() {
		this.n8n.on("POST", "/api/v1/workflows", 503, "{\"message\":\"n8n is starting up. Please wait\"}");

		assertThatThrownBy(() -> this.connector
			.create(new cl.smartercl.mcp.core.tools.workflows.WorkflowsCreate.Input("x",
					N8nListAndCreateTests.exported(), null, false))
			.block()).isInstanceOf(ServiceUnavailableException.class);
		assertThat(this.n8n.requests("POST", "/api/v1/workflows")).hasSize(1);
	}

	@Test
	void anUnreachableN8nIsUnavailableAndNamesOnlyHostAndPort() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		N8nApi gone = new N8nApi("t1", URI.create("http://127.0.0.1:" + port + "/"), Secret.of(KEY), this.options);
		try {
			assertThatThrownBy(
					() -> new N8nConnector(gone, this.options).list(new WorkflowsList.Input(null, List.of())).block())
				.isInstanceOf(ServiceUnavailableException.class)
				.hasMessage("Service 'n8n' is currently unavailable: cannot connect to n8n at 127.0.0.1:" + port
						+ " (connection refused)");
		}
		finally {
			gone.close();
		}
	}

	@Test
	void theProbeIsAnAuthenticatedCallOfOneWorkflow() {
		this.n8n.on("GET", "/api/v1/workflows", 200, "workflows-list-page2");

		ProbeResult result = new N8nProbe(this.api).probe().block();

		assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
		assertThat(result.detail()).isEqualTo("GET /api/v1/workflows answered HTTP 200");
		assertThat(result.version()).isNull();
		assertThat(this.n8n.only("GET", "/api/v1/workflows").getUrl().queryParameter("limit")).isEqualTo("1");
		assertThat(this.n8n.only("GET", "/api/v1/workflows").getHeaders().get("X-N8N-API-KEY")).isEqualTo(KEY);
	}

	@Test
	void theProbeReportsARejectedKeyAsUnhealthy() {
		this.n8n.on("GET", "/api/v1/workflows", 401, "error-unauthorized");

		ProbeResult result = new N8nProbe(this.api).probe().block();

		assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
		assertThat(result.detail()).isEqualTo("GET /api/v1/workflows answered HTTP 401 (API key rejected)");
	}

	@Test
	void webhookUrlsKeepTheBasePathAndEncodeEachSegment() {
		N8nApi behindProxy = new N8nApi("t1", URI.create("https://tools.example.com/n8n/"), Secret.of(KEY),
				this.options);
		try {
			assertThat(behindProxy.webhookUrl("orders/new order"))
				.hasToString("https://tools.example.com/n8n/webhook/orders/new%20order");
		}
		finally {
			behindProxy.close();
		}
	}

	@Test
	void theProviderRegistersThePortAndTheProbeOnlyForATenantWithN8n() {
		BackendsConfig withN8n = new BackendsConfig(new BackendsConfig.N8n(this.n8n.url(), Secret.of(KEY)), null, null,
				null, null, null, null, null);
		try (TenantPorts ports = TenantPorts.build(new TenantConfig("acme", withN8n, null, null),
				Connectors.providers());
				TenantPorts none = TenantPorts.build(TenantConfig.empty("other"), Connectors.providers())) {
			assertThat(ports.find(WorkflowsPort.class)).containsInstanceOf(N8nConnector.class);
			assertThat(ports.probes()).extracting((p) -> p.backend()).containsExactly("n8n");
			assertThat(none.find(WorkflowsPort.class)).isEmpty();
			assertThat(none.probes()).isEmpty();
		}
	}

}
