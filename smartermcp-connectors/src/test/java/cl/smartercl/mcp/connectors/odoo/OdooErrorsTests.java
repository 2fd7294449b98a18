package cl.smartercl.mcp.connectors.odoo;

import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import cl.smartercl.mcp.connectors.config.BackendsConfig;
import cl.smartercl.mcp.connectors.config.Secret;
import cl.smartercl.mcp.connectors.ports.InProcessKeyedLock;
import cl.smartercl.mcp.connectors.ports.TenantPorts;
import cl.smartercl.mcp.core.error.BackendException;
import cl.smartercl.mcp.core.error.InvalidArgumentsException;
import cl.smartercl.mcp.core.error.ServiceUnavailableException;
import cl.smartercl.mcp.core.health.ProbeResult;
import cl.smartercl.mcp.core.tools.crm.ContactFilter;
import cl.smartercl.mcp.core.tools.crm.CrmContactsList;
import cl.smartercl.mcp.core.tools.crm.CrmContactsUpsert;
import cl.smartercl.mcp.core.tools.crm.CrmPort;
import cl.smartercl.mcp.core.tools.services.HealthStatus;
import cl.smartercl.mcp.testsupport.odoo.OdooDemo;
import cl.smartercl.mcp.testsupport.odoo.OdooDouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every failure of Odoo becomes one of the project's errors, worded to say what to do.
 */
class OdooErrorsTests {

	private static final String JSON = "application/json; charset=utf-8";

	/** File 71's body (its traceback shortened). */
	private static final String ACCESS_ERROR = "{\"name\": \"odoo.exceptions.AccessError\", \"message\": \"Uh-oh! Looks like"
			+ " you have stumbled upon some top-secret records.\\n\\nSorry, Sam Seller (id=7) doesn't have 'read' access to:\\n"
			+ "- Lead (crm.lead)\\n\\nIf you really, really need access, perhaps you can win over your friendly administrator"
			+ " with a batch of freshly baked cookies.\", \"arguments\": [], \"context\": {}, \"debug\": \"Traceback\"}";

	private final OdooDouble odoo = OdooDouble.start();

	private final List<TenantPorts> opened = new ArrayList<>();

	@AfterEach
	void stop() {
		this.opened.forEach(TenantPorts::close);
		this.odoo.close();
	}

	private TenantPorts ports(BackendsConfig.Odoo config, OdooOptions options) {
		TenantPorts ports = OdooTestTenants.ports("t", config, new InProcessKeyedLock(), options);
		this.opened.add(ports);
		return ports;
	}

	private CrmPort crm(String protocol, String key, String database, List<Long> companies) {
		BackendsConfig.Odoo config = new BackendsConfig.Odoo(this.odoo.url(), database, "admin", Secret.of(key),
				BackendsConfig.Odoo.Protocol.valueOf(protocol.toUpperCase()), companies, null);
		return OdooTestTenants.crm(ports(config, OdooTestTenants.FAST));
	}

	private CrmPort admin(String protocol) {
		return crm(protocol, this.odoo.adminKey(), "crm_rec", List.of(1L));
	}

	private static void listContacts(CrmPort crm) {
		crm.listContacts(new CrmContactsList.Input(5, new ContactFilter(null, null, null, null, "Jesse", null), null))
			.block();
	}

	private static void listLeads(CrmPort crm) {
		crm.listContacts(new CrmContactsList.Input(5,
				new ContactFilter(null, ContactFilter.Type.LEAD, null, null, null, null), null))
			.block();
	}

	@ParameterizedTest
	@ValueSource(strings = { "json2", "jsonrpc" })
	void aRefusedKeyNamesTheDatabase(String protocol) {
		assertThatThrownBy(() -> listContacts(crm(protocol, "invalid-key-0000", "crm_rec", List.of(1L))))
			.isInstanceOf(BackendException.class)
			.hasMessageContaining("Odoo refused the API key for database 'crm_rec'")
			.hasMessageNotContaining("invalid-key-0000");
	}

	@Test
	void aWrongDatabaseIsOdoosHtmlPage() {
		assertThatThrownBy(() -> listContacts(crm("json2", this.odoo.adminKey(), "nope", List.of(1L))))
			.isInstanceOf(BackendException.class)
			.hasMessageContaining("Odoo has no database 'nope' at 127.0.0.1:")
			.hasMessageContaining("check backends.odoo.database");
	}

	@ParameterizedTest
	@ValueSource(strings = { "json2", "jsonrpc" })
	void aCompanyTheUserIsNotAllowedInIsNamed(String protocol) {
		String carla = OdooDemo.chile(this.odoo);
		BackendsConfig.Odoo config = new BackendsConfig.Odoo(this.odoo.url(), "crm_rec", "carla@acme.cl",
				Secret.of(carla), BackendsConfig.Odoo.Protocol.valueOf(protocol.toUpperCase()), List.of(1L), null);
		assertThatThrownBy(() -> listContacts(OdooTestTenants.crm(ports(config, OdooTestTenants.FAST))))
			.isInstanceOf(BackendException.class)
			.hasMessageContaining(
					"Odoo denies this user the companies [1] (Access to unauthorized or invalid companies.)")
			.hasMessageContaining("check backends.odoo.company-ids");
	}

	@Test
	void accessRightsOnJson2SayWhatIsDenied() {
		CrmPort crm = admin("json2");
		this.odoo.behave(new OdooDouble.Answer(403, JSON, ACCESS_ERROR));
		assertThatThrownBy(() -> listLeads(crm)).isInstanceOf(BackendException.class)
			.hasMessageContaining(
					"Odoo denies this user access to crm.lead: Sorry, Sam Seller (id=7) doesn't have 'read'"
							+ " access to: - Lead (crm.lead)")
			.hasMessageNotContaining("Uh-oh");
	}

	@Test
	void accessRightsOnJsonRpcComeInside200() {
		CrmPort crm = admin("jsonrpc");
		listContacts(crm);
		this.odoo.behave(new OdooDouble.Answer(200, JSON, "{\"jsonrpc\": \"2.0\", \"id\": 9, \"error\": {\"code\": 0, "
				+ "\"message\": \"Odoo Server Error\", \"data\": " + ACCESS_ERROR + "}}"));
		assertThatThrownBy(() -> listLeads(crm)).isInstanceOf(BackendException.class)
			.hasMessageContaining("Odoo denies this user access to crm.lead: Sorry, Sam Seller (id=7)");
	}

	@Test
	void aValidationErrorIsAnInvalidArgument() {
		CrmPort crm = admin("json2");
		this.odoo.behave(new OdooDouble.Answer(422, JSON, "{\"name\": \"odoo.exceptions.ValidationError\", \"message\":"
				+ " \"The operation cannot be completed: Contacts require a name\", \"arguments\": [], \"context\": {}}"));
		assertThatThrownBy(() -> crm
			.upsertContact(new CrmContactsUpsert.Input(
					new CrmContactsUpsert.Fields("A", null, null, null, null, null, null, null), null))
			.block()).isInstanceOf(InvalidArgumentsException.class)
			.hasMessage(
					"Invalid argument 'contact': Odoo refused it: The operation cannot be completed: Contacts require a name");
	}

	@Test
	void anUnprocessableCallIs422() {
		CrmPort crm = admin("json2");
		this.odoo.behave(new OdooDouble.Answer(422, JSON, "{\"name\": \"werkzeug.exceptions.UnprocessableEntity\", "
				+ "\"message\": \"missing a required argument: 'vals'\", \"arguments\": [], \"context\": {}}"));
		assertThatThrownBy(() -> listContacts(crm)).isInstanceOf(BackendException.class)
			.hasMessageContaining("could not list contacts (HTTP 422: missing a required argument: 'vals')");
	}

	@Test
	void aServerErrorCarriesOdoosMessage() {
		CrmPort crm = admin("json2");
		this.odoo
			.behave(new OdooDouble.Answer(500, JSON, "{\"name\": \"builtins.ValueError\", \"message\": \"Invalid field"
					+ " 'mobile' on 'res.partner'\", \"arguments\": [], \"context\": {}, \"debug\": \"Traceback...\"}"));
		assertThatThrownBy(() -> listContacts(crm)).isInstanceOf(BackendException.class)
			.hasMessageContaining(
					"could not list contacts (HTTP 500 ValueError: Invalid field 'mobile' on 'res.partner')")
			.hasMessageNotContaining("Traceback");
	}

	@Test
	void aMissingMethodSuggestsTheVersion() {
		CrmPort crm = admin("json2");
		this.odoo.behave(new OdooDouble.Answer(404, JSON, "{\"name\": \"werkzeug.exceptions.NotFound\", \"message\": "
				+ "\"the model 'crm.lead' does not exist\", \"arguments\": [], \"context\": {}}"));
		assertThatThrownBy(() -> listLeads(crm)).isInstanceOf(BackendException.class)
			.hasMessageContaining("the model 'crm.lead' does not exist")
			.hasMessageContaining("is the CRM app installed");
	}

	@ParameterizedTest
	@ValueSource(strings = { "json2", "jsonrpc" })
	void aBackendThatHangsIsUnavailableAfterTheTimeout(String protocol) {
		BackendsConfig.Odoo config = new BackendsConfig.Odoo(this.odoo.url(), "crm_rec", "admin",
				Secret.of(this.odoo.adminKey()), BackendsConfig.Odoo.Protocol.valueOf(protocol.toUpperCase()),
				List.of(1L), null);
		CrmPort crm = OdooTestTenants.crm(ports(config, OdooTestTenants.SHORT));
		this.odoo.behave(new OdooDouble.Hang());
		assertThatThrownBy(() -> listContacts(crm)).isInstanceOf(ServiceUnavailableException.class)
			.hasMessageContaining("no answer within 1 s from Odoo at 127.0.0.1:");
	}

	@ParameterizedTest
	@ValueSource(strings = { "json2", "jsonrpc" })
	void garbageIsNotJson(String protocol) {
		CrmPort crm = admin(protocol);
		listContacts(crm);
		this.odoo.behave(new OdooDouble.Answer(200, JSON, "<html>surprise</html>"));
		assertThatThrownBy(() -> listContacts(crm)).isInstanceOf(BackendException.class)
			.hasMessageContaining("answered something that is not valid JSON (HTTP 200)");
	}

	@Test
	void jsonOfAnotherShapeIsAnIncompleteAnswer() {
		CrmPort crm = admin("json2");
		this.odoo.behave(new OdooDouble.Answer(200, JSON, "{\"unexpected\": true}"));
		assertThatThrownBy(() -> listContacts(crm)).isInstanceOf(BackendException.class)
			.hasMessageContaining("Odoo's answer is incomplete");
	}

	@Test
	void aGatewayErrorIsUnavailable() {
		CrmPort crm = admin("json2");
		this.odoo.behave(new OdooDouble.Answer(503, "text/html", "<h1>maintenance</h1>"));
		assertThatThrownBy(() -> listContacts(crm)).isInstanceOf(ServiceUnavailableException.class)
			.hasMessageContaining("Odoo answered HTTP 503");
	}

	@Test
	void aClosedPortCannotBeReached() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		BackendsConfig.Odoo config = new BackendsConfig.Odoo(URI.create("http://127.0.0.1:" + port), "crm_rec", "admin",
				Secret.of("k"), BackendsConfig.Odoo.Protocol.JSON2, List.of(1L), null);
		assertThatThrownBy(() -> listContacts(OdooTestTenants.crm(ports(config, OdooTestTenants.FAST))))
			.isInstanceOf(ServiceUnavailableException.class)
			.hasMessageContaining("cannot connect to Odoo at 127.0.0.1:" + port);
	}

	@ParameterizedTest
	@ValueSource(strings = { "auto", "jsonrpc" })
	void theProbeMakesAnAuthenticatedCall(String protocol) {
		TenantPorts ports = ports(
				new BackendsConfig.Odoo(this.odoo.url(), "crm_rec", "admin", Secret.of(this.odoo.adminKey()),
						BackendsConfig.Odoo.Protocol.valueOf(protocol.toUpperCase()), List.of(1L), null),
				OdooTestTenants.FAST);
		ProbeResult healthy = OdooTestTenants.probe(ports).probe().block();
		assertThat(healthy.status()).isEqualTo(HealthStatus.HEALTHY);
		assertThat(healthy.version()).isEqualTo("19");
		assertThat(healthy.detail()).contains("as user id 2").contains("'crm_rec'");
		TenantPorts refused = ports(
				new BackendsConfig.Odoo(this.odoo.url(), "crm_rec", "admin", Secret.of("not-a-valid-key"),
						BackendsConfig.Odoo.Protocol.valueOf(protocol.toUpperCase()), List.of(1L), null),
				OdooTestTenants.FAST);
		ProbeResult unhealthy = OdooTestTenants.probe(refused).probe().block();
		assertThat(unhealthy.status()).isEqualTo(HealthStatus.UNHEALTHY);
		assertThat(unhealthy.detail()).contains("Odoo refused the API key for database 'crm_rec'");
	}

	@Test
	void aTenantWithoutCompaniesIsRefusedAtStart() {
		BackendsConfig.Odoo config = new BackendsConfig.Odoo(this.odoo.url(), "crm_rec", "admin", Secret.of("k"), null,
				null, null);
		assertThatThrownBy(() -> ports(config, OdooTestTenants.FAST)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("backends.odoo.company-ids is required");
	}

}
