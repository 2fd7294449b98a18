package cl.smartercl.mcp.connectors.odoo;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cl.smartercl.mcp.connectors.config.BackendsConfig;
import cl.smartercl.mcp.connectors.config.Secret;
import cl.smartercl.mcp.connectors.ports.TenantPorts;
import cl.smartercl.mcp.core.tools.crm.ContactFilter;
import cl.smartercl.mcp.core.tools.crm.CrmContactsList;
import cl.smartercl.mcp.core.tools.crm.CrmPipelineStatus;
import cl.smartercl.mcp.core.tools.crm.CrmPort;
import cl.smartercl.mcp.testsupport.odoo.OdooDouble;

import static org.assertj.core.api.Assertions.assertThat;

/** The requests the connector sends, as the double received them. */
class OdooWireTests {

	/**
	 * Company 1's contact the recordings show in full (the others of company 1 only by
	 * name, file 86).
	 */
	private static final ContactFilter JESSE = new ContactFilter(null, null, null, null, "Jesse", null);

	private final OdooDouble odoo = OdooDouble.start();

	private final List<TenantPorts> opened = new ArrayList<>();

	@AfterEach
	void stop() {
		this.opened.forEach(TenantPorts::close);
		this.odoo.close();
	}

	private CrmPort crm(BackendsConfig.Odoo.Protocol protocol, BackendsConfig.Odoo.SharedRecords shared) {
		TenantPorts ports = OdooTestTenants.ports("t", new BackendsConfig.Odoo(this.odoo.url(), "crm_rec", "admin",
				Secret.of(this.odoo.adminKey()), protocol, List.of(1L), shared));
		this.opened.add(ports);
		return OdooTestTenants.crm(ports);
	}

	private List<OdooDouble.Request> posts(String path) {
		return this.odoo.requests().stream().filter((r) -> r.path().equals(path)).toList();
	}

	@Test
	void json2SendsTheKeyTheDatabaseTheCompaniesAndNamedArguments() {
		CrmPort crm = crm(BackendsConfig.Odoo.Protocol.JSON2, BackendsConfig.Odoo.SharedRecords.EXCLUDE);
		crm.listContacts(new CrmContactsList.Input(7, new ContactFilter("US", null, null, null, null, null), null))
			.block();
		OdooDouble.Request read = posts("/json/2/res.partner/search_read").get(0);
		assertThat(read.method()).isEqualTo("POST");
		assertThat(read.header("Authorization")).isEqualTo("bearer " + this.odoo.adminKey());
		assertThat(read.header("X-Odoo-Database")).isEqualTo("crm_rec");
		assertThat(read.header("Content-Type")).startsWith("application/json");
		JsonNode body = read.json();
		assertThat(body.path("domain").toString()).isEqualTo(
				"[[\"company_id\",\"in\",[1]],\"|\",[\"country_id.code\",\"=ilike\",\"US\"],[\"country_id.name\",\"=ilike\",\"US\"]]");
		assertThat(body.path("fields").toString())
			.isEqualTo("[\"id\",\"name\",\"email\",\"phone\",\"is_company\",\"parent_id\",\"city\",\"country_id\"]");
		assertThat(body.path("limit").asInt()).isEqualTo(7);
		assertThat(body.path("offset").asInt()).isZero();
		assertThat(body.path("order").asText()).isEqualTo("name, id");
		assertThat(body.path("context").toString()).isEqualTo("{\"allowed_company_ids\":[1]}");
		assertThat(body.has("ids")).isFalse();
		assertThat(posts("/json/2/res.partner/search_count").get(0).json().path("domain"))
			.isEqualTo(body.path("domain"));
		assertThat(posts("/web/version")).isEmpty();
		assertThat(posts("/jsonrpc")).isEmpty();
	}

	@Test
	void sharedRecordsAddFalseToTheCompanyDomain() {
		CrmPort crm = crm(BackendsConfig.Odoo.Protocol.JSON2, BackendsConfig.Odoo.SharedRecords.INCLUDE);
		crm.listContacts(new CrmContactsList.Input(1, null, null)).block();
		assertThat(posts("/json/2/res.partner/search_read").get(0).json().path("domain").toString())
			.isEqualTo("[[\"company_id\",\"in\",[1,false]]]");
	}

	@Test
	void jsonRpcAuthenticatesOnceThenCallsExecuteKwWithPositionalArguments() {
		CrmPort crm = crm(BackendsConfig.Odoo.Protocol.JSONRPC, BackendsConfig.Odoo.SharedRecords.EXCLUDE);
		crm.listContacts(new CrmContactsList.Input(3, JESSE, null)).block();
		crm.listContacts(new CrmContactsList.Input(3, JESSE, null)).block();
		List<JsonNode> calls = posts("/jsonrpc").stream().map(OdooDouble.Request::json).toList();
		List<JsonNode> logins = calls.stream()
			.filter((c) -> c.at("/params/method").asText().equals("authenticate"))
			.toList();
		assertThat(logins).hasSize(1);
		assertThat(logins.get(0).at("/params/args").toString())
			.isEqualTo("[\"crm_rec\",\"admin\",\"" + this.odoo.adminKey() + "\",{}]");
		JsonNode read = calls.stream()
			.filter((c) -> c.at("/params/args/4").asText().equals("search_read"))
			.findFirst()
			.orElseThrow();
		assertThat(read.path("jsonrpc").asText()).isEqualTo("2.0");
		assertThat(read.path("method").asText()).isEqualTo("call");
		assertThat(read.at("/params/service").asText()).isEqualTo("object");
		JsonNode args = read.at("/params/args");
		assertThat(args.get(0).asText()).isEqualTo("crm_rec");
		assertThat(args.get(1).asLong()).isEqualTo(2);
		assertThat(args.get(3).asText()).isEqualTo("res.partner");
		assertThat(args.get(5).toString()).isEqualTo(
				"[[[\"company_id\",\"in\",[1]],\"|\",\"|\",[\"name\",\"ilike\",\"Jesse\"],[\"email\",\"ilike\",\"Jesse\"],"
						+ "[\"parent_id.name\",\"ilike\",\"Jesse\"]]]");
		assertThat(args.get(6).path("context").toString()).isEqualTo("{\"allowed_company_ids\":[1]}");
		assertThat(args.get(6).path("limit").asInt()).isEqualTo(3);
		assertThat(args.get(6).has("domain")).isFalse();
	}

	@Test
	void autoReadsTheVersionOnceAndUsesJson2OnNineteen() {
		CrmPort crm = crm(BackendsConfig.Odoo.Protocol.AUTO, BackendsConfig.Odoo.SharedRecords.EXCLUDE);
		crm.listContacts(new CrmContactsList.Input(3, JESSE, null)).block();
		crm.pipelineStatus(new CrmPipelineStatus.Input()).block();
		assertThat(posts("/web/version")).hasSize(1);
		assertThat(posts("/jsonrpc")).isEmpty();
		JsonNode group = posts("/json/2/crm.lead/formatted_read_group").get(0).json();
		assertThat(group.path("groupby").toString()).isEqualTo("[\"stage_id\"]");
		assertThat(group.path("aggregates").toString()).isEqualTo("[\"expected_revenue:sum\",\"__count\"]");
	}

	@Test
	void autoUsesJsonRpcAndReadGroupBeforeNineteen() {
		this.odoo.reportVersion(18);
		CrmPort crm = crm(BackendsConfig.Odoo.Protocol.AUTO, BackendsConfig.Odoo.SharedRecords.INCLUDE);
		CrmPipelineStatus.Output out = crm.pipelineStatus(new CrmPipelineStatus.Input()).block();
		assertThat(out.won().count()).isEqualTo(3);
		List<JsonNode> groups = posts("/jsonrpc").stream()
			.map(OdooDouble.Request::json)
			.filter((c) -> c.at("/params/args/4").asText().equals("read_group"))
			.toList();
		assertThat(groups).hasSize(2);
		JsonNode args = groups.get(0).at("/params/args");
		assertThat(args.get(5).get(1).toString()).isEqualTo("[\"expected_revenue:sum\"]");
		assertThat(args.get(5).get(2).toString()).isEqualTo("[\"stage_id\"]");
		assertThat(args.get(6).path("lazy").asBoolean(true)).isFalse();
		assertThat(posts("/json/2/crm.lead/formatted_read_group")).isEmpty();
	}

	@Test
	void lostOpportunitiesAreReadWithArchivedRecords() {
		CrmPort crm = crm(BackendsConfig.Odoo.Protocol.JSON2, BackendsConfig.Odoo.SharedRecords.INCLUDE);
		crm.pipelineStatus(new CrmPipelineStatus.Input()).block();
		JsonNode lost = posts("/json/2/crm.lead/formatted_read_group").stream()
			.map(OdooDouble.Request::json)
			.filter((b) -> b.path("domain").toString().contains("active"))
			.findFirst()
			.orElseThrow();
		assertThat(lost.path("context").path("active_test").asBoolean(true)).isFalse();
	}

}
