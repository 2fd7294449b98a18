package cl.smartercl.mcp.server.tenant;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import cl.smartercl.mcp.connectors.config.BackendsConfig;
import cl.smartercl.mcp.connectors.config.ConfirmationConfig;
import cl.smartercl.mcp.connectors.config.KpiConfig;
import cl.smartercl.mcp.connectors.config.Secret;
import cl.smartercl.mcp.connectors.config.ServiceConfig;
import cl.smartercl.mcp.connectors.config.TenantConfig;

/**
 * Reads the tenants file of the configuration contract (DESIGN.md): per tenant its
 * backends, its service registry and its KPIs, with kebab-case keys. {@code ${ENV_NAME}}
 * is replaced in any value; a credential ({@code api-key}, {@code api-token},
 * {@code token}, {@code password}) may also be {@code file:/path}. A mistake fails the
 * start with a message that names the tenant and key but never a resolved value.
 */
public final class TenantsFileLoader {

	private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

	private static final Set<String> SECRET_KEYS = Set.of("api-key", "api-token", "token", "password");

	private static final Pattern TENANT_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

	private final UnaryOperator<String> environment;

	private final YAMLMapper mapper;

	/**
	 * @param environment looks up an environment variable, {@code null} when unset
	 */
	public TenantsFileLoader(UnaryOperator<String> environment) {
		this.environment = environment;
		SimpleModule secrets = new SimpleModule().addDeserializer(Secret.class, new ValueDeserializer<Secret>() {
			@Override
			public Secret deserialize(JsonParser parser, DeserializationContext context) {
				return Secret.of(parser.getValueAsString());
			}
		});
		this.mapper = YAMLMapper.builder()
			.propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
			.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.addModule(secrets)
			.build();
	}

	public static TenantsFileLoader withSystemEnvironment() {
		return new TenantsFileLoader(System::getenv);
	}

	public List<TenantConfig> load(Path file) {
		String text;
		try {
			text = Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new TenantsFileException("cannot read the tenants file " + file + ": " + ex.getMessage());
		}
		return parse(text, file.toString());
	}

	public List<TenantConfig> parse(String yaml, String source) {
		JsonNode root;
		try {
			root = this.mapper.readTree(yaml);
		}
		catch (JacksonException ex) {
			throw new TenantsFileException(source + " is not valid YAML: " + ex.getOriginalMessage());
		}
		if (root == null || root.isMissingNode() || root.isNull()) {
			return List.of();
		}
		JsonNode tenants = root.path("tenants");
		if (!root.isObject() || root.size() != 1 || !tenants.isObject()) {
			throw new TenantsFileException(
					source + " must hold one key 'tenants' mapping tenant ids to their settings");
		}
		List<TenantConfig> result = new ArrayList<>();
		for (Map.Entry<String, JsonNode> entry : tenants.properties()) {
			result.add(tenant(entry.getKey(), entry.getValue(), source));
		}
		return List.copyOf(result);
	}

	private TenantConfig tenant(String id, JsonNode node, String source) {
		if (!TENANT_ID.matcher(id).matches()) {
			throw new TenantsFileException(source + ": tenant id '" + id + "' must match " + TENANT_ID.pattern());
		}
		String where = source + ", tenant '" + id + "'";
		if (node == null || node.isNull() || node.isMissingNode()
				|| (node.isString() && (node.asString().isEmpty() || node.asString().equals("~")))) {
			return TenantConfig.empty(id);
		}
		if (!node.isObject()) {
			throw new TenantsFileException(where + ": expected a mapping with backends, services, kpis, confirmation");
		}
		ObjectNode settings = ((ObjectNode) node).deepCopy();
		resolve(settings, where, null);
		try {
			BackendsConfig backends = settings.has("backends")
					? this.mapper.treeToValue(settings.get("backends"), BackendsConfig.class) : null;
			List<ServiceConfig> services = settings.has("services")
					? List.of(this.mapper.treeToValue(settings.get("services"), ServiceConfig[].class)) : null;
			Map<String, KpiConfig> kpis = settings.has("kpis") ? kpis(settings.get("kpis"), where) : null;
			ConfirmationConfig confirmation = settings.has("confirmation")
					? confirmation(settings.get("confirmation"), where) : null;
			Set<String> known = Set.of("backends", "services", "kpis", "confirmation");
			settings.propertyNames().forEach((key) -> {
				if (!known.contains(key)) {
					throw new TenantsFileException(
							where + ": unknown key '" + key + "' (expected backends, services, kpis, confirmation)");
				}
			});
			return new TenantConfig(id, backends, services, kpis, confirmation);
		}
		catch (JacksonException ex) {
			throw new TenantsFileException(where + ": " + ex.getOriginalMessage() + " at " + path(ex));
		}
	}

	/** The {@code confirmation:} block: {@code without-elicitation: proceed | refuse}. */
	private static ConfirmationConfig confirmation(JsonNode node, String where) {
		String expected = where + ": confirmation must be a mapping like { without-elicitation: proceed } "
				+ "(proceed or refuse)";
		if (!node.isObject()) {
			throw new TenantsFileException(expected);
		}
		for (String key : node.propertyNames()) {
			if (!key.equals("without-elicitation")) {
				throw new TenantsFileException(
						where + ": confirmation has unknown key '" + key + "' (expected without-elicitation)");
			}
		}
		JsonNode value = node.path("without-elicitation");
		if (value.isMissingNode()) {
			return ConfirmationConfig.DEFAULT;
		}
		return switch (value.isString() ? value.asString() : "") {
			case "proceed" -> new ConfirmationConfig(true);
			case "refuse" -> new ConfirmationConfig(false);
			default -> throw new TenantsFileException(where + ": confirmation.without-elicitation is '"
					+ value.asString() + "', expected proceed or refuse");
		};
	}

	/**
	 * The {@code kpis:} block: each KPI is a question id (the short form
	 * {@code revenue_mtd: 12}) or a mapping {@code {question, format, unit, decimals,
	 * parameters}}.
	 */
	private static Map<String, KpiConfig> kpis(JsonNode node, String where) {
		if (!node.isObject()) {
			throw new TenantsFileException(where + ": kpis must map KPI names to Metabase question ids");
		}
		Map<String, KpiConfig> kpis = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : node.properties()) {
			String kpi = where + ": kpi '" + entry.getKey() + "'";
			JsonNode value = entry.getValue();
			if (!value.isObject()) {
				kpis.put(entry.getKey(), KpiConfig.of(questionId(value, kpi)));
				continue;
			}
			value.propertyNames().forEach((key) -> {
				if (!KPI_KEYS.contains(key)) {
					throw new TenantsFileException(
							kpi + ": unknown key '" + key + "' (expected " + String.join(", ", KPI_KEYS) + ")");
				}
			});
			if (!value.has("question")) {
				throw new TenantsFileException(kpi + ": question (a Metabase question id) is required");
			}
			String format = value.path("format").asString("number");
			if (!KPI_FORMATS.contains(format)) {
				throw new TenantsFileException(kpi + ": format must be one of " + String.join(", ", KPI_FORMATS));
			}
			JsonNode decimals = value.path("decimals");
			if (!decimals.isMissingNode()
					&& !(decimals.isIntegralNumber() && decimals.asInt() >= 0 && decimals.asInt() <= 6)) {
				throw new TenantsFileException(kpi + ": decimals must be a whole number from 0 to 6");
			}
			Map<String, String> parameters = new LinkedHashMap<>();
			JsonNode params = value.path("parameters");
			if (!params.isMissingNode() && !params.isObject()) {
				throw new TenantsFileException(kpi + ": parameters must map template tag names to values");
			}
			params.properties().forEach((param) -> parameters.put(param.getKey(), param.getValue().asString()));
			kpis.put(entry.getKey(), new KpiConfig(questionId(value.get("question"), kpi), format,
					value.path("unit").asString(null), decimals.isMissingNode() ? null : decimals.asInt(), parameters));
		}
		return kpis;
	}

	private static final List<String> KPI_KEYS = List.of("question", "format", "unit", "decimals", "parameters");

	private static final List<String> KPI_FORMATS = KpiConfig.FORMATS;

	private static long questionId(JsonNode id, String kpi) {
		if (!id.isIntegralNumber() && !(id.isString() && id.asString().matches("\\d{1,18}"))) {
			throw new TenantsFileException(
					kpi + " must be a Metabase question id (a number) or a mapping with question");
		}
		return id.asLong();
	}

	/** Replaces references in place, recursively. */
	private void resolve(JsonNode node, String where, String key) {
		if (node instanceof ObjectNode object) {
			for (Map.Entry<String, JsonNode> entry : new ArrayList<>(object.properties())) {
				JsonNode value = entry.getValue();
				if (value.isString()) {
					object.set(entry.getKey(),
							StringNode.valueOf(resolveValue(value.asString(), where, entry.getKey())));
				}
				else {
					resolve(value, where, entry.getKey());
				}
			}
		}
		else if (node != null && node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				JsonNode item = node.get(i);
				if (item.isString()) {
					((ArrayNode) node).set(i, StringNode.valueOf(resolveValue(item.asString(), where, key)));
				}
				else {
					resolve(item, where, key);
				}
			}
		}
	}

	private String resolveValue(String value, String where, String key) {
		Matcher m = ENV_REFERENCE.matcher(value);
		StringBuilder out = new StringBuilder();
		while (m.find()) {
			String resolved = this.environment.apply(m.group(1));
			if (resolved == null) {
				throw new TenantsFileException(where + ": key '" + key + "' refers to the environment variable "
						+ m.group(1) + ", which is not set");
			}
			m.appendReplacement(out, Matcher.quoteReplacement(resolved));
		}
		m.appendTail(out);
		String result = out.toString();
		if (SECRET_KEYS.contains(key) && result.startsWith("file:")) {
			Path path = Path.of(result.substring("file:".length()));
			try {
				return Files.readString(path, StandardCharsets.UTF_8).strip();
			}
			catch (IOException ex) {
				throw new TenantsFileException(where + ": key '" + key + "' refers to the file " + path
						+ ", which cannot be read (" + ex.getClass().getSimpleName() + ")");
			}
		}
		return result;
	}

	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference ref : ex.getPath()) {
			if (ref.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
			}
			else if (ref.getIndex() >= 0) {
				path.append('[').append(ref.getIndex()).append(']');
			}
		}
		return path.isEmpty() ? "(root)" : path.toString();
	}

	/** The tenants file is wrong; the message says where, never a secret. */
	public static final class TenantsFileException extends RuntimeException {

		public TenantsFileException(String message) {
			super(message);
		}

	}

}
