package cl.smartercl.mcp.testsupport.odoo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code formatted_read_group} (Odoo 19, files 34–36, 89, 90) and the deprecated
 * {@code read_group} (files 37, 38), grouped by one many2one field: one row per group
 * that has records, in the order of the grouped model, the empty group last.
 */
final class OdooGroups {

	private final OdooDatabase db;

	OdooGroups(OdooDatabase db) {
		this.db = db;
	}

	JsonNode formatted(OdooDatabase.Env env, String model, Map<String, JsonNode> args) {
		String field = groupBy(model, args.get("groupby"), false);
		JsonNode having = args.get("having");
		if (having != null && having.isArray() && !having.isEmpty()) {
			throw OdooFault.notInDouble("apply a 'having' clause");
		}
		String order = OdooMethods.textArg(args, "order");
		if (order != null && !order.trim().matches(field + "(\\s+asc)?")) {
			throw OdooFault.notInDouble("order groups by '" + order + "'");
		}
		List<String> aggregates = new ArrayList<>();
		JsonNode asked = args.get("aggregates");
		if (asked != null) {
			asked.forEach((a) -> aggregates.add(a.asText()));
		}
		ArrayNode out = OdooDatabase.JSON.createArrayNode();
		for (Map.Entry<Long, List<ObjectNode>> group : groups(env, model, args.get("domain"), field).entrySet()) {
			ObjectNode row = out.addObject();
			row.set(field, key(model, field, group.getKey()));
			ArrayNode extra = row.putArray("__extra_domain");
			extra.addArray().add(field).add("=").add(group.getKey() == null ? BooleanNode.FALSE : id(group.getKey()));
			for (String aggregate : aggregates) {
				if (aggregate.equals("__count")) {
					row.put("__count", group.getValue().size());
				}
				else if (aggregate.endsWith(":sum")) {
					row.set(aggregate, OdooMethods
						.number(sum(model, group.getValue(), aggregate.substring(0, aggregate.length() - 4))));
				}
				else {
					throw OdooFault.notInDouble("compute the aggregate '" + aggregate + "'");
				}
			}
		}
		return slice(out, args);
	}

	JsonNode legacy(OdooDatabase.Env env, String model, Map<String, JsonNode> args) {
		JsonNode lazyArg = args.get("lazy");
		boolean lazy = lazyArg == null || lazyArg.asBoolean(true);
		String field = groupBy(model, args.get("groupby"), lazy);
		String orderby = OdooMethods.textArg(args, "orderby");
		if (orderby != null && !orderby.trim().matches(field + "(\\s+asc)?")) {
			throw OdooFault.notInDouble("order groups by '" + orderby + "'");
		}
		List<String> sums = new ArrayList<>();
		for (JsonNode spec : args.get("fields")) {
			String text = spec.asText();
			if (text.equals(field) || text.equals("__count")) {
				continue;
			}
			if (!text.endsWith(":sum")) {
				throw OdooFault.notInDouble("aggregate '" + text + "' in read_group");
			}
			sums.add(text.substring(0, text.length() - 4));
		}
		JsonNode domain = args.get("domain");
		ArrayNode out = OdooDatabase.JSON.createArrayNode();
		for (Map.Entry<Long, List<ObjectNode>> group : groups(env, model, domain, field).entrySet()) {
			ObjectNode row = out.addObject();
			row.set(field, key(model, field, group.getKey()));
			row.put(lazy ? field + "_count" : "__count", group.getValue().size());
			for (String sum : sums) {
				row.set(sum, OdooMethods.number(sum(model, group.getValue(), sum)));
			}
			ArrayNode condition = OdooDatabase.JSON.createArrayNode();
			condition.add(field).add("=").add(group.getKey() == null ? BooleanNode.FALSE : id(group.getKey()));
			ArrayNode groupDomain = row.putArray("__domain");
			if (domain != null && domain.isArray() && !domain.isEmpty()) {
				// AND of the search domain and the group's condition, as Odoo normalises
				// it (file 38)
				for (int i = 0; i < leafCount(domain); i++) {
					groupDomain.add("&");
				}
				domain.forEach(groupDomain::add);
			}
			groupDomain.add(condition);
		}
		return slice(out, args);
	}

	/**
	 * How many '&' an AND of the domain and one more condition needs: one per top-level
	 * item joined implicitly.
	 */
	private static int leafCount(JsonNode domain) {
		int terms = 0;
		int need = 0;
		for (JsonNode item : domain) {
			if (need == 0) {
				terms++;
				need = 1;
			}
			if (item.isTextual() && (item.textValue().equals("&") || item.textValue().equals("|"))) {
				need++;
			}
			else if (!(item.isTextual() && item.textValue().equals("!"))) {
				need--;
			}
		}
		return Math.max(terms, 1);
	}

	private String groupBy(String model, JsonNode groupby, boolean lazy) {
		List<String> fields = new ArrayList<>();
		if (groupby != null && groupby.isArray()) {
			groupby.forEach((g) -> fields.add(g.asText()));
		}
		else if (groupby != null && groupby.isTextual()) {
			fields.add(groupby.textValue());
		}
		if (fields.size() != 1 && !(lazy && !fields.isEmpty())) {
			throw OdooFault.notInDouble("group by " + fields + " (only one many2one field)");
		}
		String field = fields.get(0);
		this.db.checkFields(model, List.of(field));
		if (!OdooSchema.model(model).fields().get(field).many2one()) {
			throw OdooFault
				.notInDouble("group by the " + OdooSchema.model(model).fields().get(field).type() + " field " + field);
		}
		return field;
	}

	/**
	 * The groups in the grouped model's order; the group of records without a value last.
	 */
	private Map<Long, List<ObjectNode>> groups(OdooDatabase.Env env, String model, JsonNode domain, String field) {
		List<ObjectNode> rows = this.db.search(env, model, domain, 0, null, "id");
		String relation = OdooSchema.model(model).fields().get(field).relation();
		Map<Long, List<ObjectNode>> byId = new LinkedHashMap<>();
		List<ObjectNode> empty = new ArrayList<>();
		for (ObjectNode row : rows) {
			JsonNode value = row.get(field);
			if (value == null) {
				throw OdooFault.notInDouble("know " + model + "." + field + " of record " + row.path("id").asLong());
			}
			if (Domain.isFalse(value)) {
				empty.add(row);
			}
			else {
				byId.computeIfAbsent(value.asLong(), (k) -> new ArrayList<>()).add(row);
			}
		}
		Map<Long, List<ObjectNode>> ordered = new LinkedHashMap<>();
		OdooDatabase.Env admin = new OdooDatabase.Env(2, this.db.userCompanies(2), false, null);
		for (ObjectNode target : this.db.search(admin, relation, null, 0, null, null)) {
			List<ObjectNode> members = byId.remove(target.path("id").asLong());
			if (members != null) {
				ordered.put(target.path("id").asLong(), members);
			}
		}
		ordered.putAll(byId);
		if (!empty.isEmpty()) {
			ordered.put(null, empty);
		}
		return ordered;
	}

	private JsonNode key(String model, String field, Long id) {
		if (id == null) {
			return BooleanNode.FALSE;
		}
		ArrayNode pair = OdooDatabase.JSON.createArrayNode();
		pair.add(id);
		pair.add(this.db.displayName(OdooSchema.model(model).fields().get(field).relation(), id));
		return pair;
	}

	private double sum(String model, List<ObjectNode> rows, String field) {
		this.db.checkFields(model, List.of(field));
		double total = 0;
		for (ObjectNode row : rows) {
			JsonNode value = row.get(field);
			if (value == null) {
				throw OdooFault.notInDouble("know " + model + "." + field + " of record " + row.path("id").asLong());
			}
			total += value.asDouble(0);
		}
		return total;
	}

	private static JsonNode slice(ArrayNode rows, Map<String, JsonNode> args) {
		int offset = OdooMethods.intArg(args, "offset", 0);
		Integer limit = OdooMethods.limitArg(args);
		if (offset == 0 && limit == null) {
			return rows;
		}
		ArrayNode out = OdooDatabase.JSON.createArrayNode();
		for (int i = offset; i < rows.size() && (limit == null || out.size() < limit); i++) {
			out.add(rows.get(i));
		}
		return out;
	}

	private static JsonNode id(long id) {
		return OdooRecords.id(id);
	}

}
