package cl.smartercl.mcp.testsupport.odoo;

import java.text.Collator;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * The double's database: rows per model, and the ORM methods the external API calls on
 * them, with the access rules the recordings show (multi-company, "own documents only"
 * salespeople, contact deletion). Rows hold only what the recordings show (see
 * {@link OdooSeed}); many2one values are stored as ids and named when read, as Odoo does.
 */
final class OdooDatabase {

	static final ObjectMapper JSON = new ObjectMapper();

	private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	/**
	 * Sales rights of a user: the Sales admin, "All Documents" (group 18), "Own Documents
	 * Only" (group 17).
	 */
	enum Sales {

		ADMIN, ALL, OWN, NONE

	}

	/** Who calls, and with which context. */
	record Env(long uid, List<Long> companies, boolean activeTest, String tz) {
	}

	final Map<String, TreeMap<Long, ObjectNode>> tables = new HashMap<>();

	final Map<String, Long> nextIds = new HashMap<>();

	final Map<Long, Sales> sales = new HashMap<>();

	final Map<Long, String> passwords = new HashMap<>();

	/** API key → user id. */
	final Map<String, Long> apiKeys = new HashMap<>();

	/** The {@code fields_get} answers the recordings hold, per model (files 97–99). */
	final Map<String, ObjectNode> fieldsMeta = new HashMap<>();

	private final Clock clock;

	private final Collator collator = Collator.getInstance(Locale.US);

	OdooDatabase(Clock clock) {
		this.clock = clock;
		for (OdooSchema.Model model : OdooSchema.models()) {
			this.tables.put(model.name(), new TreeMap<>());
			this.nextIds.put(model.name(), 1L);
		}
	}

	TreeMap<Long, ObjectNode> table(String model) {
		return this.tables.get(model);
	}

	String now() {
		return LocalDateTime.now(this.clock).format(DATETIME);
	}

	Clock clock() {
		return this.clock;
	}

	// ---- environment and access
	// -----------------------------------------------------------------

	ObjectNode user(long uid) {
		return table("res.users").get(uid);
	}

	List<Long> userCompanies(long uid) {
		List<Long> ids = new ArrayList<>();
		user(uid).path("company_ids").forEach((id) -> ids.add(id.asLong()));
		return ids;
	}

	/**
	 * The environment of a call; naming a company the user is not in is refused (files
	 * 94, 96).
	 */
	Env env(long uid, JsonNode context) {
		List<Long> allowed = userCompanies(uid);
		List<Long> companies = allowed;
		JsonNode asked = (context == null) ? null : context.get("allowed_company_ids");
		if (asked != null && asked.isArray()) {
			companies = new ArrayList<>();
			for (JsonNode id : asked) {
				if (!allowed.contains(id.asLong())) {
					throw OdooFault.accessError("Access to unauthorized or invalid companies.");
				}
				companies.add(id.asLong());
			}
		}
		boolean activeTest = context == null || !context.has("active_test")
				|| context.get("active_test").asBoolean(true);
		return new Env(uid, companies, activeTest, user(uid).path("tz").asText("false"));
	}

	/** Why a row is hidden from this user, or {@code null} when it is visible. */
	private String hidden(Env env, String model, ObjectNode row) {
		if (model.equals("res.partner") || model.equals("crm.lead")) {
			JsonNode company = row.get("company_id");
			boolean userPartner = model.equals("res.partner") && isUserPartner(row.path("id").asLong());
			if (company != null && !Domain.isFalse(company) && !env.companies().contains(company.asLong())
					&& !userPartner) {
				return "company";
			}
		}
		if (model.equals("crm.lead") && this.sales.get(env.uid()) == Sales.OWN) {
			JsonNode owner = row.get("user_id");
			if (owner != null && !Domain.isFalse(owner) && owner.asLong() != env.uid()) {
				return "own";
			}
		}
		return null;
	}

	/** Partners of internal users stay visible across companies (files 87, 93). */
	private boolean isUserPartner(long partnerId) {
		for (ObjectNode user : table("res.users").values()) {
			if (user.path("partner_id").asLong(-1) == partnerId && !user.path("share").asBoolean(false)) {
				return true;
			}
		}
		return false;
	}

	private OdooFault denied(Env env, String model, String operation, String reason) {
		ObjectNode user = user(env.uid());
		OdooSchema.Model schema = OdooSchema.model(model);
		String message = "Uh-oh! Looks like you have stumbled upon some top-secret records.\n\nSorry, "
				+ user.path("name").asText() + " (id=" + env.uid() + ") doesn't have '" + operation + "' access to:\n- "
				+ schema.description() + " (" + model
				+ ")\n\nIf you really, really need access, perhaps you can win over"
				+ " your friendly administrator with a batch of freshly baked cookies.";
		if ("company".equals(reason)) {
			message += "\n\nThis seems to be a multi-company issue, but you do not have access to the proper company to access the record anyhow.";
		}
		return OdooFault.accessError(message);
	}

	// ---- search
	// ----------------------------------------------------------------------------------

	List<ObjectNode> search(Env env, String model, JsonNode domainJson, int offset, Integer limit, String order) {
		Domain domain = Domain.parse(domainJson);
		checkFields(model, domain.leaves().stream().map((leaf) -> leaf.path().split("\\.")[0]).toList());
		boolean activeTest = env.activeTest() && OdooSchema.model(model).fields().containsKey("active")
				&& !domain.mentions("active");
		List<ObjectNode> rows = new ArrayList<>();
		for (ObjectNode row : table(model).values()) {
			if (activeTest && !row.path("active").asBoolean(false)) {
				continue;
			}
			if (hidden(env, model, row) != null) {
				continue;
			}
			if (domain.matches(row, (r, path) -> resolve(model, (ObjectNode) r, path))) {
				rows.add(row);
			}
		}
		rows.sort(
				comparator(model, (order == null || order.isBlank()) ? OdooSchema.model(model).defaultOrder() : order));
		int from = Math.min(offset, rows.size());
		int to = (limit == null) ? rows.size() : Math.min(rows.size(), from + limit);
		return new ArrayList<>(rows.subList(from, to));
	}

	/**
	 * The values at the end of a dotted path, as ids for relations; {@code null} when not
	 * known.
	 */
	private List<JsonNode> resolve(String model, ObjectNode row, String path) {
		int dot = path.indexOf('.');
		String name = (dot < 0) ? path : path.substring(0, dot);
		OdooSchema.Field field = OdooSchema.model(model).fields().get(name);
		JsonNode value = row.get(name);
		if (value == null) {
			return null;
		}
		List<JsonNode> values = new ArrayList<>();
		if (field.toMany()) {
			value.forEach(values::add);
		}
		else if (!Domain.isFalse(value) || field.type().equals("boolean")) {
			values.add(value);
		}
		if (dot < 0) {
			return values;
		}
		List<JsonNode> next = new ArrayList<>();
		for (JsonNode id : values) {
			ObjectNode target = table(field.relation()).get(id.asLong());
			List<JsonNode> sub = (target == null) ? null : resolve(field.relation(), target, path.substring(dot + 1));
			if (sub == null) {
				return null;
			}
			next.addAll(sub);
		}
		return next;
	}

	private Comparator<ObjectNode> comparator(String model, String order) {
		Comparator<ObjectNode> result = null;
		for (String term : order.split(",")) {
			String[] parts = term.trim().split("\\s+");
			String name = parts[0].equals("complete_name") ? "display_name" : parts[0];
			boolean desc = parts.length > 1 && parts[1].equalsIgnoreCase("desc");
			if (!name.equals("display_name")) {
				checkFields(model, List.of(name));
			}
			Comparator<ObjectNode> one = (a, b) -> compareValues(model, name, a, b);
			if (desc) {
				one = one.reversed();
			}
			result = (result == null) ? one : result.thenComparing(one);
		}
		return result;
	}

	private int compareValues(String model, String name, ObjectNode a, ObjectNode b) {
		Object x = sortKey(model, name, a);
		Object y = sortKey(model, name, b);
		// unknown values (records the recordings never show) and empty ones sort last, as
		// NULLs do
		if (x == null || y == null) {
			return (x == null) ? ((y == null) ? 0 : 1) : -1;
		}
		if (x instanceof Double dx && y instanceof Double dy) {
			return Double.compare(dx, dy);
		}
		return this.collator.compare(x.toString(), y.toString());
	}

	private Object sortKey(String model, String name, ObjectNode row) {
		if (name.equals("display_name")) {
			return displayNameOrNull(model, row);
		}
		OdooSchema.Field field = OdooSchema.model(model).fields().get(name);
		JsonNode value = row.get(name);
		if (value == null || (Domain.isFalse(value) && !field.type().equals("boolean"))) {
			return null;
		}
		if (field.many2one()) {
			List<ObjectNode> ordered = search(adminEnv(), field.relation(), null, 0, null, null);
			for (int i = 0; i < ordered.size(); i++) {
				if (ordered.get(i).path("id").asLong() == value.asLong()) {
					return (double) i;
				}
			}
			return null;
		}
		if (value.isNumber()) {
			return value.doubleValue();
		}
		if (value.isBoolean()) {
			return value.booleanValue() ? 1.0 : 0.0;
		}
		return value.asText();
	}

	private Env adminEnv() {
		return new Env(2, List.copyOf(userCompanies(2)), false, null);
	}

	String displayName(String model, long id) {
		ObjectNode row = table(model).get(id);
		String name = (row == null) ? null : displayNameOrNull(model, row);
		if (name == null) {
			throw OdooFault.notInDouble("know the name of " + model + " " + id + " (the recordings never show it)");
		}
		return name;
	}

	private String displayNameOrNull(String model, ObjectNode row) {
		JsonNode name = row.get("name");
		if (name == null || Domain.isFalse(name)) {
			return null;
		}
		JsonNode parent = row.get("parent_id");
		if (model.equals("res.partner") && parent != null && !Domain.isFalse(parent)) {
			ObjectNode parentRow = table(model).get(parent.asLong());
			String parentName = (parentRow == null) ? null : displayNameOrNull(model, parentRow);
			return (parentName == null) ? null : parentName + ", " + name.asText();
		}
		return name.asText();
	}

	// ---- read
	// ------------------------------------------------------------------------------------

	void checkFields(String model, List<String> names) {
		for (String name : names) {
			if (!OdooSchema.model(model).fields().containsKey(name)) {
				throw OdooFault.valueError("Invalid field '" + name + "' on '" + model + "'");
			}
		}
	}

	ArrayNode read(String model, List<ObjectNode> rows, JsonNode fieldsJson) {
		List<String> fields = new ArrayList<>();
		if (fieldsJson == null || fieldsJson.isNull() || fieldsJson.isEmpty()) {
			throw OdooFault.notInDouble("read every field of " + model + "; name the fields");
		}
		fieldsJson.forEach((f) -> fields.add(f.asText()));
		checkFields(model, fields);
		ArrayNode out = JSON.createArrayNode();
		for (ObjectNode row : rows) {
			ObjectNode record = out.addObject();
			record.put("id", row.path("id").asLong());
			for (String name : fields) {
				if (!name.equals("id")) {
					record.set(name, render(model, row, name));
				}
			}
		}
		return out;
	}

	private JsonNode render(String model, ObjectNode row, String name) {
		OdooSchema.Field field = OdooSchema.model(model).fields().get(name);
		JsonNode value = row.get(name);
		if (value == null || name.equals("password")) {
			throw OdooFault.notInDouble("know " + model + "." + name + " of record " + row.path("id").asLong()
					+ " (the recordings never show it)");
		}
		if (field.many2one()) {
			if (Domain.isFalse(value)) {
				return BooleanNode.FALSE;
			}
			ArrayNode pair = JSON.createArrayNode();
			pair.add(value.asLong());
			pair.add(displayName(field.relation(), value.asLong()));
			return pair;
		}
		if ((field.type().equals("float") || field.type().equals("monetary")) && value.isNumber()) {
			return DoubleNode.valueOf(value.doubleValue());
		}
		return value.deepCopy();
	}

	/**
	 * Reading ids: missing ones are left out (file 44); ids the user may not see are
	 * refused (71, 95).
	 */
	List<ObjectNode> browse(Env env, String model, JsonNode ids, String operation, boolean missingIsError) {
		List<ObjectNode> rows = new ArrayList<>();
		List<Long> missing = new ArrayList<>();
		for (JsonNode id : ids) {
			ObjectNode row = table(model).get(id.asLong());
			if (row == null) {
				missing.add(id.asLong());
				continue;
			}
			String reason = hidden(env, model, row);
			if (reason != null) {
				throw denied(env, model, operation, reason);
			}
			rows.add(row);
		}
		if (missingIsError && !missing.isEmpty()) {
			String tuple = missing.stream()
				.map(String::valueOf)
				.collect(Collectors.joining(", ", "(", missing.size() == 1 ? ",)" : ")"));
			throw OdooFault.of(404, "odoo.exceptions.MissingError",
					"Record does not exist or has been deleted.\n(Record: " + model + tuple + ", User: " + env.uid()
							+ ")");
		}
		return rows;
	}

	// ---- write
	// -----------------------------------------------------------------------------------

	/**
	 * Stores {@code vals} into {@code row}: many2one as ids, x2many commands applied,
	 * numbers of float fields as doubles.
	 */
	void assign(String model, ObjectNode row, JsonNode vals) {
		checkFields(model, iterable(vals.fieldNames()));
		vals.fields().forEachRemaining((entry) -> {
			OdooSchema.Field field = OdooSchema.model(model).fields().get(entry.getKey());
			JsonNode value = entry.getValue();
			if (field.many2one()) {
				row.set(entry.getKey(), Domain.isFalse(value) ? BooleanNode.FALSE : LongNode.valueOf(value.asLong()));
			}
			else if (field.toMany()) {
				row.set(entry.getKey(), commands(row.get(entry.getKey()), value));
			}
			else if ((field.type().equals("float") || field.type().equals("monetary")) && value.isNumber()) {
				row.set(entry.getKey(), DoubleNode.valueOf(value.doubleValue()));
			}
			else if (value.isNull()) {
				row.set(entry.getKey(), BooleanNode.FALSE);
			}
			else {
				row.set(entry.getKey(), value.deepCopy());
			}
		});
	}

	/**
	 * x2many values: a plain id list, or commands {@code [6, 0, ids]} (set),
	 * {@code [4, id]} (link), {@code [3, id]} (unlink).
	 */
	private static ArrayNode commands(JsonNode current, JsonNode value) {
		ArrayNode ids = (current != null && current.isArray()) ? (ArrayNode) current.deepCopy()
				: JSON.createArrayNode();
		if (Domain.isFalse(value)) {
			return JSON.createArrayNode();
		}
		if (value.size() > 0 && value.get(0).isArray()) {
			for (JsonNode command : value) {
				switch (command.get(0).asInt()) {
					case 6 -> {
						ids = JSON.createArrayNode();
						for (JsonNode id : command.get(2)) {
							ids.add(id.asLong());
						}
					}
					case 4 -> ids.add(command.get(1).asLong());
					case 3 -> {
						for (int i = ids.size() - 1; i >= 0; i--) {
							if (ids.get(i).asLong() == command.get(1).asLong()) {
								ids.remove(i);
							}
						}
					}
					case 5 -> ids = JSON.createArrayNode();
					default -> throw OdooFault.notInDouble("apply the x2many command " + command);
				}
			}
			return ids;
		}
		ArrayNode plain = JSON.createArrayNode();
		value.forEach((id) -> plain.add(id.asLong()));
		return plain;
	}

	long newId(String model) {
		long id = this.nextIds.get(model);
		this.nextIds.put(model, id + 1);
		return id;
	}

	void insert(String model, ObjectNode row) {
		table(model).put(row.path("id").asLong(), row);
	}

	private static List<String> iterable(java.util.Iterator<String> names) {
		List<String> list = new ArrayList<>();
		names.forEachRemaining(list::add);
		return list;
	}

	static ObjectNode object() {
		return JSON.createObjectNode();
	}

	static TextNode text(String value) {
		return TextNode.valueOf(value);
	}

	static Map<String, Object> map() {
		return new LinkedHashMap<>();
	}

}
