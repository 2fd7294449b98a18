package cl.smartercl.mcp.connectors.odoo;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import cl.smartercl.mcp.core.tools.crm.Contact;
import cl.smartercl.mcp.core.tools.crm.ContactFilter;
import cl.smartercl.mcp.core.tools.crm.CrmContactsUpsert;
import cl.smartercl.mcp.core.tools.crm.CrmOpportunitiesList;

/**
 * Odoo's models and fields on one side, the CRM contracts on the other: the domains,
 * field lists and value mapping of every tool. Empty values arrive as {@code false},
 * many2one values as {@code [id, "name"]} (backend notes §3).
 */
final class OdooMapper {

	static final String PARTNER = "res.partner";

	static final String LEAD = "crm.lead";

	static final String STAGE = "crm.stage";

	static final String COMPANY = "res.company";

	static final String COUNTRY = "res.country";

	/** {@code mobile} is gone in Odoo 19 (file 53): never ask for it. */
	static final List<String> PARTNER_FIELDS = List.of("id", "name", "email", "phone", "is_company", "parent_id",
			"city", "country_id");

	static final List<String> LEAD_CONTACT_FIELDS = List.of("id", "name", "contact_name", "partner_name", "email_from",
			"phone", "user_id");

	static final List<String> OPPORTUNITY_FIELDS = List.of("id", "name", "partner_id", "partner_name", "contact_name",
			"email_from", "stage_id", "expected_revenue", "probability", "user_id", "date_deadline");

	static final List<String> STAGE_FIELDS = List.of("id", "name", "sequence", "is_won");

	/**
	 * The fields {@code docs_apis odoo} describes: those a tool reads or writes (files
	 * 97, 98).
	 */
	static final List<String> DESCRIBED_PARTNER_FIELDS = List.of("id", "name", "email", "phone", "is_company",
			"company_type", "parent_id", "country_id", "city", "function", "category_id", "create_date", "write_date",
			"active");

	static final List<String> DESCRIBED_LEAD_FIELDS = List.of("id", "name", "partner_id", "partner_name",
			"contact_name", "email_from", "phone", "stage_id", "expected_revenue", "probability", "user_id", "team_id",
			"date_deadline", "priority", "active", "company_id", "tag_ids", "type", "lost_reason_id");

	static final String PARTNER_ORDER = "name, id";

	static final String LEAD_ORDER = "id";

	private OdooMapper() {
	}

	// ---- domains
	// ---------------------------------------------------------------------------------

	/**
	 * The tenant's records only: {@code company_id in companies}, plus {@code false}
	 * (records shared by every company) when the tenant opts in. Sent besides
	 * {@code allowed_company_ids}, which alone still shows shared records (notes §6).
	 */
	static ArrayNode scope(List<Long> companies, boolean includeShared) {
		ArrayNode domain = OdooApi.JSON.createArrayNode();
		ArrayNode ids = domain.addArray().add("company_id").add("in").addArray();
		companies.forEach(ids::add);
		if (includeShared) {
			ids.add(false);
		}
		return domain;
	}

	static ArrayNode partnerDomain(ArrayNode scope, ContactFilter filter) {
		ArrayNode domain = scope.deepCopy();
		if (filter.type() == ContactFilter.Type.CONTACT) {
			leaf(domain, "is_company", "=", false);
		}
		if (filter.type() == ContactFilter.Type.COMPANY) {
			leaf(domain, "is_company", "=", true);
		}
		country(domain, "country_id", filter.country());
		if (filter.tag() != null) {
			leaf(domain, "category_id.name", "=ilike", escape(filter.tag()));
		}
		if (filter.city() != null) {
			leaf(domain, "city", "=ilike", escape(filter.city()));
		}
		if (filter.text() != null) {
			domain.add("|").add("|");
			leaf(domain, "name", "ilike", filter.text());
			leaf(domain, "email", "ilike", filter.text());
			leaf(domain, "parent_id.name", "ilike", filter.text());
		}
		if (filter.salesperson() != null) {
			leaf(domain, "user_id.name", "ilike", filter.salesperson());
		}
		return domain;
	}

	/**
	 * Leads live in {@code crm.lead} with {@code type = 'lead'}, not in the address book.
	 */
	static ArrayNode leadDomain(ArrayNode scope, ContactFilter filter) {
		ArrayNode domain = scope.deepCopy();
		leaf(domain, "type", "=", "lead");
		country(domain, "country_id", filter.country());
		if (filter.tag() != null) {
			leaf(domain, "tag_ids.name", "=ilike", escape(filter.tag()));
		}
		if (filter.city() != null) {
			leaf(domain, "city", "=ilike", escape(filter.city()));
		}
		if (filter.text() != null) {
			domain.add("|").add("|").add("|");
			leaf(domain, "name", "ilike", filter.text());
			leaf(domain, "contact_name", "ilike", filter.text());
			leaf(domain, "email_from", "ilike", filter.text());
			leaf(domain, "partner_name", "ilike", filter.text());
		}
		if (filter.salesperson() != null) {
			leaf(domain, "user_id.name", "ilike", filter.salesperson());
		}
		return domain;
	}

	/**
	 * An email is looked up exactly, any case ({@code =ilike}, file 18); else name, email
	 * or phone contain it.
	 */
	static ArrayNode partnerSearch(ArrayNode scope, String query, boolean exactEmail) {
		ArrayNode domain = scope.deepCopy();
		if (exactEmail) {
			leaf(domain, "email", "=ilike", escape(query));
			return domain;
		}
		domain.add("|").add("|");
		leaf(domain, "name", "ilike", query);
		leaf(domain, "email", "ilike", query);
		leaf(domain, "phone", "ilike", query);
		return domain;
	}

	static ArrayNode leadSearch(ArrayNode scope, String query, boolean exactEmail) {
		ArrayNode domain = scope.deepCopy();
		leaf(domain, "type", "=", "lead");
		if (exactEmail) {
			leaf(domain, "email_from", "=ilike", escape(query));
			return domain;
		}
		domain.add("|");
		leaf(domain, "email_from", "ilike", query);
		leaf(domain, "contact_name", "ilike", query);
		return domain;
	}

	/**
	 * Open opportunities: active (lost ones are archived) and, without a stage, not in a
	 * won stage.
	 */
	static ArrayNode opportunityDomain(ArrayNode scope, Long stageId) {
		ArrayNode domain = scope.deepCopy();
		leaf(domain, "type", "=", "opportunity");
		if (stageId != null) {
			leaf(domain, "stage_id", "=", stageId);
		}
		else {
			leaf(domain, "stage_id.is_won", "=", false);
		}
		return domain;
	}

	static ArrayNode pipelineDomain(ArrayNode scope) {
		ArrayNode domain = scope.deepCopy();
		leaf(domain, "type", "=", "opportunity");
		return domain;
	}

	/** Lost opportunities are archived ({@code active = false}, backend notes §2). */
	static ArrayNode lostDomain(ArrayNode scope) {
		ArrayNode domain = pipelineDomain(scope);
		leaf(domain, "active", "=", false);
		return domain;
	}

	static ArrayNode emailDomain(ArrayNode scope, String email) {
		ArrayNode domain = scope.deepCopy();
		leaf(domain, "email", "=ilike", escape(email));
		return domain;
	}

	static ArrayNode idDomain(ArrayNode scope, long id) {
		ArrayNode domain = scope.deepCopy();
		leaf(domain, "id", "=", id);
		return domain;
	}

	static ArrayNode companyPartnerDomain(ArrayNode scope, String name) {
		ArrayNode domain = scope.deepCopy();
		leaf(domain, "is_company", "=", true);
		leaf(domain, "name", "=ilike", escape(name));
		return domain;
	}

	static ArrayNode countryDomain(String code) {
		ArrayNode domain = OdooApi.JSON.createArrayNode();
		leaf(domain, "code", "=ilike", escape(code));
		return domain;
	}

	static ArrayNode companiesDomain(List<Long> companies) {
		ArrayNode domain = OdooApi.JSON.createArrayNode();
		ArrayNode ids = domain.addArray().add("id").add("in").addArray();
		companies.forEach(ids::add);
		return domain;
	}

	/** A country by ISO code (two letters) or by name. */
	private static void country(ArrayNode domain, String field, String country) {
		if (country == null) {
			return;
		}
		if (country.matches("[A-Za-z]{2}")) {
			domain.add("|");
			leaf(domain, field + ".code", "=ilike", escape(country));
		}
		leaf(domain, field + ".name", "=ilike", escape(country));
	}

	private static void leaf(ArrayNode domain, String field, String operator, Object value) {
		ArrayNode leaf = domain.addArray().add(field).add(operator);
		if (value instanceof Boolean b) {
			leaf.add(b);
		}
		else if (value instanceof Long l) {
			leaf.add(l);
		}
		else {
			leaf.add(String.valueOf(value));
		}
	}

	/**
	 * {@code =ilike} takes a LIKE pattern: a literal {@code %} or {@code _} must be
	 * escaped.
	 */
	static String escape(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	// ---- values
	// ----------------------------------------------------------------------------------

	static Contact partner(JsonNode row) {
		return new Contact(row.path("id").asLong(), Contact.Kind.CONTACT, text(row, "name"), text(row, "email"),
				text(row, "phone"), name(row, "parent_id"), row.path("is_company").asBoolean(false), text(row, "city"),
				name(row, "country_id"), null);
	}

	static Contact lead(JsonNode row) {
		String person = text(row, "contact_name");
		return new Contact(row.path("id").asLong(), Contact.Kind.LEAD, (person != null) ? person : text(row, "name"),
				text(row, "email_from"), text(row, "phone"), text(row, "partner_name"), false, null, null,
				name(row, "user_id"));
	}

	static CrmOpportunitiesList.Opportunity opportunity(JsonNode row) {
		String contact = name(row, "partner_id");
		if (contact == null) {
			contact = (text(row, "partner_name") != null) ? text(row, "partner_name") : text(row, "contact_name");
		}
		return new CrmOpportunitiesList.Opportunity(row.path("id").asLong(), text(row, "name"), name(row, "stage_id"),
				row.path("expected_revenue").asDouble(0), row.path("probability").asDouble(0), contact,
				text(row, "email_from"), name(row, "user_id"), date(text(row, "date_deadline")));
	}

	/** A stage of the pipeline: id, name, won. */
	record Stage(long id, String name, boolean won) {
	}

	static List<Stage> stages(ArrayNode rows) {
		List<Stage> stages = new ArrayList<>();
		rows.forEach((row) -> stages
			.add(new Stage(row.path("id").asLong(), text(row, "name"), row.path("is_won").asBoolean(false))));
		return stages;
	}

	/** The values to write: only the fields given (a missing one is left as it is). */
	static ObjectNode partnerValues(CrmContactsUpsert.Fields fields, Long countryId, Long parentId) {
		ObjectNode vals = OdooApi.JSON.createObjectNode();
		vals.put("name", fields.name());
		putIfGiven(vals, "email", fields.email());
		putIfGiven(vals, "phone", fields.phone());
		putIfGiven(vals, "street", fields.street());
		putIfGiven(vals, "city", fields.city());
		if (fields.isCompany() != null) {
			vals.put("is_company", fields.isCompany());
		}
		if (countryId != null) {
			vals.put("country_id", countryId);
		}
		if (parentId != null) {
			vals.put("parent_id", parentId);
		}
		return vals;
	}

	/**
	 * A new contact belongs to the tenant's first company, so that it stays the tenant's
	 * own.
	 */
	static ObjectNode withCompany(ObjectNode vals, long companyId) {
		vals.put("company_id", companyId);
		return vals;
	}

	static String currency(ArrayNode companies) {
		String currency = null;
		for (JsonNode company : companies) {
			String name = name(company, "currency_id");
			if (currency != null && name != null && !currency.equals(name)) {
				return null;
			}
			currency = (name != null) ? name : currency;
		}
		return currency;
	}

	static String describe(JsonNode row) {
		return row.path("id").asLong() + " (" + text(row, "name") + ")";
	}

	private static void putIfGiven(ObjectNode vals, String field, String value) {
		if (value != null) {
			vals.put(field, value);
		}
	}

	/** A char field: {@code false} means empty. */
	static String text(JsonNode row, String field) {
		JsonNode value = row.path(field);
		return value.isString() && !value.asString().isEmpty() ? value.asString() : null;
	}

	/** The name of a many2one {@code [id, "name"]}, or {@code null} for {@code false}. */
	static String name(JsonNode row, String field) {
		JsonNode value = row.path(field);
		return (value.isArray() && value.size() == 2) ? value.path(1).asString() : null;
	}

	static Long id(JsonNode row, String field) {
		JsonNode value = row.path(field);
		return (value.isArray() && value.size() == 2) ? value.path(0).asLong() : null;
	}

	private static LocalDate date(String text) {
		if (text == null) {
			return null;
		}
		try {
			return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
