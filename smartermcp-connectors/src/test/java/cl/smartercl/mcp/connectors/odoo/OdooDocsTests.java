package cl.smartercl.mcp.connectors.odoo;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cl.smartercl.mcp.connectors.config.BackendsConfig;
import cl.smartercl.mcp.connectors.config.Secret;
import cl.smartercl.mcp.connectors.config.TenantConfig;
import cl.smartercl.mcp.connectors.docs.DocumentationConnectorProvider;
import cl.smartercl.mcp.connectors.ports.InProcessKeyedLock;
import cl.smartercl.mcp.connectors.ports.TenantPorts;
import cl.smartercl.mcp.core.tools.documentation.DocsApis;
import cl.smartercl.mcp.core.tools.documentation.DocumentationPort;
import cl.smartercl.mcp.testsupport.odoo.OdooDouble;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs_apis odoo} describes the models' fields as the live server's
 * {@code fields_get} gives them.
 */
class OdooDocsTests {

	private final OdooDouble odoo = OdooDouble.start();

	private TenantPorts ports;

	@AfterEach
	void stop() {
		if (this.ports != null) {
			this.ports.close();
		}
		this.odoo.close();
	}

	@Test
	void docsApisOdooIsLiveFromFieldsGet() {
		BackendsConfig.Odoo config = new BackendsConfig.Odoo(this.odoo.url(), "crm_rec", "admin",
				Secret.of(this.odoo.adminKey()), BackendsConfig.Odoo.Protocol.AUTO, List.of(1L), null);
		this.ports = TenantPorts.build(
				new TenantConfig("t", new BackendsConfig(null, null, null, config, null, null, null, null), null, null),
				List.of(new OdooConnectorProvider(OdooTestTenants.FAST), new DocumentationConnectorProvider()),
				new InProcessKeyedLock());
		DocsApis.Output out = this.ports.find(DocumentationPort.class)
			.orElseThrow()
			.apis(new DocsApis.Input("odoo", null, null))
			.block();
		assertThat(out.source()).isEqualTo("live");
		assertThat(out.version()).isEqualTo("19");
		assertThat(out.auth()).contains("HTTP bearer");
		assertThat(out.operations()).extracting(DocsApis.Operation::path)
			.contains("/json/2/res.partner/search_read", "/json/2/crm.lead/formatted_read_group");
		DocsApis.Operation leads = out.operations()
			.stream()
			.filter((o) -> o.path().equals("/json/2/crm.lead/search_read"))
			.findFirst()
			.orElseThrow();
		// file 98: name is required, stage_id a many2one to crm.stage, expected_revenue
		// monetary
		assertThat(leads.summary()).contains("name (char, required)")
			.contains("stage_id (many2one → crm.stage)")
			.contains("expected_revenue (monetary)");
		assertThat(this.odoo.requests())
			.anySatisfy((r) -> assertThat(r.path()).isEqualTo("/json/2/crm.lead/fields_get"));
	}

}
