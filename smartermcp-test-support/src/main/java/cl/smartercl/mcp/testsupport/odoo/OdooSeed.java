package cl.smartercl.mcp.testsupport.odoo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Loads {@code demo-seed.json} (derived from the recordings by
 * {@code scripts/odoo-demo-seed.py}) into a fresh database: the state of the recorded
 * Odoo before file 01.
 * <p>
 * What is not in the recordings is not made up. Partners the recordings prove exist but
 * never show ("unrecorded": 13 ids of 1–41) are rows with an id, {@code active} and
 * {@code company_id = false} only (file 88 proves no other partner had a company): they
 * count in {@code search_count}, match no condition on another field, and reading them is
 * an honest error. A record referenced by a recorded many2one (e.g.
 * {@code [2, "Mitchell Admin"]}) becomes a row with that name only.
 */
final class OdooSeed {

	static final String DATABASE = "crm_rec";

	static final String ADMIN_PASSWORD = "admin";

	private OdooSeed() {
	}

	static JsonNode resource() {
		try (InputStream in = OdooSeed.class.getResourceAsStream("demo-seed.json")) {
			return OdooDatabase.JSON.readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static void load(OdooDatabase db, JsonNode seed, String adminKey) {
		JsonNode facts = seed.get("readme_facts");
		for (JsonNode company : facts.get("res.company")) {
			ObjectNode row = row(company.path("id").asLong());
			row.put("name", company.path("name").asText());
			row.put("partner_id", company.path("partner_id").asLong());
			row.put("currency_id", 1L);
			db.insert("res.company", row);
		}
		ObjectNode usd = row(1);
		usd.put("name", "USD");
		db.insert("res.currency", usd);
		for (JsonNode user : facts.get("res.users")) {
			long uid = user.path("id").asLong();
			ObjectNode row = row(uid);
			row.put("name", user.path("name").asText());
			row.put("login", user.path("login").asText());
			row.put("share", user.path("sales").asText().equals("none"));
			row.put("active", true);
			row.put("company_id", 1L);
			row.putArray("company_ids").add(1L);
			if (!user.path("partner_id").isNull()) {
				row.put("partner_id", user.path("partner_id").asLong());
			}
			// file 07: the admin's context; the other demo users' time zones are not
			// recorded
			if (uid == 2) {
				row.put("tz", "Europe/Brussels");
			}
			db.insert("res.users", row);
			db.sales.put(uid, switch (user.path("sales").asText()) {
				case "admin" -> OdooDatabase.Sales.ADMIN;
				case "all" -> OdooDatabase.Sales.ALL;
				case "own" -> OdooDatabase.Sales.OWN;
				default -> OdooDatabase.Sales.NONE;
			});
		}
		db.passwords.put(2L, ADMIN_PASSWORD);
		db.apiKeys.put(adminKey, 2L);
		for (String model : new String[] { "crm.team", "res.partner.category", "res.country" }) {
			for (JsonNode record : facts.get(model)) {
				db.insert(model, ((ObjectNode) record).deepCopy());
			}
		}
		for (JsonNode key : facts.get("res.users.apikeys")) {
			db.insert("res.users.apikeys", ((ObjectNode) key).deepCopy());
		}
		Set<Long> archived = new HashSet<>();
		facts.get("archived_unrecorded_partners").forEach((id) -> archived.add(id.asLong()));
		for (JsonNode id : seed.at("/unrecorded/res.partner/ids")) {
			ObjectNode ghost = row(id.asLong());
			ghost.put("active", !archived.contains(id.asLong()));
			ghost.put("company_id", false);
			db.insert("res.partner", ghost);
		}
		seed.get("records").fields().forEachRemaining((entry) -> {
			for (JsonNode record : entry.getValue()) {
				db.insert(entry.getKey(), stored(db, entry.getKey(), (ObjectNode) record));
			}
		});
		facts.get("next_ids")
			.fields()
			.forEachRemaining((entry) -> db.nextIds.put(entry.getKey(), entry.getValue().asLong()));
		seed.get("fields_get")
			.fields()
			.forEachRemaining((entry) -> db.fieldsMeta.put(entry.getKey(), (ObjectNode) entry.getValue()));
	}

	/**
	 * A recorded record as the double stores it: many2one pairs become ids, their names
	 * known rows.
	 */
	private static ObjectNode stored(OdooDatabase db, String model, ObjectNode record) {
		ObjectNode row = OdooDatabase.object();
		ObjectNode existing = db.table(model).get(record.path("id").asLong());
		if (existing != null) {
			row.setAll(existing);
		}
		for (Map.Entry<String, JsonNode> field : iterable(record)) {
			OdooSchema.Field type = OdooSchema.model(model).fields().get(field.getKey());
			JsonNode value = field.getValue();
			if (type != null && type.many2one() && value.isArray()) {
				long id = value.get(0).asLong();
				String relation = type.relation();
				if (!db.table(relation).containsKey(id)) {
					ObjectNode named = row(id);
					named.put("name", value.get(1).asText());
					db.insert(relation, named);
				}
				row.put(field.getKey(), id);
			}
			else if (value != null && !value.isNull()) {
				row.set(field.getKey(), value);
			}
		}
		return row;
	}

	private static Iterable<Map.Entry<String, JsonNode>> iterable(ObjectNode node) {
		return node::fields;
	}

	private static ObjectNode row(long id) {
		ObjectNode row = OdooDatabase.object();
		row.put("id", id);
		return row;
	}

}
