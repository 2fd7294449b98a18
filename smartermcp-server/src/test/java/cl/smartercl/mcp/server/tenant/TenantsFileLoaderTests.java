package cl.smartercl.mcp.server.tenant;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cl.smartercl.mcp.connectors.config.KpiConfig;
import cl.smartercl.mcp.connectors.config.BackendsConfig;
import cl.smartercl.mcp.connectors.config.TenantConfig;
import cl.smartercl.mcp.core.tools.services.ServiceType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TenantsFileLoaderTests {

	private static final Map<String, String> ENV = Map.of("N8N_API_KEY", "n8n-secret-value", "PG_PASSWORD",
			"pg-secret-value");

	private final TenantsFileLoader loader = new TenantsFileLoader(ENV::get);

	@Test
	void odooDefaultsToAutoAndExcludingSharedRecords() {
		TenantConfig tenant = this.loader.parse("""
				tenants:
				  t:
				    backends:
				      odoo: { url: http://odoo:8069, database: prod, username: u, api-key: k, company-ids: [1] }
				""", "tenants.yaml").get(0);
		assertThat(tenant.backends().odoo().protocol()).isEqualTo(BackendsConfig.Odoo.Protocol.AUTO);
		assertThat(tenant.backends().odoo().sharedRecords()).isEqualTo(BackendsConfig.Odoo.SharedRecords.EXCLUDE);
		assertThatThrownBy(() -> this.loader.parse("""
				tenants:
				  t:
				    backends:
				      odoo: { url: http://odoo:8069, database: prod, api-key: k, protocol: xmlrpc }
				""", "tenants.yaml")).hasMessageContaining("xmlrpc");
	}

	@Test
	void readsTheDocumentedShape(@TempDir Path dir) throws Exception {
		Path odooKey = dir.resolve("odoo.key");
		Files.writeString(odooKey, "odoo-secret-value\n");
		String yaml = """
				tenants:
				  default:
				    backends:
				      n8n:        { url: http://127.0.0.1:5678, api-key: "${N8N_API_KEY}" }
				      docker:     { host: "unix:///var/run/docker.sock" }
				      supabase:   { url: "r2dbc:postgresql://127.0.0.1:5432/postgres", username: reader, password: "${PG_PASSWORD}" }
				      odoo:       { url: http://odoo:8069, database: prod, username: api@example.com, api-key: "file:%s", protocol: jsonrpc, company-ids: [2, 3], shared-records: include }
				      chatwoot:   { url: http://chatwoot:3000, account-id: 1, api-token: plain-token }
				      botpress:   { flavour: cloud, url: https://api.botpress.cloud, workspace-id: wks_1, token: bp }
				      metabase:   { url: http://metabase:3000, api-key: mb, collection-id: 7, database-id: 2, max-csv-bytes: 1048576 }
				      prometheus: { url: http://127.0.0.1:9090 }
				    services:
				      - id: n8n
				        name: N8N
				        type: backend
				        container: n8n
				        health: backend
				      - id: web
				        type: frontend
				        compose-service: web
				        health: http://127.0.0.1:3000/health
				    kpis:
				      revenue_mtd: 12
				      conversion_rate: { question: 13, format: percent, decimals: 1 }
				      orders_mtd: { question: 14, format: integer, unit: orders, parameters: { since: "2026-01-01" } }
				  acme: ~
				"""
			.formatted(odooKey);
		List<TenantConfig> tenants = this.loader.parse(yaml, "tenants.yaml");
		assertThat(tenants).extracting(TenantConfig::id).containsExactly("default", "acme");
		TenantConfig tenant = tenants.get(0);
		assertThat(tenant.backends().n8n().url()).hasToString("http://127.0.0.1:5678");
		assertThat(tenant.backends().n8n().apiKey().reveal()).isEqualTo("n8n-secret-value");
		assertThat(tenant.backends().supabase().password().reveal()).isEqualTo("pg-secret-value");
		assertThat(tenant.backends().odoo().apiKey().reveal()).isEqualTo("odoo-secret-value");
		assertThat(tenant.backends().odoo().protocol()).isEqualTo(BackendsConfig.Odoo.Protocol.JSONRPC);
		assertThat(tenant.backends().odoo().companyIds()).containsExactly(2L, 3L);
		assertThat(tenant.backends().odoo().sharedRecords()).isEqualTo(BackendsConfig.Odoo.SharedRecords.INCLUDE);
		assertThat(tenant.backends().chatwoot().accountId()).isEqualTo(1);
		assertThat(tenant.backends().botpress().workspaceId()).isEqualTo("wks_1");
		assertThat(tenant.backends().docker().host()).isEqualTo("unix:///var/run/docker.sock");
		assertThat(tenant.services()).hasSize(2);
		assertThat(tenant.services().get(0).type()).isEqualTo(ServiceType.BACKEND);
		assertThat(tenant.services().get(1).composeService()).isEqualTo("web");
		assertThat(tenant.services().get(1).name()).isEqualTo("web");
		assertThat(tenant.kpis()).containsEntry("revenue_mtd", KpiConfig.of(12))
			.containsEntry("conversion_rate", new KpiConfig(13, "percent", null, 1, null))
			.containsEntry("orders_mtd", new KpiConfig(14, "integer", "orders", null, Map.of("since", "2026-01-01")));
		assertThat(tenant.kpis().keySet()).containsExactly("revenue_mtd", "conversion_rate", "orders_mtd");
		assertThat(tenant.backends().metabase().collectionId()).isEqualTo(7L);
		assertThat(tenant.backends().metabase().databaseId()).isEqualTo(2L);
		assertThat(tenant.backends().metabase().maxCsvBytes()).isEqualTo(1048576L);
		assertThat(tenants.get(1).backends().n8n()).isNull();
		// secrets never print
		assertThat(tenant.toString()).doesNotContain("secret-value").contains("****");
	}

	@Test
	void confirmationWithoutElicitationProceedsByDefaultAndCanRefuse() {
		List<TenantConfig> tenants = this.loader.parse("""
				tenants:
				  open: {}
				  strict:
				    confirmation: { without-elicitation: refuse }
				  explicit:
				    confirmation: { without-elicitation: proceed }
				""", "t.yaml");
		assertThat(tenants).extracting((tenant) -> tenant.confirmation().proceedWithoutElicitation())
			.containsExactly(true, false, true);
		assertThatThrownBy(() -> this.loader.parse("""
				tenants:
				  t:
				    confirmation: { without-elicitation: ask }
				""", "t.yaml"))
			.hasMessageContaining("confirmation.without-elicitation is 'ask', expected proceed or refuse");
		assertThatThrownBy(() -> this.loader.parse("""
				tenants:
				  t:
				    confirmation: { always: true }
				""", "t.yaml")).hasMessageContaining("confirmation has unknown key 'always'");
	}

	@Test
	void aMissingEnvironmentVariableNamesTheKeyAndTheVariable() {
		String yaml = """
				tenants:
				  default:
				    backends:
				      n8n: { url: http://x, api-key: "${MISSING_KEY}" }
				""";
		assertThatThrownBy(() -> this.loader.parse(yaml, "t.yaml")).hasMessageContaining("tenant 'default'")
			.hasMessageContaining("'api-key'")
			.hasMessageContaining("MISSING_KEY");
	}

	@Test
	void aKpiMappingIsCheckedKeyByKey() {
		assertThatThrownBy(() -> this.loader.parse("""
				tenants:
				  default:
				    kpis:
				      revenue: { question: 12, format: money }
				""", "t.yaml")).hasMessageContaining("kpi 'revenue'")
			.hasMessageContaining("currency, percent, integer, number");
		assertThatThrownBy(() -> this.loader.parse("""
				tenants:
				  default:
				    kpis:
				      revenue: { format: currency }
				""", "t.yaml")).hasMessageContaining("kpi 'revenue'").hasMessageContaining("question");
		assertThatThrownBy(() -> this.loader.parse("""
				tenants:
				  default:
				    kpis:
				      revenue: { question: 12, units: USD }
				""", "t.yaml")).hasMessageContaining("unknown key 'units'");
		assertThatThrownBy(() -> this.loader.parse("""
				tenants:
				  default:
				    kpis:
				      revenue: twelve
				""", "t.yaml")).hasMessageContaining("must be a Metabase question id");
	}

	@Test
	void anUnknownKeyIsNamed() {
		String yaml = """
				tenants:
				  default:
				    backends:
				      n8n: { url: http://x, apikey: "x" }
				""";
		assertThatThrownBy(() -> this.loader.parse(yaml, "t.yaml")).hasMessageContaining("apikey");
	}

	@Test
	void anUnreadableSecretFileIsNamedWithoutItsContent(@TempDir Path dir) {
		String yaml = """
				tenants:
				  default:
				    backends:
				      metabase: { url: http://x, api-key: "file:%s" }
				""".formatted(dir.resolve("absent"));
		assertThatThrownBy(() -> this.loader.parse(yaml, "t.yaml")).hasMessageContaining("absent")
			.hasMessageContaining("cannot be read");
	}

	@Test
	void badTenantIdsAndShapesAreRefused() {
		assertThatThrownBy(() -> this.loader.parse("tenants:\n  Bad Id: ~\n", "t.yaml")).hasMessageContaining("Bad Id");
		assertThatThrownBy(() -> this.loader.parse("other: 1\n", "t.yaml")).hasMessageContaining("'tenants'");
		assertThatThrownBy(() -> this.loader.parse("tenants:\n  a:\n    kpis: { x: abc }\n", "t.yaml"))
			.hasMessageContaining("kpi 'x'");
		assertThatThrownBy(() -> this.loader.parse("tenants: [\n", "t.yaml")).hasMessageContaining("not valid YAML");
	}

	@Test
	void anEmptyFileHasNoTenants() {
		assertThat(this.loader.parse("", "t.yaml")).isEmpty();
	}

}
