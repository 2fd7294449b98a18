package cl.smartercl.mcp.connectors.odoo;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import cl.smartercl.mcp.connectors.config.BackendsConfig;
import cl.smartercl.mcp.connectors.config.Secret;
import cl.smartercl.mcp.connectors.support.BackendAddress;
import cl.smartercl.mcp.connectors.support.BackendHttpClient;
import cl.smartercl.mcp.connectors.support.BackendMessages;
import cl.smartercl.mcp.connectors.support.TransportFailures;
import cl.smartercl.mcp.core.error.BackendException;
import cl.smartercl.mcp.core.error.InvalidArgumentsException;
import cl.smartercl.mcp.core.error.NotFoundException;
import cl.smartercl.mcp.core.error.ServiceUnavailableException;
import cl.smartercl.mcp.core.error.ToolException;

/**
 * Every wire detail of Odoo's external API (see {@code shared/backend-notes/odoo.md} §6
 * and the recordings of {@code shared/backend-recordings/odoo-19}): JSON-2
 * ({@code POST /json/2/<model>/<method>} with named arguments,
 * {@code Authorization: bearer <key>}, {@code X-Odoo-Database}) on Odoo 19+, and JSON-RPC
 * ({@code POST /jsonrpc}, {@code common.authenticate} for the uid, then
 * {@code object.execute_kw} with positional arguments) on 16–18 or when asked.
 * {@code auto} reads {@code GET /web/version} once.
 * <p>
 * Every call carries the tenant's companies as {@code allowed_company_ids}; the domains
 * that also filter {@code company_id} are built by {@link OdooMapper}. No retries or
 * breakers here: the server's resilience layer owns them. Every failure becomes one of
 * the project's errors, worded to say what to do.
 */
final class OdooApi implements AutoCloseable {

	static final String SERVICE = "odoo";

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

	/** What the server speaks, learnt once. */
	record Wire(boolean json2, int major) {
	}

	private final URI root;

	private final BackendsConfig.Odoo config;

	private final OdooOptions options;

	private final BackendHttpClient http;

	private final WebClient client;

	private final Mono<Wire> wire;

	/** The JSON-RPC uid, once {@code common.authenticate} gave it. */
	private final Mono<Long> uid;

	private final AtomicLong rpcIds = new AtomicLong();

	OdooApi(String tenantId, BackendsConfig.Odoo config, OdooOptions options) {
		URI root = BackendAddress.root(tenantId, "backends.odoo.url", config.url());
		if (config.apiKey() == null) {
			throw new IllegalArgumentException("tenant " + tenantId + ": backends.odoo.api-key is required");
		}
		if (config.database() == null || config.database().isBlank()) {
			throw new IllegalArgumentException("tenant " + tenantId + ": backends.odoo.database is required");
		}
		if (config.companyIds().isEmpty()) {
			throw new IllegalArgumentException("tenant " + tenantId
					+ ": backends.odoo.company-ids is required (the tenant's Odoo company ids; every call is limited to them)");
		}
		if (config.protocol() != BackendsConfig.Odoo.Protocol.JSON2
				&& (config.username() == null || config.username().isBlank())) {
			throw new IllegalArgumentException("tenant " + tenantId
					+ ": backends.odoo.username is required for JSON-RPC (protocol auto or jsonrpc): the login of the API key's user");
		}
		this.root = root;
		this.config = config;
		this.options = options;
		this.http = BackendHttpClient.builder(BackendAddress.of(SERVICE, "Odoo", this.root), "odoo-" + tenantId)
			.maxConnections(50)
			.connectTimeout(options.connectTimeout())
			.maxBodyBytes(MAX_BODY_BYTES)
			.build();
		this.client = this.http.web();
		this.wire = resolveWire().cache((w) -> java.time.Duration.ofDays(3650), (ex) -> java.time.Duration.ZERO,
				() -> java.time.Duration.ZERO);
		this.uid = authenticate().cache((u) -> java.time.Duration.ofDays(3650), (ex) -> java.time.Duration.ZERO,
				() -> java.time.Duration.ZERO);
	}

	String database() {
		return this.config.database();
	}

	List<Long> companyIds() {
		return this.config.companyIds();
	}

	boolean includeShared() {
		return this.config.sharedRecords() == BackendsConfig.Odoo.SharedRecords.INCLUDE;
	}

	Mono<Wire> wire() {
		return this.wire;
	}

	// ---- the ORM methods the connector uses
	// ------------------------------------------------------

	Mono<ArrayNode> searchRead(String model, ArrayNode domain, List<String> fields, int offset, Integer limit,
			String order, boolean withArchived, String action) {
		ObjectNode named = JSON.createObjectNode();
		named.set("domain", domain);
		ArrayNode list = named.putArray("fields");
		fields.forEach(list::add);
		named.put("offset", offset);
		if (limit != null) {
			named.put("limit", limit);
		}
		if (order != null) {
			named.put("order", order);
		}
		return call(model, "search_read", null, named, List.of("domain"), withArchived, action)
			.flatMap((r) -> array(r, action));
	}

	Mono<Long> searchCount(String model, ArrayNode domain, String action) {
		ObjectNode named = JSON.createObjectNode();
		named.set("domain", domain);
		return call(model, "search_count", null, named, List.of("domain"), false, action)
			.flatMap((r) -> r.isIntegralNumber() ? Mono.just(r.asLong()) : Mono.error(incomplete(action)));
	}

	/**
	 * Creates one record; JSON-2 answers {@code [id]}, JSON-RPC with one dict a bare id
	 * (files 39, 47).
	 */
	Mono<Long> create(String model, ObjectNode vals, String action) {
		ObjectNode named = JSON.createObjectNode();
		return this.wire.flatMap((w) -> {
			if (w.json2()) {
				named.putArray("vals_list").add(vals);
			}
			else {
				named.set("vals_list", vals);
			}
			return call(model, "create", null, named, List.of("vals_list"), false, action);
		}).flatMap((r) -> {
			JsonNode id = r.isArray() ? r.path(0) : r;
			return id.isIntegralNumber() ? Mono.just(id.asLong()) : Mono.error(incomplete(action));
		});
	}

	Mono<Void> write(String model, long id, ObjectNode vals, String action) {
		ObjectNode named = JSON.createObjectNode();
		named.set("vals", vals);
		return call(model, "write", List.of(id), named, List.of("vals"), false, action).then();
	}

	/** {@code fields_get} of some fields, with the attributes {@code docs_apis} shows. */
	Mono<ObjectNode> fieldsGet(String model, List<String> fields, String action) {
		ObjectNode named = JSON.createObjectNode();
		ArrayNode all = named.putArray("allfields");
		fields.forEach(all::add);
		ArrayNode attributes = named.putArray("attributes");
		List.of("string", "type", "required", "readonly", "selection", "relation").forEach(attributes::add);
		return call(model, "fields_get", null, named, List.of("allfields"), false, action)
			.flatMap((r) -> r.isObject() ? Mono.just((ObjectNode) r) : Mono.error(incomplete(action)));
	}

	/**
	 * One group of a grouping by a many2one field: its id ({@code null} for none), count
	 * and sum.
	 */
	record Group(Long id, String name, long count, double sum) {
	}

	/**
	 * Count and sum of {@code sumField} per value of {@code groupField}:
	 * {@code formatted_read_group} on Odoo 19+, the deprecated
	 * {@code read_group(lazy=False)} before (files 34–38).
	 */
	Mono<List<Group>> groupSum(String model, ArrayNode domain, String groupField, String sumField, boolean withArchived,
			String action) {
		return this.wire.flatMap((w) -> {
			ObjectNode named = JSON.createObjectNode();
			named.set("domain", domain);
			Mono<JsonNode> call;
			if (w.major() >= 19) {
				named.putArray("groupby").add(groupField);
				named.putArray("aggregates").add(sumField + ":sum").add("__count");
				call = call(model, "formatted_read_group", null, named, List.of("domain", "groupby"), withArchived,
						action);
			}
			else {
				named.putArray("fields").add(sumField + ":sum");
				named.putArray("groupby").add(groupField);
				named.put("lazy", false);
				call = call(model, "read_group", null, named, List.of("domain", "fields", "groupby"), withArchived,
						action);
			}
			return call.flatMap((r) -> array(r, action)).map((rows) -> {
				List<Group> groups = new ArrayList<>();
				for (JsonNode row : rows) {
					JsonNode key = row.path(groupField);
					JsonNode sum = row.has(sumField + ":sum") ? row.path(sumField + ":sum") : row.path(sumField);
					groups.add(new Group(key.isArray() ? key.path(0).asLong() : null,
							key.isArray() ? key.path(1).asString() : null, row.path("__count").asLong(),
							sum.asDouble(0)));
				}
				return groups;
			});
		});
	}

	/**
	 * The cheapest authenticated call: JSON-2 {@code res.users/context_get}, JSON-RPC
	 * {@code authenticate}.
	 */
	Mono<String> whoAmI() {
		return this.wire.flatMap((w) -> {
			if (!w.json2()) {
				return this.uid.map((id) -> "user id " + id);
			}
			return call("res.users", "context_get", null, JSON.createObjectNode(), List.of(), false,
					"identify the API key's user")
				.map((r) -> "user id " + r.path("uid").asLong());
		});
	}

	@Override
	public void close() {
		this.http.close();
	}

	// ---- protocol
	// --------------------------------------------------------------------------------

	private Mono<Wire> resolveWire() {
		BackendsConfig.Odoo.Protocol protocol = this.config.protocol();
		if (protocol == BackendsConfig.Odoo.Protocol.JSON2) {
			return Mono.just(new Wire(true, 19));
		}
		return Mono
			.defer(() -> exchange(this.client.get().uri(URI.create(this.root + "/web/version")), "read its version"))
			.flatMap((reply) -> {
				JsonNode major = (reply.status() == 200) ? reply.json().path("version_info").path(0) : null;
				if (major == null || !major.isIntegralNumber()) {
					if (protocol == BackendsConfig.Odoo.Protocol.JSONRPC) {
						// read_group still answers on 19 (file 37): safe without the
						// version
						return Mono.just(new Wire(false, 0));
					}
					return Mono.error(new BackendException(SERVICE, "GET /web/version answered " + reply.describe()
							+ ": is " + hostAndPort() + " an Odoo server? (or set backends.odoo.protocol)"));
				}
				boolean json2 = protocol == BackendsConfig.Odoo.Protocol.AUTO && major.asInt() >= 19;
				return Mono.just(new Wire(json2, major.asInt()));
			});
	}

	private Mono<Long> authenticate() {
		ArrayNode args = JSON.createArrayNode();
		args.add(database()).add(this.config.username()).add(secret().reveal()).addObject();
		return rpc("common", "authenticate", args, "log in").flatMap((result) -> {
			if (result.isIntegralNumber()) {
				return Mono.just(result.asLong());
			}
			return Mono.error(new BackendException(SERVICE, "Odoo refused the API key for database '" + database()
					+ "' (user '" + this.config.username() + "'); check backends.odoo.username and api-key"));
		});
	}

	/**
	 * One ORM call. {@code positional} names the arguments JSON-RPC passes by position
	 * (after the ids of a record method); JSON-2 passes every argument by name.
	 */
	private Mono<JsonNode> call(String model, String method, List<Long> ids, ObjectNode named, List<String> positional,
			boolean withArchived, String action) {
		ObjectNode context = JSON.createObjectNode();
		ArrayNode companies = context.putArray("allowed_company_ids");
		companyIds().forEach(companies::add);
		if (withArchived) {
			context.put("active_test", false);
		}
		return this.wire.flatMap((w) -> {
			if (w.json2()) {
				ObjectNode body = named.deepCopy();
				if (ids != null) {
					ArrayNode list = body.putArray("ids");
					ids.forEach(list::add);
				}
				body.set("context", context);
				return json2(model, method, body, action);
			}
			ObjectNode kwargs = named.deepCopy();
			ArrayNode arguments = JSON.createArrayNode();
			if (ids != null) {
				ArrayNode list = arguments.addArray();
				ids.forEach(list::add);
			}
			for (String name : positional) {
				arguments.add(kwargs.remove(name));
			}
			kwargs.set("context", context);
			return this.uid.flatMap((id) -> {
				ArrayNode args = JSON.createArrayNode();
				args.add(database()).add(id).add(secret().reveal()).add(model).add(method).add(arguments).add(kwargs);
				return rpc("object", "execute_kw", args, action);
			});
		});
	}

	private Mono<JsonNode> json2(String model, String method, ObjectNode body, String action) {
		WebClient.RequestHeadersSpec<?> request = this.client.post()
			.uri(URI.create(this.root + "/json/2/" + model + "/" + method))
			.header(HttpHeaders.AUTHORIZATION, "bearer " + secret().reveal())
			.header("X-Odoo-Database", database())
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_JSON)
			.bodyValue(JSON.writeValueAsString(body));
		return exchange(request, action).flatMap((reply) -> {
			if (reply.status() == 200) {
				JsonNode json = reply.json();
				return (json == null) ? Mono.error(notJson(reply, action)) : Mono.just(json);
			}
			return Mono.error(json2Failure(reply, model, action));
		});
	}

	private Mono<JsonNode> rpc(String service, String method, ArrayNode args, String action) {
		ObjectNode body = JSON.createObjectNode();
		body.put("jsonrpc", "2.0");
		body.put("method", "call");
		body.put("id", this.rpcIds.incrementAndGet());
		ObjectNode params = body.putObject("params");
		params.put("service", service);
		params.put("method", method);
		params.set("args", args);
		WebClient.RequestHeadersSpec<?> request = this.client.post()
			.uri(URI.create(this.root + "/jsonrpc"))
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_JSON)
			.bodyValue(JSON.writeValueAsString(body));
		String model = (service.equals("object") && args.path(3).isString()) ? args.path(3).asString() : null;
		return exchange(request, action).flatMap((reply) -> {
			if (reply.status() != 200) {
				if (reply.status() >= 502 && reply.status() <= 504) {
					return Mono.error(new ServiceUnavailableException(SERVICE, "Odoo answered HTTP " + reply.status()));
				}
				return Mono.error(new BackendException(SERVICE, "could not " + action + ": POST /jsonrpc answered "
						+ reply.describe() + " (is JSON-RPC enabled? Odoo 20 removes it: use protocol json2)"));
			}
			JsonNode json = reply.json();
			if (json == null) {
				return Mono.error(notJson(reply, action));
			}
			if (!json.isObject()) {
				return Mono.error(incomplete(action));
			}
			if (json.has("error")) {
				return Mono.error(rpcFailure(json.path("error"), model, action));
			}
			if (!json.has("result")) {
				return Mono.error(incomplete(action));
			}
			return Mono.just(json.get("result"));
		});
	}

	private Mono<OdooReply> exchange(WebClient.RequestHeadersSpec<?> request, String action) {
		return request
			.exchangeToMono((response) -> response.bodyToMono(String.class)
				.defaultIfEmpty("")
				.map((body) -> new OdooReply(response.statusCode().value(), body,
						response.headers().asHttpHeaders().getFirst(HttpHeaders.CONTENT_TYPE))))
			.timeout(this.options.callTimeout())
			.onErrorMap((ex) -> !(ex instanceof ToolException),
					(ex) -> this.http.failure(ex, this.options.callTimeout()));
	}

	// ---- errors
	// ----------------------------------------------------------------------------------

	/** JSON-2 statuses as the recordings show them (README table of the recordings). */
	private ToolException json2Failure(OdooReply reply, String model, String action) {
		OdooReply.Fault fault = reply.fault();
		String detail = (fault == null) ? reply.describe() : clean(fault.message());
		return switch (reply.status()) {
			case 401 -> new BackendException(SERVICE,
					"Odoo refused the API key for database '" + database() + "' (" + detail
							+ "); check backends.odoo.api-key (a key of a non-admin user made in the web"
							+ " client may have expired) and that it belongs to that database");
			case 403 -> denied(fault, model, detail);
			case 404 -> (fault == null || !reply.isJson())
					? new BackendException(SERVICE,
							"Odoo has no database '" + database() + "' at " + hostAndPort()
									+ " (HTTP 404 page); check backends.odoo.database")
					: (fault.name().endsWith("MissingError")) ? new NotFoundException("Odoo record", model, clean(fault
						.message())) : new BackendException(SERVICE, "could not " + action + ": " + detail
								+ " (is the CRM app installed, and is this Odoo 19 or later? else set protocol: jsonrpc)");
			case 422 -> (fault != null && fault.name().endsWith("ValidationError"))
					? new InvalidArgumentsException("contact", "Odoo refused it: " + clean(fault.message()))
					: new BackendException(SERVICE, "could not " + action + " (HTTP 422: " + detail + ")");
			case 429, 502, 503, 504 -> new ServiceUnavailableException(SERVICE, "Odoo answered HTTP " + reply.status());
			default -> new BackendException(SERVICE, "could not " + action + " (HTTP " + reply.status()
					+ ((fault == null) ? "" : " " + shortName(fault.name())) + ": " + detail + ")");
		};
	}

	/**
	 * JSON-RPC errors come inside HTTP 200 (files 06, 48, 49, 52, 54, 56, 58, 77, 96).
	 */
	private ToolException rpcFailure(JsonNode error, String model, String action) {
		JsonNode data = error.path("data");
		String name = data.path("name").asString("");
		String message = clean(data.path("message").asString(error.path("message").asString("")));
		if (name.endsWith("AccessDenied")) {
			return new BackendException(SERVICE, "Odoo refused the API key for database '" + database() + "' (user '"
					+ this.config.username() + "'); check backends.odoo.username and api-key");
		}
		if (name.endsWith("AccessError")) {
			return denied(new OdooReply.Fault(name, data.path("message").asString("")), model, message);
		}
		if (name.endsWith("MissingError")) {
			return new NotFoundException("Odoo record", model, message);
		}
		if (name.endsWith("ValidationError")) {
			return new InvalidArgumentsException("contact", "Odoo refused it: " + message);
		}
		return new BackendException(SERVICE, "could not " + action + " (" + shortName(name) + ": " + message + ")");
	}

	private ToolException denied(OdooReply.Fault fault, String model, String detail) {
		if (fault != null && fault.message().contains("unauthorized or invalid companies")) {
			return new BackendException(SERVICE, "Odoo denies this user the companies " + companyIds() + " (" + detail
					+ "); check backends.odoo.company-ids against the Odoo user's allowed companies");
		}
		return new BackendException(SERVICE, "Odoo denies this user access to " + model + ": " + detail
				+ "; give the Odoo user of this tenant the rights it needs (e.g. Sales / User: All Documents)");
	}

	private ToolException notJson(OdooReply reply, String action) {
		Throwable parseFailure = null;
		try {
			JSON.readTree(reply.body());
		}
		catch (JacksonException ex) {
			parseFailure = ex;
		}
		return TransportFailures.notJson(this.http.address(), action, reply.status(), parseFailure);
	}

	private static ToolException incomplete(String action) {
		return new BackendException(SERVICE,
				"could not " + action + ": Odoo's answer is incomplete (not the shape Odoo gives)");
	}

	/** Odoo's message, first lines only, without secrets, bounded. */
	private String clean(String message) {
		String text = message.replace(secret().reveal(), "****");
		// AccessError messages put the useful line after a joke (file 71): keep the lines
		// that say what is refused
		List<String> lines = new ArrayList<>();
		for (String line : text.split("\n")) {
			String trimmed = line.strip();
			if (!trimmed.isEmpty() && !trimmed.startsWith("Uh-oh") && !trimmed.startsWith("If you really")) {
				lines.add(trimmed);
			}
		}
		return BackendMessages.sanitize(String.join(" ", lines));
	}

	private static String shortName(String name) {
		int dot = name.lastIndexOf('.');
		return (dot < 0) ? name : name.substring(dot + 1);
	}

	private Secret secret() {
		return this.config.apiKey();
	}

	private String hostAndPort() {
		return this.http.address().location();
	}

	private static Mono<ArrayNode> array(JsonNode node, String action) {
		return node.isArray() ? Mono.just((ArrayNode) node) : Mono.error(incomplete(action));
	}

	static String lower(String text) {
		return text.toLowerCase(Locale.ROOT);
	}

}
