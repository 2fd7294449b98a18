package cl.smartercl.mcp.connectors.odoo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import cl.smartercl.mcp.connectors.ports.TenantPorts;
import cl.smartercl.mcp.core.error.ConflictException;
import cl.smartercl.mcp.core.error.InvalidArgumentsException;
import cl.smartercl.mcp.core.error.NotFoundException;
import cl.smartercl.mcp.core.tools.crm.Contact;
import cl.smartercl.mcp.core.tools.crm.ContactFilter;
import cl.smartercl.mcp.core.tools.crm.ContactsPage;
import cl.smartercl.mcp.core.tools.crm.CrmContactsList;
import cl.smartercl.mcp.core.tools.crm.CrmContactsSearch;
import cl.smartercl.mcp.core.tools.crm.CrmContactsUpsert;
import cl.smartercl.mcp.core.tools.crm.CrmOpportunitiesList;
import cl.smartercl.mcp.core.tools.crm.CrmPipelineStatus;
import cl.smartercl.mcp.core.tools.crm.CrmPort;
import cl.smartercl.mcp.testsupport.odoo.OdooDemo;
import cl.smartercl.mcp.testsupport.odoo.OdooDouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The five CRM tools against the Odoo double, over both protocols: a tenant of company 2
 * "Acme Chile" (the recordings' second company) whose Odoo user is Carla Chile,
 * restricted to that company.
 */
class OdooConnectorTests {

	private final OdooDouble odoo = OdooDouble.start();

	private final List<TenantPorts> opened = new ArrayList<>();

	private String carlaKey;

	@BeforeEach
	void chile() {
		this.carlaKey = OdooDemo.chile(this.odoo);
		// Camila Rojas (a person of company 2): a tag and a salesperson, for the filters
		long camila = this.odoo.call("res.partner", "search", body("domain", "[[\"name\", \"=\", \"Camila Rojas\"]]"))
			.get(0)
			.asLong();
		long carla = this.odoo.call("res.users", "search", body("domain", "[[\"login\", \"=\", \"carla@acme.cl\"]]"))
			.get(0)
			.asLong();
		this.odoo.call("res.partner", "write", body("ids", "[" + camila + "]").set("vals",
				json("{\"category_id\": [[6, 0, [2]]], \"user_id\": " + carla + "}")));
		this.odoo.clearRequests();
	}

	@AfterEach
	void stop() {
		this.opened.forEach(TenantPorts::close);
		this.odoo.close();
	}

	private CrmPort chileTenant(String protocol) {
		return tenant(protocol, List.of(2L), "exclude");
	}

	private CrmPort tenant(String protocol, List<Long> companies, String shared) {
		TenantPorts ports = OdooTestTenants.ports("acme",
				OdooTestTenants.config(this.odoo, protocol, "carla@acme.cl", this.carlaKey, companies, shared));
		this.opened.add(ports);
		return OdooTestTenants.crm(ports);
	}

	private static List<String> names(ContactsPage page) {
		return page.contacts().stream().map(Contact::name).toList();
	}

	private static ContactsPage list(CrmPort crm, Integer limit, ContactFilter filter, String cursor) {
		return crm.listContacts(new CrmContactsList.Input(limit, filter, cursor)).block();
	}

	private static ContactFilter filter(String country, ContactFilter.Type type, String tag, String city, String text,
			String salesperson) {
		return new ContactFilter(country, type, tag, city, text, salesperson);
	}

	// ---- crm_contacts_list
	// -----------------------------------------------------------------------

	@ParameterizedTest
	@ValueSource(strings = { "json2", "jsonrpc" })
	void listsTheTenantsContactsByNameWithTheTotal(String protocol) {
		ContactsPage page = list(chileTenant(protocol), null, null, null);
		assertThat(names(page)).containsExactly("Camila Rojas", "Minera Cobre Norte Ltda", "Viña Los Andes SpA");
		assertThat(page.total()).isEqualTo(3L);
		assertThat(page.truncated()).isFalse();
		assertThat(page.nextCursor()).isNull();
		Contact camila = page.contacts().get(0);
		assertThat(camila.kind()).isEqualTo(Contact.Kind.CONTACT);
		assertThat(camila.email()).isEqualTo("camila.rojas@losandes.example.cl");
		assertThat(camila.phone()).isEqualTo("+56 2 2345 6789");
		assertThat(camila.city()).isEqualTo("Santiago");
		assertThat(camila.country()).isEqualTo("Chile");
		assertThat(camila.isCompany()).isFalse();
		assertThat(page.contacts().get(1).isCompany()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "json2", "jsonrpc" })
	void pagesWithTheCursorUntilTheLastPage(String protocol) {
		CrmPort crm = chileTenant(protocol);
		ContactsPage first = list(crm, 2, null, null);
		assertThat(names(first)).containsExactly("Camila Rojas", "Minera Cobre Norte Ltda");
		assertThat(first.truncated()).isTrue();
		assertThat(first.nextCursor()).isNotNull();
		ContactsPage second = list(crm, 2, null, first.nextCursor());
		assertThat(names(second)).containsExactly("Viña Los Andes SpA");
		assertThat(second.truncated()).isFalse();
		assertThat(second.nextCursor()).isNull();
		assertThat(second.total()).isEqualTo(3L);
	}

	@ParameterizedTest
	@ValueSource(strings = { "json2", "jsonrpc" })
	void aCursorOfAnotherToolIsRefused(String protocol) {
		CrmPort crm = chileTenant(protocol);
		CrmOpportunitiesList.Output page = crm.listOpportunities(new CrmOpportunitiesList.Input(null, 1, null)).block();
		assertThat(page.opportunities()).hasSize(1);
		String foreign = cl.smartercl.mcp.core.tools.common.Cursor.encode("odoo-opportunities", "1");
		assertThatThrownBy(() -> list(crm, 2, null, foreign)).isInstanceOf(InvalidArgumentsException.class)
			.hasMessageContaining("cursor");
	}

	@ParameterizedTest
	@ValueSource(strings = { "json2", "jsonrpc" })
	void everyFilterKeyNarrowsTheList(String protocol) {
		CrmPort crm = chileTenant(protocol);
		assertThat(names(list(crm, null, filter("CL", null, null, null, null, null), null))).hasSize(3);
		assertThat(names(list(crm, null, filter("chile", null, null, null, null, null), null))).hasSize(3);
		assertThat(names(list(crm, null, filter("US", null, null, null, null, null), null))).isEmpty();
		assertThat(names(list(crm, null, filter(null, ContactFilter.Type.COMPANY, null, null, null, null), null)))
			.containsExactly("Minera Cobre Norte Ltda", "Viña Los Andes SpA");
		assertThat(names(list(crm, null, filter(null, ContactFilter.Type.CONTACT, null, null, null, null), null)))
			.containsExactly("Camila Rojas");
		assertThat(names(list(crm, null, filter(null, null, "prospects", null, null, null), null)))
			.containsExactly("Camila Rojas");
		assertThat(names(list(crm, null, filter(null, null, null, "ANTOFAGASTA", null, null), null)))
			.containsExactly("Minera Cobre Norte Ltda");
		assertThat(names(list(crm, null, filter(null, null, null, null, "losandes", null), null)))
			.containsExactly("Camila Rojas", "Viña Los Andes SpA");
		assertThat(names(list(crm, null, filter(null, null, null, null, null, "carla"), null)))
			.containsExactly("Camila Rojas");
		assertThat(names(list(crm, null, filter("CL", ContactFilter.Type.COMPANY, null, "Santiago", null, null), null)))
			.containsExactly("Viña Los Andes SpA");
	}

	@ParameterizedTest
	@ValueSource(strings = { "json2", "jsonrpc" })
	void typeLeadListsLeadsOfTheCrmNotContacts(String protocol) {
		CrmPort crm = chileTenant(protocol);
		ContactsPage leads = list(crm, null, filter(null, ContactFilter.Type.LEAD, null, null, null, null), null);
		assertThat(leads.contacts()).singleElement().satisfies((lead) -> {
			assertThat(lead.kind()).isEqualTo(Contact.Kind.LEAD);
			assertThat(lead.name()).isEqualTo("Andes: wine cellar furniture");
			assertThat(lead.company()).isEqualTo("Viña Los Andes SpA");
			assertThat(lead.email()).isEqualTo("contacto@losandes.example.cl");
			assertThat(lead.salesperson()).isEqualTo("Carla Chile");
		});
		assertThat(leads.total()).isEqualTo(1L);
		assertThat(list(crm, null, filter(null, ContactFilter.Type.LEAD, null, null, null, "carla"), null).contacts())
			.hasSize(1);
		assertThat(list(crm, null, filter(null, ContactFilter.Type.LEAD, null, null, "wine", null), null).contacts())
			.hasSize(1);
		assertThat(list(crm, null, filter(null, ContactFilter.Type.LEAD, null, null, "desks", null), null).contacts())
			.isEmpty();
	}

	// ---- crm_contacts_search
	// ---------------------------------------------------------------------

	@ParameterizedTest
	@ValueSource(strings = { "json2", "jsonrpc" })
	void anEmailFindsTheContactAndTheLeadWithItInAnyCase(String protocol) {
		ContactsPage hits = chileTenant(protocol)
			.searchContacts(new CrmContactsSearch.Input("CONTACTO@losandes.example.CL"))
			.block();
		assertThat(hits.contacts()).extracting(Contact::kind, Contact::name)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(Contact.Kind.CONTACT, "Viña Los Andes SpA"),
					org.assertj.core.groups.Tuple.tuple(Contact.Kind.LEAD, "Andes: wine cellar furniture"));
		assertThat(hits.truncated()).isFalse();
		assertThat(hits.nextCursor()).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "json2", "jsonrpc" })
	void textFindsNamesEmailsAndPhones(String protocol) {
		CrmPort crm = chileTenant(protocol);
		assertThat(names(crm.searchContacts(new CrmContactsSearch.Input("cobre")).block()))
			.containsExactly("Minera Cobre Norte Ltda");
		assertThat(names(crm.searchContacts(new CrmContactsSearch.Input("2345")).block()))
			.containsExactly("Camila Rojas");
		assertThat(names(crm.searchContacts(new CrmContactsSearch.Input("nobody@example.com")).block())).isEmpty();
	}

	// ---- crm_opportunities_list
	// ------------------------------------------------------------------

	@ParameterizedTest
	@ValueSource(strings = { "json2", "jsonrpc" })
	void listsOpenOpportunitiesWithStageRevenueAndSalesperson(String protocol) {
		CrmOpportunitiesList.Output out = chileTenant(protocol)
			.listOpportunities(new CrmOpportunitiesList.Input(null, null, null))
			.block();
		assertThat(out.opportunities()).singleElement().satisfies((opportunity) -> {
			assertThat(opportunity.name()).isEqualTo("Cobre Norte: 40 desks");
			assertThat(opportunity.stage()).isEqualTo("New");
			assertThat(opportunity.expectedRevenue()).isEqualTo(18_000_000.0);
			assertThat(opportunity.probability()).isEqualTo(20.0);
			assertThat(opportunity.contact()).isEqualTo("Minera Cobre Norte Ltda");
			assertThat(opportunity.salesperson()).isEqualTo("Carla Chile");
			assertThat(opportunity.deadline()).isNull();
		});
		assertThat(out.total()).isEqualTo(1L);
	}

	@ParameterizedTest
	@ValueSource(strings = { "json2", "jsonrpc" })
	void aStageIsMatchedByNameAndAnUnknownOneListsTheStages(String protocol) {
		CrmPort crm = chileTenant(protocol);
		assertThat(crm.listOpportunities(new CrmOpportunitiesList.Input("new", null, null)).block().count())
			.isEqualTo(1);
		assertThat(crm.listOpportunities(new CrmOpportunitiesList.Input("Won", null, null)).block().count()).isZero();
		assertThatThrownBy(
				() -> crm.listOpportunities(new CrmOpportunitiesList.Input("Negotiation", null, null)).block())
			.isInstanceOf(InvalidArgumentsException.class)
			.hasMessage(
					"Invalid argument 'stage': no pipeline stage 'Negotiation'; the stages are: New, Qualified, Proposition, Won");
	}

	@ParameterizedTest
	@ValueSource(strings = { "json2", "jsonrpc" })
	void opportunitiesArePaged(String protocol) {
		// the administrator's company-1 view: 17 active opportunities, 3 of them won
		// (files 27, 36)
		TenantPorts ports = OdooTestTenants.ports("yourcompany",
				OdooTestTenants.config(this.odoo, protocol, "admin", this.odoo.adminKey(), List.of(1L), "include"));
		this.opened.add(ports);
		CrmPort crm = OdooTestTenants.crm(ports);
		List<Long> ids = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			CrmOpportunitiesList.Output page = crm.listOpportunities(new CrmOpportunitiesList.Input(null, 5, cursor))
				.block();
			page.opportunities().forEach((o) -> ids.add(o.id()));
			assertThat(page.total()).isEqualTo(14L);
			cursor = page.nextCursor();
			pages++;
		}
		while (cursor != null);
		assertThat(pages).isEqualTo(3);
		assertThat(ids).hasSize(14).doesNotHaveDuplicates().isSorted();
	}

	// ---- crm_pipeline_status
	// ---------------------------------------------------------------------

	@ParameterizedTest
	@ValueSource(strings = { "json2", "jsonrpc" })
	void pipelineOfTheTenantPerStageInOrderWithCurrency(String protocol) {
		CrmPipelineStatus.Output out = chileTenant(protocol).pipelineStatus(new CrmPipelineStatus.Input()).block();
		assertThat(out.stages()).extracting(CrmPipelineStatus.Stage::name)
			.containsExactly("New", "Qualified", "Proposition", "Won");
		assertThat(out.stages().get(0).count()).isEqualTo(1);
		assertThat(out.stages().get(0).expectedRevenue()).isEqualTo(18_000_000.0);
		assertThat(out.stages().get(3).won()).isTrue();
		assertThat(out.totalCount()).isEqualTo(1);
		assertThat(out.won().count()).isZero();
		assertThat(out.lost().count()).isZero();
		assertThat(out.currency()).isEqualTo("USD");
	}

	@ParameterizedTest
	@ValueSource(strings = { "json2", "jsonrpc" })
	void pipelineOfTheDemoCompanyMatchesTheRecordedGroups(String protocol) {
		TenantPorts ports = OdooTestTenants.ports("yourcompany",
				OdooTestTenants.config(this.odoo, protocol, "admin", this.odoo.adminKey(), List.of(1L), "include"));
		this.opened.add(ports);
		CrmPipelineStatus.Output out = OdooTestTenants.crm(ports).pipelineStatus(new CrmPipelineStatus.Input()).block();
		// file 36: opportunities per stage 3 / 5 / 6 / 3 (won), 104000 + 87300 + 105100
		// open, 23800 won
		assertThat(out.stages()).extracting(CrmPipelineStatus.Stage::count).containsExactly(3L, 5L, 6L, 3L);
		assertThat(out.totalCount()).isEqualTo(14);
		assertThat(out.totalExpectedRevenue()).isEqualTo(104000.0 + 87300.0 + 105100.0);
		assertThat(out.won()).isEqualTo(new CrmPipelineStatus.Totals(3, 23800.0));
		// file 32: one archived (lost) opportunity, id 28
		assertThat(out.lost().count()).isEqualTo(1);
	}

	// ---- crm_contacts_upsert
	// ---------------------------------------------------------------------

	private static CrmContactsUpsert.Fields person(String name, String email) {
		return new CrmContactsUpsert.Fields(name, email, null, null, null, null, null, null);
	}

	@ParameterizedTest
	@ValueSource(strings = { "json2", "jsonrpc" })
	void upsertCreatesThenUpdatesByEmail(String protocol) {
		CrmPort crm = chileTenant(protocol);
		CrmContactsUpsert.Output created = crm
			.upsertContact(
					new CrmContactsUpsert.Input(new CrmContactsUpsert.Fields("Pedro Soto", "pedro@andes.example.cl",
							"+56 9 1111 2222", "Viña Los Andes SpA", false, "Av. Apoquindo 1", "Santiago", "cl"), null))
			.block();
		assertThat(created.action()).isEqualTo(CrmContactsUpsert.Action.CREATED);
		assertThat(created.contact().company()).isEqualTo("Viña Los Andes SpA");
		assertThat(created.contact().country()).isEqualTo("Chile");
		CrmContactsUpsert.Output updated = crm
			.upsertContact(new CrmContactsUpsert.Input(new CrmContactsUpsert.Fields("Pedro Soto",
					"PEDRO@andes.example.cl", "+56 9 3333 4444", null, null, null, null, null), null))
			.block();
		assertThat(updated.action()).isEqualTo(CrmContactsUpsert.Action.UPDATED);
		assertThat(updated.id()).isEqualTo(created.id());
		assertThat(updated.contact().phone()).isEqualTo("+56 9 3333 4444");
		assertThat(updated.contact().city()).isEqualTo("Santiago");
		// the new contact is the tenant's: company 2
		JsonNode row = this.odoo.call("res.partner", "read",
				body("ids", "[" + created.id() + "]").set("fields", json("[\"company_id\"]")));
		assertThat(row.get(0).path("company_id").get(0).asLong()).isEqualTo(2L);
	}

	@ParameterizedTest
	@ValueSource(strings = { "json2", "jsonrpc" })
	void upsertByIdUpdatesThatContactOnly(String protocol) {
		CrmPort crm = chileTenant(protocol);
		long camila = list(crm, null, filter(null, ContactFilter.Type.CONTACT, null, null, null, null), null).contacts()
			.get(0)
			.id();
		CrmContactsUpsert.Output out = crm
			.upsertContact(new CrmContactsUpsert.Input(person("Camila Rojas Pérez", null), camila))
			.block();
		assertThat(out.action()).isEqualTo(CrmContactsUpsert.Action.UPDATED);
		assertThat(out.contact().name()).isEqualTo("Camila Rojas Pérez");
		assertThat(out.contact().email()).isEqualTo("camila.rojas@losandes.example.cl");
		// partner 9 (Deco Addict) is not this tenant's: not found, and not written
		assertThatThrownBy(() -> crm.upsertContact(new CrmContactsUpsert.Input(person("Hijacked", null), 9L)).block())
			.isInstanceOf(NotFoundException.class)
			.hasMessageContaining("Contact '9' not found");
		assertThat(this.odoo.requests()
			.stream()
			.filter((r) -> r.path().endsWith("/write") || r.body().contains("\"write\""))).hasSize(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "json2", "jsonrpc" })
	void severalContactsWithTheEmailAreRefusedNamingThem(String protocol) {
		this.odoo.call("res.partner", "create", body("vals_list", "[{\"name\": \"Ana A\", \"email\": \"ana@x.cl\", "
				+ "\"company_id\": 2}, {\"name\": \"Ana B\", \"email\": \"ANA@x.cl\", \"company_id\": 2}]"));
		assertThatThrownBy(
				() -> chileTenant(protocol).upsertContact(new CrmContactsUpsert.Input(person("Ana", "ana@x.cl"), null))
					.block())
			.isInstanceOf(ConflictException.class)
			.hasMessageContaining("2 contacts have the email 'ana@x.cl'")
			.hasMessageContaining("(Ana A)")
			.hasMessageContaining("(Ana B)")
			.hasMessageContaining("pass the id");
	}

	@ParameterizedTest
	@ValueSource(strings = { "json2", "jsonrpc" })
	void twentyConcurrentUpsertsOfOneEmailCreateOneContact(String protocol) {
		CrmPort crm = chileTenant(protocol);
		// every call to the double takes a while, so that unguarded search-then-create
		// would race
		this.odoo.slowDown(Duration.ofMillis(15));
		List<CrmContactsUpsert.Output> outs = Flux.range(0, 20)
			.flatMap((i) -> crm
				.upsertContact(new CrmContactsUpsert.Input(person("Racer " + i, "racer@andes.example.cl"), null)), 20)
			.collectList()
			.block(Duration.ofSeconds(60));
		assertThat(outs).hasSize(20);
		assertThat(outs.stream().filter((o) -> o.action() == CrmContactsUpsert.Action.CREATED)).hasSize(1);
		assertThat(outs.stream().map(CrmContactsUpsert.Output::id).collect(Collectors.toSet())).hasSize(1);
		assertThat(this.odoo
			.call("res.partner", "search_count",
					body("domain", "[[\"email\", \"=ilike\", \"racer@andes.example.cl\"]]"))
			.asLong()).isEqualTo(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "json2", "jsonrpc" })
	void anUnknownCountryOrCompanyIsRefused(String protocol) {
		CrmPort crm = chileTenant(protocol);
		assertThatThrownBy(() -> crm
			.upsertContact(new CrmContactsUpsert.Input(
					new CrmContactsUpsert.Fields("X", "x@x.cl", null, null, null, null, null, "ZZ"), null))
			.block()).hasMessageStartingWith("Invalid argument 'contact.country'");
		assertThatThrownBy(() -> crm
			.upsertContact(new CrmContactsUpsert.Input(
					new CrmContactsUpsert.Fields("X", "x@x.cl", null, "Nope SpA", null, null, null, null), null))
			.block()).hasMessageStartingWith("Invalid argument 'contact.company'");
	}

	// ---- tenant isolation
	// ------------------------------------------------------------------------

	@ParameterizedTest
	@ValueSource(strings = { "json2", "jsonrpc" })
	void aCompanyTwoTenantNeverSeesCompanyOnesPartnersOrLeads(String protocol) {
		CrmPort crm = chileTenant(protocol);
		Set<Long> companyOne = Set.of(3L, 6L, 23L);
		assertThat(list(crm, 500, null, null).contacts()).extracting(Contact::id)
			.doesNotContainAnyElementsOf(companyOne);
		assertThat(names(crm.searchContacts(new CrmContactsSearch.Input("Jesse Brown")).block())).isEmpty();
		assertThat(names(crm.searchContacts(new CrmContactsSearch.Input("Mitchell")).block())).isEmpty();
		assertThat(crm.listOpportunities(new CrmOpportunitiesList.Input(null, 500, null)).block().opportunities())
			.extracting(CrmOpportunitiesList.Opportunity::name)
			.containsExactly("Cobre Norte: 40 desks");
		// shared records (company_id false) are not the tenant's by default: Deco Addict,
		// the unassigned leads
		assertThat(names(crm.searchContacts(new CrmContactsSearch.Input("info@agrolait.com")).block())).isEmpty();
		assertThat(list(crm, null, filter(null, ContactFilter.Type.LEAD, null, null, null, null), null).total())
			.isEqualTo(1);
		// and every call said so twice: allowed_company_ids [2] and a company_id domain
		for (OdooDouble.Request request : this.odoo.requests()) {
			if (request.path().startsWith("/json/2/")) {
				assertThat(request.json().path("context").path("allowed_company_ids").toString()).isEqualTo("[2]");
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "json2", "jsonrpc" })
	void sharedRecordsAreShownWhenTheTenantOptsIn(String protocol) {
		CrmPort crm = tenant(protocol, List.of(2L), "include");
		assertThat(names(crm.searchContacts(new CrmContactsSearch.Input("info@agrolait.com")).block()))
			.containsExactly("Deco Addict");
		// the 13 company-less leads (file 90) and the tenant's own
		assertThat(list(crm, 5, filter(null, ContactFilter.Type.LEAD, null, null, null, null), null).total())
			.isEqualTo(14);
		// still never company 1's
		assertThat(names(crm.searchContacts(new CrmContactsSearch.Input("Jesse Brown")).block())).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "json2", "jsonrpc" })
	void theAdministratorsCompanyOneTenantDoesNotSeeCompanyTwo(String protocol) {
		TenantPorts ports = OdooTestTenants.ports("yourcompany",
				OdooTestTenants.config(this.odoo, protocol, "admin", this.odoo.adminKey(), List.of(1L), "exclude"));
		this.opened.add(ports);
		CrmPort crm = OdooTestTenants.crm(ports);
		// company 1's own contacts: Jesse Brown (file 86; the others' emails are not in
		// the recordings)
		assertThat(names(list(crm, 50, filter(null, null, null, null, "Jesse", null), null)))
			.containsExactly("Jesse Brown");
		assertThat(names(crm.searchContacts(new CrmContactsSearch.Input("Camila")).block())).isEmpty();
		assertThat(names(crm.searchContacts(new CrmContactsSearch.Input("losandes")).block())).isEmpty();
	}

	static com.fasterxml.jackson.databind.node.ObjectNode body(String name, String json) {
		com.fasterxml.jackson.databind.node.ObjectNode body = OdooDouble.body();
		body.set(name, json(json));
		return body;
	}

	static JsonNode json(String json) {
		try {
			return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

	static Mono<Void> none() {
		return Mono.empty();
	}

}
