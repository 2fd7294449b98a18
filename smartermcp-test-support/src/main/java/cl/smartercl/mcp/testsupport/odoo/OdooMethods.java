package cl.smartercl.mcp.testsupport.odoo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The ORM methods the double serves, with Python's signatures: JSON-2 binds named
 * arguments (files 60–62 show how it refuses bad ones), JSON-RPC {@code execute_kw} binds
 * positional ones first.
 */
final class OdooMethods {

	/** A parameter, and whether it has no default. */
	record Param(String name, boolean required) {
	}

	/**
	 * A method's signature: record methods take {@code ids}; {@code varKw} is a
	 * {@code **kwargs}.
	 */
	record Signature(boolean recordMethod, boolean varKw, List<Param> params) {
	}

	static final Map<String, Signature> SIGNATURES = new LinkedHashMap<>();

	/**
	 * Real Odoo methods the double does not serve: answered with an honest error, not a
	 * 404.
	 */
	private static final Set<String> NOT_SERVED = Set.of("name_search", "web_search_read", "web_read", "copy",
			"default_get", "name_create", "export_data", "load", "onchange", "search_fetch", "read_group_expand",
			"web_read_group", "check_access_rights", "has_group", "action_archive", "action_unarchive", "toggle_active",
			"get_views", "fetch");

	static {
		sig("search_read", false, true, "domain?", "fields?", "offset?", "limit?", "order?");
		sig("search_count", false, false, "domain", "limit?");
		sig("search", false, false, "domain", "offset?", "limit?", "order?");
		sig("read", true, false, "fields?", "load?");
		sig("create", false, false, "vals_list");
		sig("write", true, false, "vals");
		sig("unlink", true, false);
		sig("fields_get", false, false, "allfields?", "attributes?");
		sig("formatted_read_group", false, false, "domain", "groupby?", "aggregates?", "having?", "offset?", "limit?",
				"order?");
		sig("read_group", false, false, "domain", "fields", "groupby", "offset?", "limit?", "orderby?", "lazy?");
		sig("context_get", false, false);
	}

	private static void sig(String name, boolean recordMethod, boolean varKw, String... params) {
		List<Param> list = new ArrayList<>();
		for (String param : params) {
			list.add(new Param(param.replace("?", ""), !param.endsWith("?")));
		}
		SIGNATURES.put(name, new Signature(recordMethod, varKw, list));
	}

	private final OdooDatabase db;

	private final OdooRecords records;

	OdooMethods(OdooDatabase db) {
		this.db = db;
		this.records = new OdooRecords(db);
	}

	/** Which faults differ between the protocols for an unknown model or method. */
	enum Protocol {

		JSON2, JSONRPC

	}

	/**
	 * Checks the model and method exist, as each protocol reports it (files 51, 52, 57,
	 * 58).
	 */
	Signature resolve(Protocol protocol, String model, String method) {
		if (OdooSchema.model(model) == null) {
			throw (protocol == Protocol.JSON2)
					? OdooFault.http(404, "werkzeug.exceptions.NotFound", "the model '" + model + "' does not exist")
					: OdooFault.of(200, "odoo.exceptions.UserError", "Object " + model + " doesn't exist");
		}
		if (method.startsWith("_")) {
			throw OdooFault
				.accessError("Private methods (such as '" + model + "." + method + "') cannot be called remotely.");
		}
		Signature signature = SIGNATURES.get(method);
		if (signature == null || (method.equals("context_get") && !model.equals("res.users"))) {
			if (NOT_SERVED.contains(method) || method.startsWith("action_")) {
				throw OdooFault.notInDouble("serve " + model + "." + method);
			}
			String message = "The method '" + model + "." + method + "' does not exist";
			throw (protocol == Protocol.JSON2) ? OdooFault.http(404, "werkzeug.exceptions.NotFound", message)
					: OdooFault.of(200, "builtins.AttributeError", message);
		}
		return signature;
	}

	/** JSON-2: named arguments, {@code ids} and {@code context} beside them. */
	JsonNode callJson2(long uid, String model, String method, ObjectNode body) {
		Signature signature = resolve(Protocol.JSON2, model, method);
		JsonNode ids = body.get("ids");
		if (ids != null && !signature.recordMethod()) {
			throw OdooFault.http(422, "werkzeug.exceptions.UnprocessableEntity",
					"cannot call " + model + "." + method + " with ids");
		}
		Map<String, JsonNode> args = new LinkedHashMap<>();
		Map<String, JsonNode> extra = new LinkedHashMap<>();
		body.fields().forEachRemaining((entry) -> {
			if (entry.getKey().equals("ids") || entry.getKey().equals("context")) {
				return;
			}
			if (signature.params().stream().anyMatch((p) -> p.name().equals(entry.getKey()))) {
				args.put(entry.getKey(), entry.getValue());
			}
			else {
				extra.put(entry.getKey(), entry.getValue());
			}
		});
		// Python's Signature.bind reports a missing parameter before an unexpected
		// keyword (file 61)
		for (Param param : signature.params()) {
			if (param.required() && !args.containsKey(param.name())) {
				throw OdooFault.http(422, "werkzeug.exceptions.UnprocessableEntity",
						"missing a required argument: '" + param.name() + "'");
			}
		}
		if (!extra.isEmpty() && !signature.varKw()) {
			throw OdooFault.http(422, "werkzeug.exceptions.UnprocessableEntity",
					"got an unexpected keyword argument '" + extra.keySet().iterator().next() + "'");
		}
		OdooDatabase.Env env = this.db.env(uid, body.get("context"));
		return invoke(env, model, method, (ids == null) ? OdooDatabase.JSON.createArrayNode() : ids, args, extra, true);
	}

	/**
	 * JSON-RPC {@code execute_kw}: positional arguments first (the ids of a record
	 * method), then keywords.
	 */
	JsonNode callJsonRpc(long uid, String model, String method, JsonNode positional, JsonNode keywords) {
		Signature signature = resolve(Protocol.JSONRPC, model, method);
		List<JsonNode> args = new ArrayList<>();
		if (positional != null) {
			positional.forEach(args::add);
		}
		JsonNode ids = OdooDatabase.JSON.createArrayNode();
		if (signature.recordMethod()) {
			if (args.isEmpty()) {
				throw OdooFault.typeError("BaseModel." + method + "() missing 1 required positional argument: 'ids'");
			}
			ids = args.remove(0);
			if (ids.isNumber()) {
				ids = OdooDatabase.JSON.createArrayNode().add(ids.asLong());
			}
		}
		if (args.size() > signature.params().size()) {
			throw OdooFault.typeError("BaseModel." + method + "() takes " + (signature.params().size() + 1)
					+ " positional arguments but " + (args.size() + 1) + " were given");
		}
		Map<String, JsonNode> named = new LinkedHashMap<>();
		for (int i = 0; i < args.size(); i++) {
			named.put(signature.params().get(i).name(), args.get(i));
		}
		Map<String, JsonNode> extra = new LinkedHashMap<>();
		JsonNode context = null;
		if (keywords != null) {
			for (var it = keywords.fields(); it.hasNext();) {
				var entry = it.next();
				if (entry.getKey().equals("context")) {
					context = entry.getValue();
				}
				else if (signature.params().stream().anyMatch((p) -> p.name().equals(entry.getKey()))) {
					named.put(entry.getKey(), entry.getValue());
				}
				else if (signature.varKw()) {
					extra.put(entry.getKey(), entry.getValue());
				}
				else {
					throw OdooFault.typeError(
							"BaseModel." + method + "() got an unexpected keyword argument '" + entry.getKey() + "'");
				}
			}
		}
		for (Param param : signature.params()) {
			if (param.required() && !named.containsKey(param.name())) {
				throw OdooFault.typeError(
						"BaseModel." + method + "() missing 1 required positional argument: '" + param.name() + "'");
			}
		}
		OdooDatabase.Env env = this.db.env(uid, context);
		return invoke(env, model, method, ids, named, extra, false);
	}

	private JsonNode invoke(OdooDatabase.Env env, String model, String method, JsonNode ids, Map<String, JsonNode> args,
			Map<String, JsonNode> extra, boolean json2) {
		switch (method) {
			case "search_read": {
				if (!extra.isEmpty()) {
					// search_read passes its **read_kwargs on to read(), whose
					// _read_format refuses them (file 62)
					throw OdooFault.typeError("BaseModel._read_format() got an unexpected keyword argument '"
							+ extra.keySet().iterator().next() + "'");
				}
				List<ObjectNode> rows = this.db.search(env, model, args.get("domain"), intArg(args, "offset", 0),
						limitArg(args), textArg(args, "order"));
				return this.db.read(model, rows, args.get("fields"));
			}
			case "search_count": {
				List<ObjectNode> rows = this.db.search(env, model, args.get("domain"), 0, limitArg(args), "id");
				return LongNode.valueOf(rows.size());
			}
			case "search": {
				ArrayNode out = OdooDatabase.JSON.createArrayNode();
				this.db
					.search(env, model, args.get("domain"), intArg(args, "offset", 0), limitArg(args),
							textArg(args, "order"))
					.forEach((row) -> out.add(row.path("id").asLong()));
				return out;
			}
			case "read":
				return this.db.read(model, this.db.browse(env, model, ids, "read", false), args.get("fields"));
			case "create":
				return this.records.create(env, model, args.get("vals_list"), json2);
			case "write":
				return this.records.write(env, model, ids, args.get("vals"));
			case "unlink":
				return this.records.unlink(env, model, ids);
			case "fields_get":
				return this.records.fieldsGet(model, args.get("allfields"), args.get("attributes"));
			case "formatted_read_group":
				return new OdooGroups(this.db).formatted(env, model, args);
			case "read_group":
				return new OdooGroups(this.db).legacy(env, model, args);
			case "context_get": {
				ObjectNode out = OdooDatabase.object();
				out.put("lang", "en_US");
				out.set("tz", env.tz().equals("false") ? BooleanNode.FALSE : OdooDatabase.text(env.tz()));
				out.put("uid", env.uid());
				return out;
			}
			default:
				throw OdooFault.notInDouble("serve " + model + "." + method);
		}
	}

	static int intArg(Map<String, JsonNode> args, String name, int fallback) {
		JsonNode value = args.get(name);
		return (value == null || value.isNull() || Domain.isFalse(value)) ? fallback : value.asInt();
	}

	static Integer limitArg(Map<String, JsonNode> args) {
		JsonNode value = args.get("limit");
		return (value == null || value.isNull() || Domain.isFalse(value)) ? null : value.asInt();
	}

	static String textArg(Map<String, JsonNode> args, String name) {
		JsonNode value = args.get(name);
		return (value == null || !value.isTextual()) ? null : value.textValue();
	}

	static DoubleNode number(double value) {
		return DoubleNode.valueOf(value);
	}

}
