package cl.smartercl.mcp.testsupport.odoo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code create}, {@code write}, {@code unlink} and {@code fields_get}, with the defaults
 * and checks the recordings show.
 */
final class OdooRecords {

	private final OdooDatabase db;

	OdooRecords(OdooDatabase db) {
		this.db = db;
	}

	/**
	 * JSON-2 answers a list of ids; JSON-RPC with one dict answers a bare id (files 39,
	 * 47).
	 */
	JsonNode create(OdooDatabase.Env env, String model, JsonNode valsList, boolean json2) {
		boolean single = valsList.isObject();
		List<JsonNode> all = new ArrayList<>();
		if (single) {
			all.add(valsList);
		}
		else {
			valsList.forEach(all::add);
		}
		ArrayNode ids = OdooDatabase.JSON.createArrayNode();
		for (JsonNode vals : all) {
			ids.add(createOne(env, model, vals));
		}
		return (single && !json2) ? ids.get(0) : ids;
	}

	private long createOne(OdooDatabase.Env env, String model, JsonNode vals) {
		// the id is taken before the row is checked: a refused create uses one up (file
		// 42: id 43)
		long id = this.db.newId(model);
		ObjectNode row = OdooDatabase.object();
		row.put("id", id);
		switch (model) {
			case "res.partner" -> partnerDefaults(row);
			case "crm.lead" -> leadDefaults(env, row);
			case "res.users", "res.company" -> {
			}
			default -> throw OdooFault.notInDouble("create " + model + " records");
		}
		row.put("create_date", this.db.now());
		row.put("write_date", this.db.now());
		this.db.assign(model, row, vals);
		if (model.equals("res.partner")) {
			if (Domain.isFalse(row.get("name"))) {
				// a database check, not a required field (file 97): Odoo reports it as a
				// ValidationError
				throw OdooFault.of(422, "odoo.exceptions.ValidationError",
						"The operation cannot be completed: Contacts require a name");
			}
			row.put("company_type", row.path("is_company").asBoolean() ? "company" : "person");
		}
		if (model.equals("crm.lead") && Domain.isFalse(row.get("name"))) {
			throw OdooFault.notInDouble("know how Odoo words a lead without a name (not recorded)");
		}
		if (model.equals("crm.lead") && row.get("company_id") == null) {
			// a lead without a company takes the first allowed company (files 84, 85)
			row.put("company_id", env.companies().isEmpty() ? 1L : env.companies().get(0));
		}
		if (model.equals("crm.lead") && !row.has("probability")) {
			// Odoo computes it from its predictive lead scoring; the double cannot, so it
			// stays unknown
			row.remove("probability");
		}
		if (model.equals("res.users")) {
			createUser(env, row);
		}
		if (model.equals("res.company")) {
			createCompany(env, row);
		}
		this.db.insert(model, row);
		return id;
	}

	private void partnerDefaults(ObjectNode row) {
		for (String name : List.of("email", "phone", "parent_id", "country_id", "city", "street", "function", "website",
				"user_id", "company_id")) {
			row.put(name, false);
		}
		row.put("is_company", false);
		row.put("type", "contact");
		row.set("category_id", OdooDatabase.JSON.createArrayNode());
		row.put("active", true);
	}

	private void leadDefaults(OdooDatabase.Env env, ObjectNode row) {
		for (String name : List.of("partner_id", "partner_name", "contact_name", "email_from", "phone", "date_deadline",
				"lost_reason_id", "country_id", "city")) {
			row.put(name, false);
		}
		row.put("type", "lead");
		row.put("user_id", env.uid());
		// the creator's sales team: file 85 shows the admin's (1, Sales); other users'
		// teams are not recorded
		if (env.uid() == 2) {
			row.put("team_id", 1L);
		}
		row.put("stage_id", 1L);
		row.put("expected_revenue", 0.0);
		row.put("priority", "0");
		row.put("active", true);
		row.set("tag_ids", OdooDatabase.JSON.createArrayNode());
	}

	/**
	 * A user gets a partner of its own (ids 47 and 50 in the recordings), and its sales
	 * rights from its groups.
	 */
	private void createUser(OdooDatabase.Env env, ObjectNode row) {
		if (Domain.isFalse(row.get("login")) || Domain.isFalse(row.get("name"))) {
			throw OdooFault.notInDouble("know how Odoo words a user without a login or name (not recorded)");
		}
		long uid = row.path("id").asLong();
		if (row.has("password")) {
			this.db.passwords.put(uid, row.path("password").asText());
			row.remove("password");
		}
		long partnerId = this.db.newId("res.partner");
		ObjectNode partner = OdooDatabase.object();
		partner.put("id", partnerId);
		partnerDefaults(partner);
		partner.put("name", row.path("name").asText());
		partner.set("email", row.has("email") ? row.get("email") : BooleanNode.FALSE);
		partner.put("company_type", "person");
		partner.put("create_date", this.db.now());
		partner.put("write_date", this.db.now());
		this.db.insert("res.partner", partner);
		row.put("partner_id", partnerId);
		if (!row.has("company_id")) {
			row.put("company_id", env.companies().isEmpty() ? 1L : env.companies().get(0));
		}
		if (!row.has("company_ids")) {
			row.set("company_ids", OdooDatabase.JSON.createArrayNode().add(row.path("company_id").asLong()));
		}
		ArrayNode groups = row.has("group_ids") ? (ArrayNode) row.get("group_ids")
				: OdooDatabase.JSON.createArrayNode();
		row.set("group_ids", groups);
		ArrayNode all = groups.deepCopy();
		// every internal user also gets groups 1 (Internal User) and 7, as file 64 shows
		all.add(1L).add(7L);
		row.set("all_group_ids", all);
		row.put("share", false);
		row.put("active", true);
		row.set("tz", OdooDatabase.text(env.tz()));
		boolean allDocuments = false;
		boolean own = false;
		for (JsonNode group : groups) {
			allDocuments |= group.asLong() == 18;
			own |= group.asLong() == 17;
		}
		this.db.sales.put(uid,
				allDocuments ? OdooDatabase.Sales.ALL : own ? OdooDatabase.Sales.OWN : OdooDatabase.Sales.NONE);
	}

	/**
	 * A company gets a partner (49 in the recordings) and joins its creator's companies
	 * (file 79).
	 */
	private void createCompany(OdooDatabase.Env env, ObjectNode row) {
		long partnerId = this.db.newId("res.partner");
		ObjectNode partner = OdooDatabase.object();
		partner.put("id", partnerId);
		partnerDefaults(partner);
		partner.put("name", row.path("name").asText());
		partner.put("is_company", true);
		partner.put("company_type", "company");
		partner.set("country_id", row.has("country_id") ? row.get("country_id") : BooleanNode.FALSE);
		partner.put("create_date", this.db.now());
		partner.put("write_date", this.db.now());
		this.db.insert("res.partner", partner);
		row.put("partner_id", partnerId);
		if (!row.has("currency_id")) {
			row.put("currency_id", 1L);
		}
		ObjectNode creator = this.db.user(env.uid());
		ArrayNode companies = (ArrayNode) creator.get("company_ids");
		companies.add(row.path("id").asLong());
		// shown in res.company order (by name): file 79 reads [2, 1] after "Acme Chile"
		// joined "YourCompany"
		List<JsonNode> sorted = new ArrayList<>();
		companies.forEach(sorted::add);
		row.put("name", row.path("name").asText());
		this.db.insert("res.company", row);
		sorted.sort((a, b) -> this.db.displayName("res.company", a.asLong())
			.compareToIgnoreCase(this.db.displayName("res.company", b.asLong())));
		companies.removeAll();
		sorted.forEach(companies::add);
	}

	JsonNode write(OdooDatabase.Env env, String model, JsonNode ids, JsonNode vals) {
		// a record the user may not see is refused with 'read' access even for a write
		// (file 72)
		List<ObjectNode> rows = this.db.browse(env, model, ids, "read", true);
		for (ObjectNode row : rows) {
			this.db.assign(model, row, vals);
			row.put("write_date", this.db.now());
			if (model.equals("res.partner")) {
				if (Domain.isFalse(row.get("name"))) {
					throw OdooFault.of(422, "odoo.exceptions.ValidationError",
							"The operation cannot be completed: Contacts require a name");
				}
				row.put("company_type", row.path("is_company").asBoolean() ? "company" : "person");
			}
		}
		return BooleanNode.TRUE;
	}

	/**
	 * Deleting contacts needs Contact/Creation, which only the administrator has here
	 * (file 76).
	 */
	JsonNode unlink(OdooDatabase.Env env, String model, JsonNode ids) {
		if (model.equals("res.partner") && this.db.sales.get(env.uid()) != OdooDatabase.Sales.ADMIN) {
			throw OdooFault.accessError("You are not allowed to delete 'Contact' (res.partner) records.\n\n"
					+ "This operation is allowed for the following groups:\n\t- Contact/Creation\n\n"
					+ "Contact your administrator to request access if necessary.");
		}
		if (!model.equals("res.partner") && !model.equals("crm.lead")) {
			throw OdooFault.notInDouble("delete " + model + " records");
		}
		List<ObjectNode> rows = this.db.browse(env, model, ids, "read", true);
		rows.forEach((row) -> this.db.table(model).remove(row.path("id").asLong()));
		return BooleanNode.TRUE;
	}

	/**
	 * The recorded field descriptions, limited to the asked fields and attributes;
	 * unknown names are left out, as Odoo does.
	 */
	JsonNode fieldsGet(String model, JsonNode allfields, JsonNode attributes) {
		ObjectNode known = this.db.fieldsMeta.get(model);
		if (known == null) {
			throw OdooFault.notInDouble("know the fields of " + model + " (no fields_get of it is recorded)");
		}
		ObjectNode out = OdooDatabase.object();
		List<String> asked = new ArrayList<>();
		if (allfields != null && allfields.isArray() && !allfields.isEmpty()) {
			allfields.forEach((f) -> asked.add(f.asText()));
		}
		for (String name : asked) {
			if (OdooSchema.model(model).fields().containsKey(name) && !known.has(name)) {
				throw OdooFault.notInDouble("know the description of " + model + "." + name + " (not recorded)");
			}
		}
		known.fields().forEachRemaining((entry) -> {
			if (!asked.isEmpty() && !asked.contains(entry.getKey())) {
				return;
			}
			ObjectNode description = entry.getValue().deepCopy();
			if (attributes != null && attributes.isArray() && !attributes.isEmpty()) {
				List<String> keep = new ArrayList<>();
				attributes.forEach((a) -> keep.add(a.asText()));
				description.retain(keep);
			}
			out.set(entry.getKey(), description);
		});
		return out;
	}

	static String tomorrowMidnight(java.time.Clock clock) {
		return LocalDate.now(clock).plusDays(1) + " 00:00:00";
	}

	static LongNode id(long value) {
		return LongNode.valueOf(value);
	}

}
