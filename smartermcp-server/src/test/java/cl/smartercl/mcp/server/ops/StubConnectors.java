package cl.smartercl.mcp.server.ops;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import reactor.core.publisher.Mono;

import cl.smartercl.mcp.connectors.config.TenantConfig;
import cl.smartercl.mcp.core.tool.Backend;
import cl.smartercl.mcp.connectors.ports.ConnectorProvider;
import cl.smartercl.mcp.connectors.ports.PortRegistrar;
import cl.smartercl.mcp.core.error.BackendException;
import cl.smartercl.mcp.core.error.ServiceUnavailableException;
import cl.smartercl.mcp.core.health.BackendProbe;
import cl.smartercl.mcp.core.health.ProbeResult;
import cl.smartercl.mcp.core.tools.crm.ContactsPage;
import cl.smartercl.mcp.core.tools.crm.CrmContactsList;
import cl.smartercl.mcp.core.tools.crm.CrmContactsSearch;
import cl.smartercl.mcp.core.tools.crm.CrmContactsUpsert;
import cl.smartercl.mcp.core.tools.crm.CrmOpportunitiesList;
import cl.smartercl.mcp.core.tools.crm.CrmPipelineStatus;
import cl.smartercl.mcp.core.tools.crm.CrmPort;
import cl.smartercl.mcp.core.tools.services.HealthStatus;
import cl.smartercl.mcp.core.tools.workflows.WorkflowsCreate;
import cl.smartercl.mcp.core.tools.workflows.WorkflowsList;
import cl.smartercl.mcp.core.tools.workflows.WorkflowsPort;
import cl.smartercl.mcp.core.tools.workflows.WorkflowsStatus;
import cl.smartercl.mcp.core.tools.workflows.WorkflowsTrigger;

/**
 * A test {@link ConnectorProvider}: for the tenants it is given, a workflows port over an
 * "n8n" {@link StubBackend}, a CRM port over an "odoo" one, and live probes of those and
 * of a "chatwoot" one. The ports speak HTTP to their stub the way a connector does: a 5xx
 * is a {@link BackendException}, a refused connection a
 * {@link ServiceUnavailableException}.
 */
final class StubConnectors implements ConnectorProvider {

	record Backends(StubBackend n8n, StubBackend odoo, StubBackend chatwoot) implements AutoCloseable {

		/** Three healthy stubs on ports of their own. */
		static Backends start() {
			return new Backends(new StubBackend("1.123.0"), new StubBackend("18.0"), new StubBackend("4.0"));
		}

		@Override
		public void close() {
			this.n8n.close();
			this.odoo.close();
			this.chatwoot.close();
		}

	}

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Map<String, Backends> tenants;

	StubConnectors(Map<String, Backends> tenants) {
		this.tenants = Map.copyOf(tenants);
	}

	@Override
	public void contribute(TenantConfig tenant, PortRegistrar registrar) {
		Backends backends = this.tenants.get(tenant.id());
		if (backends == null) {
			return;
		}
		registrar.port(WorkflowsPort.class, new Workflows(backends.n8n()));
		registrar.port(CrmPort.class, new Crm(backends.odoo()));
		registrar.serves(Backend.N8N);
		registrar.serves(Backend.ODOO);
		registrar.probe(probe("n8n", backends.n8n()));
		registrar.probe(probe("odoo", backends.odoo()));
		registrar.probe(probe("chatwoot", backends.chatwoot()));
	}

	static Mono<String> send(String service, HttpRequest request) {
		return Mono.fromFuture(() -> HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
			.onErrorMap((ex) -> ex.getCause() instanceof ConnectException || ex instanceof ConnectException,
					(ex) -> new ServiceUnavailableException(service, "connection refused"))
			.flatMap((response) -> (response.statusCode() >= 500)
					? Mono.error(new BackendException(service, "HTTP " + response.statusCode()))
					: Mono.just(response.body()));
	}

	static BackendProbe probe(String name, StubBackend stub) {
		return new BackendProbe() {
			@Override
			public String backend() {
				return name;
			}

			@Override
			public Mono<ProbeResult> probe() {
				long start = System.nanoTime();
				return Mono
					.fromFuture(() -> HTTP.sendAsync(HttpRequest.newBuilder(stub.uri(StubBackend.PROBE_PATH)).build(),
							HttpResponse.BodyHandlers.ofString()))
					.map((response) -> new ProbeResult(
							(response.statusCode() == 200) ? HealthStatus.HEALTHY : HealthStatus.UNHEALTHY,
							(System.nanoTime() - start) / 1_000_000, (response.statusCode() == 200) ? "1.0-stub" : null,
							"GET /healthz answered " + response.statusCode()))
					.onErrorResume((ex) -> Mono.just(new ProbeResult(HealthStatus.UNHEALTHY,
							(System.nanoTime() - start) / 1_000_000, null, "GET /healthz failed")));
			}
		};
	}

	private record Workflows(StubBackend stub) implements WorkflowsPort {

		@Override
		public Mono<WorkflowsList.Output> list(WorkflowsList.Input input) {
			return send("n8n", HttpRequest.newBuilder(this.stub.uri("/api/v1/workflows")).build())
				.map((body) -> new WorkflowsList.Output(List.of(), 0, false));
		}

		@Override
		public Mono<WorkflowsTrigger.Output> trigger(WorkflowsTrigger.Input input) {
			return send("n8n",
					HttpRequest.newBuilder(this.stub.uri("/webhook/" + input.workflowId()))
						.POST(HttpRequest.BodyPublishers.ofString("{}"))
						.header("Content-Type", "application/json")
						.build())
				.map((body) -> new WorkflowsTrigger.Output(input.workflowId(), UUID.randomUUID().toString(), "running",
						Instant.now(), null));
		}

		@Override
		public Mono<WorkflowsStatus.Output> status(WorkflowsStatus.Input input) {
			return Mono.error(new BackendException("n8n", "not offered by this stub"));
		}

		@Override
		public Mono<WorkflowsCreate.Output> create(WorkflowsCreate.Input input) {
			return Mono.error(new BackendException("n8n", "not offered by this stub"));
		}

	}

	private record Crm(StubBackend stub) implements CrmPort {

		@Override
		public Mono<ContactsPage> listContacts(CrmContactsList.Input input) {
			return send("odoo",
					HttpRequest.newBuilder(this.stub.uri("/json/2/res.partner/search_read"))
						.POST(HttpRequest.BodyPublishers.ofString("{}"))
						.build())
				.map((body) -> new ContactsPage(List.of(), 0, 0L, false, null));
		}

		@Override
		public Mono<ContactsPage> searchContacts(CrmContactsSearch.Input input) {
			return listContacts(null);
		}

		@Override
		public Mono<CrmOpportunitiesList.Output> listOpportunities(CrmOpportunitiesList.Input input) {
			return Mono.error(new BackendException("odoo", "not offered by this stub"));
		}

		@Override
		public Mono<CrmPipelineStatus.Output> pipelineStatus(CrmPipelineStatus.Input input) {
			return Mono.error(new BackendException("odoo", "not offered by this stub"));
		}

		@Override
		public Mono<CrmContactsUpsert.Output> upsertContact(CrmContactsUpsert.Input input) {
			return send("odoo",
					HttpRequest.newBuilder(this.stub.uri("/json/2/res.partner/write"))
						.POST(HttpRequest.BodyPublishers.ofString("{}"))
						.build())
				.flatMap((body) -> Mono.error(new BackendException("odoo", "not offered by this stub")));
		}

	}

}
