package cl.smartercl.mcp.connectors.odoo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import cl.smartercl.mcp.connectors.ports.KeyedLock;
import cl.smartercl.mcp.core.error.ConflictException;
import cl.smartercl.mcp.core.error.InvalidArgumentsException;
import cl.smartercl.mcp.core.error.NotFoundException;
import cl.smartercl.mcp.core.tools.common.Cursor;
import cl.smartercl.mcp.core.tools.crm.Contact;
import cl.smartercl.mcp.core.tools.crm.ContactFilter;
import cl.smartercl.mcp.core.tools.crm.ContactsPage;
import cl.smartercl.mcp.core.tools.crm.CrmContactsList;
import cl.smartercl.mcp.core.tools.crm.CrmContactsSearch;
import cl.smartercl.mcp.core.tools.crm.CrmContactsUpsert;
import cl.smartercl.mcp.core.tools.crm.CrmOpportunitiesList;
import cl.smartercl.mcp.core.tools.crm.CrmPipelineStatus;
import cl.smartercl.mcp.core.tools.crm.CrmPort;

/** The CRM tools on Odoo, limited to the tenant's companies. */
final class OdooConnector implements CrmPort {

	private static final String CONTACTS_CURSOR = "odoo-contacts";

	private static final String LEADS_CURSOR = "odoo-leads";

	private static final String OPPORTUNITIES_CURSOR = "odoo-opportunities";

	/** How many same-email contacts an upsert names when it refuses to choose. */
	private static final int MAX_AMBIGUOUS = 5;

	private final OdooApi api;

	private final KeyedLock locks;

	private final String tenantId;

	OdooConnector(OdooApi api, KeyedLock locks, String tenantId) {
		this.api = api;
		this.locks = locks;
		this.tenantId = tenantId;
	}

	private ArrayNode scope() {
		return OdooMapper.scope(this.api.companyIds(), this.api.includeShared());
	}

	@Override
	public Mono<ContactsPage> listContacts(CrmContactsList.Input input) {
		return Mono.defer(() -> {
			ContactFilter filter = input.filter();
			boolean leads = filter.type() == ContactFilter.Type.LEAD;
			String kind = leads ? LEADS_CURSOR : CONTACTS_CURSOR;
			int offset = Cursor.decodeOffset(kind, input.cursor());
			String model = leads ? OdooMapper.LEAD : OdooMapper.PARTNER;
			ArrayNode domain = leads ? OdooMapper.leadDomain(scope(), filter)
					: OdooMapper.partnerDomain(scope(), filter);
			String action = leads ? "list leads" : "list contacts";
			Mono<Long> total = this.api.searchCount(model, domain, action);
			Mono<ArrayNode> rows = this.api.searchRead(model, domain,
					leads ? OdooMapper.LEAD_CONTACT_FIELDS : OdooMapper.PARTNER_FIELDS, offset, input.limit(),
					leads ? OdooMapper.LEAD_ORDER : OdooMapper.PARTNER_ORDER, false, action);
			return Mono.zip(rows, total).map((both) -> {
				List<Contact> contacts = new ArrayList<>();
				both.getT1().forEach((row) -> contacts.add(leads ? OdooMapper.lead(row) : OdooMapper.partner(row)));
				long next = offset + contacts.size();
				boolean more = !contacts.isEmpty() && next < both.getT2();
				return new ContactsPage(contacts, contacts.size(), both.getT2(), more,
						more ? Cursor.encode(kind, Long.toString(next)) : null);
			});
		});
	}

	@Override
	public Mono<ContactsPage> searchContacts(CrmContactsSearch.Input input) {
		return Mono.defer(() -> {
			String query = input.query();
			boolean email = query.contains("@") && !query.contains(" ");
			Mono<List<Contact>> hits = search(query, email);
			if (email) {
				// an email matches exactly first; if nothing has it, look for it as text
				hits = hits.flatMap((found) -> found.isEmpty() ? search(query, false) : Mono.just(found));
			}
			return hits.map((found) -> {
				boolean truncated = found.size() > CrmContactsSearch.MAX_HITS;
				List<Contact> contacts = truncated ? found.subList(0, CrmContactsSearch.MAX_HITS) : found;
				return new ContactsPage(List.copyOf(contacts), contacts.size(), null, truncated, null);
			});
		});
	}

	/**
	 * Contacts first, then leads, at most one more than shown so that truncation is
	 * known.
	 */
	private Mono<List<Contact>> search(String query, boolean exactEmail) {
		int limit = CrmContactsSearch.MAX_HITS + 1;
		Mono<ArrayNode> partners = this.api.searchRead(OdooMapper.PARTNER,
				OdooMapper.partnerSearch(scope(), query, exactEmail), OdooMapper.PARTNER_FIELDS, 0, limit,
				OdooMapper.PARTNER_ORDER, false, "search contacts");
		Mono<ArrayNode> leads = this.api.searchRead(OdooMapper.LEAD, OdooMapper.leadSearch(scope(), query, exactEmail),
				OdooMapper.LEAD_CONTACT_FIELDS, 0, limit, OdooMapper.LEAD_ORDER, false, "search leads");
		return Mono.zip(partners, leads).map((both) -> {
			List<Contact> hits = new ArrayList<>();
			both.getT1().forEach((row) -> hits.add(OdooMapper.partner(row)));
			both.getT2().forEach((row) -> hits.add(OdooMapper.lead(row)));
			return hits;
		});
	}

	@Override
	public Mono<CrmOpportunitiesList.Output> listOpportunities(CrmOpportunitiesList.Input input) {
		return Mono.defer(() -> {
			int offset = Cursor.decodeOffset(OPPORTUNITIES_CURSOR, input.cursor());
			Mono<Optional<Long>> stage = (input.stage() == null) ? Mono.just(Optional.empty())
					: stages().map((all) -> Optional.of(stageId(all, input.stage())));
			return stage.flatMap((stageId) -> {
				ArrayNode domain = OdooMapper.opportunityDomain(scope(), stageId.orElse(null));
				return Mono.zip(
						this.api.searchRead(OdooMapper.LEAD, domain, OdooMapper.OPPORTUNITY_FIELDS, offset,
								input.limit(), OdooMapper.LEAD_ORDER, false, "list opportunities"),
						this.api.searchCount(OdooMapper.LEAD, domain, "count opportunities"));
			}).map((both) -> {
				List<CrmOpportunitiesList.Opportunity> list = new ArrayList<>();
				both.getT1().forEach((row) -> list.add(OdooMapper.opportunity(row)));
				long next = offset + list.size();
				boolean more = !list.isEmpty() && next < both.getT2();
				return new CrmOpportunitiesList.Output(list, list.size(), both.getT2(), more,
						more ? Cursor.encode(OPPORTUNITIES_CURSOR, Long.toString(next)) : null);
			});
		});
	}

	private Mono<List<OdooMapper.Stage>> stages() {
		return this.api
			.searchRead(OdooMapper.STAGE, OdooApi.JSON.createArrayNode(), OdooMapper.STAGE_FIELDS, 0, null,
					"sequence, id", false, "list the pipeline stages")
			.map(OdooMapper::stages);
	}

	private static long stageId(List<OdooMapper.Stage> stages, String name) {
		for (OdooMapper.Stage stage : stages) {
			if (stage.name() != null && stage.name().equalsIgnoreCase(name)) {
				return stage.id();
			}
		}
		throw new InvalidArgumentsException("stage", "no pipeline stage '" + name + "'; the stages are: "
				+ stages.stream().map(OdooMapper.Stage::name).collect(Collectors.joining(", ")));
	}

	@Override
	public Mono<CrmPipelineStatus.Output> pipelineStatus(CrmPipelineStatus.Input input) {
		return Mono.defer(() -> {
			Mono<List<OdooApi.Group>> open = this.api.groupSum(OdooMapper.LEAD, OdooMapper.pipelineDomain(scope()),
					"stage_id", "expected_revenue", false, "sum the pipeline");
			Mono<List<OdooApi.Group>> lost = this.api.groupSum(OdooMapper.LEAD, OdooMapper.lostDomain(scope()),
					"stage_id", "expected_revenue", true, "sum the lost opportunities");
			Mono<String> currency = this.api
				.searchRead(OdooMapper.COMPANY, OdooMapper.companiesDomain(this.api.companyIds()),
						List.of("id", "currency_id"), 0, null, null, false, "read the company currency")
				.map((rows) -> Optional.ofNullable(OdooMapper.currency(rows)).orElse(""));
			return Mono.zip(stages(), open, lost, currency).map((all) -> {
				List<CrmPipelineStatus.Stage> rows = new ArrayList<>();
				long openCount = 0;
				double openRevenue = 0;
				long wonCount = 0;
				double wonRevenue = 0;
				for (OdooMapper.Stage stage : all.getT1()) {
					long count = 0;
					double revenue = 0;
					for (OdooApi.Group group : all.getT2()) {
						if (group.id() != null && group.id() == stage.id()) {
							count += group.count();
							revenue += group.sum();
						}
					}
					rows.add(new CrmPipelineStatus.Stage(stage.name(), count, revenue, stage.won()));
					if (stage.won()) {
						wonCount += count;
						wonRevenue += revenue;
					}
					else {
						openCount += count;
						openRevenue += revenue;
					}
				}
				long lostCount = all.getT3().stream().mapToLong(OdooApi.Group::count).sum();
				double lostRevenue = all.getT3().stream().mapToDouble(OdooApi.Group::sum).sum();
				return new CrmPipelineStatus.Output(rows, openCount, openRevenue,
						new CrmPipelineStatus.Totals(wonCount, wonRevenue),
						new CrmPipelineStatus.Totals(lostCount, lostRevenue),
						all.getT4().isEmpty() ? null : all.getT4());
			});
		});
	}

	@Override
	public Mono<CrmContactsUpsert.Output> upsertContact(CrmContactsUpsert.Input input) {
		return Mono.defer(() -> {
			CrmContactsUpsert.Fields fields = input.contact();
			Mono<ObjectNode> values = Mono.zip(countryId(fields.country()), companyId(fields.company()))
				.map((ids) -> OdooMapper.partnerValues(fields, ids.getT1().orElse(null), ids.getT2().orElse(null)));
			if (input.id() != null) {
				return values.flatMap((vals) -> update(input.id(), vals));
			}
			if (fields.email() == null) {
				return values.flatMap(this::create);
			}
			// Odoo has no upsert and each call is its own transaction: search-then-create
			// under a lock per
			// tenant and email, shared by the replicas when the server has a shared store
			String key = "odoo-upsert:" + this.tenantId + ":" + fields.email().toLowerCase(Locale.ROOT);
			return values.flatMap((vals) -> this.locks.withLock(key, byEmail(fields.email(), vals)));
		});
	}

	private Mono<CrmContactsUpsert.Output> byEmail(String email, ObjectNode vals) {
		return this.api
			.searchRead(OdooMapper.PARTNER, OdooMapper.emailDomain(scope(), email), List.of("id", "name"), 0,
					MAX_AMBIGUOUS + 1, "id", false, "look up the contact by email")
			.flatMap((rows) -> {
				if (rows.isEmpty()) {
					return create(vals);
				}
				if (rows.size() == 1) {
					return update(rows.get(0).path("id").asLong(), vals);
				}
				List<String> named = new ArrayList<>();
				for (int i = 0; i < Math.min(rows.size(), MAX_AMBIGUOUS); i++) {
					named.add(OdooMapper.describe(rows.get(i)));
				}
				return Mono.error(new ConflictException(
						((rows.size() > MAX_AMBIGUOUS) ? "more than " + MAX_AMBIGUOUS : rows.size())
								+ " contacts have the email '" + email + "': " + String.join(", ", named)
								+ "; pass the id of the one to update"));
			});
	}

	private Mono<CrmContactsUpsert.Output> create(ObjectNode vals) {
		ObjectNode owned = OdooMapper.withCompany(vals, this.api.companyIds().get(0));
		return this.api.create(OdooMapper.PARTNER, owned, "create the contact")
			.flatMap((id) -> readBack(id, CrmContactsUpsert.Action.CREATED));
	}

	private Mono<CrmContactsUpsert.Output> update(long id, ObjectNode vals) {
		// only a contact of this tenant may be updated: look for it within the tenant's
		// companies first
		return this.api
			.searchRead(OdooMapper.PARTNER, OdooMapper.idDomain(scope(), id), List.of("id"), 0, 1, null, false,
					"find the contact")
			.flatMap((rows) -> rows.isEmpty()
					? Mono.error(new NotFoundException("Contact", Long.toString(id),
							"No contact of this tenant has that id; find ids with crm_contacts_search"))
					: this.api.write(OdooMapper.PARTNER, id, vals, "update the contact")
						.then(readBack(id, CrmContactsUpsert.Action.UPDATED)));
	}

	private Mono<CrmContactsUpsert.Output> readBack(long id, CrmContactsUpsert.Action action) {
		return this.api
			.searchRead(OdooMapper.PARTNER, OdooMapper.idDomain(scope(), id), OdooMapper.PARTNER_FIELDS, 0, 1, null,
					false, "read the contact back")
			.map((rows) -> new CrmContactsUpsert.Output(action, id,
					rows.isEmpty() ? null : OdooMapper.partner(rows.get(0))));
	}

	private Mono<Optional<Long>> countryId(String code) {
		if (code == null) {
			return Mono.just(Optional.empty());
		}
		return this.api
			.searchRead(OdooMapper.COUNTRY, OdooMapper.countryDomain(code.strip()), List.of("id"), 0, 1, null, false,
					"look up the country")
			.map((rows) -> {
				if (rows.isEmpty()) {
					throw new InvalidArgumentsException("contact.country",
							"Odoo has no country with the code '" + code + "'");
				}
				return Optional.of(rows.get(0).path("id").asLong());
			});
	}

	/**
	 * The company a person works for: one company contact of this tenant with that name.
	 */
	private Mono<Optional<Long>> companyId(String company) {
		if (company == null) {
			return Mono.just(Optional.empty());
		}
		return this.api
			.searchRead(OdooMapper.PARTNER, OdooMapper.companyPartnerDomain(scope(), company.strip()),
					List.of("id", "name"), 0, 3, "id", false, "look up the company")
			.map((rows) -> {
				if (rows.isEmpty()) {
					throw new InvalidArgumentsException("contact.company", "no company contact named '" + company
							+ "' in this CRM; create it first (is_company: true)");
				}
				if (rows.size() > 1) {
					List<String> named = new ArrayList<>();
					rows.forEach((JsonNode row) -> named.add(OdooMapper.describe(row)));
					throw new InvalidArgumentsException("contact.company",
							"several company contacts are named '" + company + "': " + String.join(", ", named));
				}
				return Optional.of(rows.get(0).path("id").asLong());
			});
	}

}
