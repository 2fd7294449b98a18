package cl.smartercl.mcp.connectors.docs;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import cl.smartercl.mcp.connectors.config.BackendsConfig;
import cl.smartercl.mcp.connectors.config.TenantConfig;
import cl.smartercl.mcp.connectors.ports.ConnectorProvider;
import cl.smartercl.mcp.connectors.ports.Connectors;
import cl.smartercl.mcp.connectors.ports.TenantPorts;
import cl.smartercl.mcp.connectors.supabase.SupabaseConnector;
import cl.smartercl.mcp.core.error.BackendNotConfiguredException;
import cl.smartercl.mcp.core.error.ServiceUnavailableException;
import cl.smartercl.mcp.core.tools.documentation.DocsSchemas;
import cl.smartercl.mcp.core.tools.documentation.DocsServices;
import cl.smartercl.mcp.core.tools.documentation.DocumentationPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the documentation and Supabase providers wire a tenant's ports. */
class DocumentationConnectorProviderTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@Test
	void everyTenantHasDocumentationEvenWithNothingConfigured() {
		try (TenantPorts ports = TenantPorts.build(TenantConfig.empty("bare"), Connectors.providers())) {
			assertThat(ports.find(DocumentationPort.class)).isPresent();
			assertThat(ports.find(DocumentationService.class)).isPresent();
			assertThat(ports.find(SupabaseConnector.class)).isEmpty();
			assertThat(ports.probes()).isEmpty();
			DocumentationPort docs = ports.find(DocumentationPort.class).orElseThrow();
			assertThat(docs.services(new DocsServices.Input("n8n")).block(WAIT).health()).isEqualTo("not configured");
			assertThatThrownBy(() -> docs.schemas(new DocsSchemas.Input("public", 1, 50)).block(WAIT))
				.isInstanceOf(BackendNotConfiguredException.class);
		}
	}

	@Test
	void aConfiguredDatabaseIsDescribedAndProbedThroughTheSupabaseConnector() {
		// Port 1 on loopback: nothing listens, so the probe must report the refusal.
		TenantConfig tenant = new TenantConfig("acme", new BackendsConfig(null, null,
				new BackendsConfig.Supabase("r2dbc:postgresql://127.0.0.1:1/postgres", "reader", null, null, null),
				null, null, null, null, null), null, null);
		try (TenantPorts ports = TenantPorts.build(tenant, Connectors.providers())) {
			assertThat(ports.find(SupabaseConnector.class)).isPresent();
			assertThat(ports.probes()).extracting((probe) -> probe.backend()).containsExactly("supabase");

			DocsServices.Output out = ports.find(DocumentationPort.class)
				.orElseThrow()
				.services(new DocsServices.Input("supabase"))
				.block(WAIT);

			assertThat(out.health()).startsWith("unhealthy: a read-only catalog query failed: Service 'supabase' is "
					+ "currently unavailable: cannot connect to the PostgreSQL server of backends.supabase.url (connection refused)");
			assertThatThrownBy(() -> ports.find(DocumentationPort.class)
				.orElseThrow()
				.schemas(new DocsSchemas.Input("public", 1, 50))
				.block(WAIT)).isInstanceOf(ServiceUnavailableException.class)
				.hasMessageContaining("cannot connect to the PostgreSQL server of backends.supabase.url");
		}
	}

	@Test
	void theFinishedPortsAreNotReadableWhileProvidersContribute() {
		ConnectorProvider eager = (tenant, registrar) -> registrar.finished().get();
		assertThatThrownBy(() -> TenantPorts.build(TenantConfig.empty("t"), List.of(eager)))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("still being built");
	}

}
