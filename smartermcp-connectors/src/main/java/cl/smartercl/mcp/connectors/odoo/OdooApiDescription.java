package cl.smartercl.mcp.connectors.odoo;

import java.util.Map;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OpenAPI 3 document of the Odoo calls the CRM tools make, with the two models' fields
 * as the live server describes them ({@code fields_get}: label, type, required, readonly,
 * selection, relation). Odoo serves no OpenAPI document; this one is built for
 * {@code docs_apis odoo}.
 */
final class OdooApiDescription {

	private final OdooApi api;

	OdooApiDescription(OdooApi api) {
		this.api = api;
	}

	Mono<String> document() {
		return Mono
			.zip(this.api.fieldsGet(OdooMapper.PARTNER, OdooMapper.DESCRIBED_PARTNER_FIELDS, "describe res.partner"),
					this.api.fieldsGet(OdooMapper.LEAD, OdooMapper.DESCRIBED_LEAD_FIELDS, "describe crm.lead"),
					this.api.wire())
			.map((all) -> {
				ObjectNode doc = OdooApi.JSON.createObjectNode();
				doc.put("openapi", "3.1.0");
				ObjectNode info = doc.putObject("info");
				info.put("title", "Odoo external API (JSON-2), the models the CRM tools use");
				info.put("version", (all.getT3().major() > 0) ? Integer.toString(all.getT3().major()) : "unknown");
				info.put("description", "POST /json/2/<model>/<method> with named arguments; fields as this server's"
						+ " fields_get describes them. Empty values are false; many2one values are [id, name].");
				ObjectNode security = doc.putObject("components").putObject("securitySchemes");
				security.putObject("bearer")
					.put("type", "http")
					.put("scheme", "bearer")
					.put("bearerFormat", "Odoo API key");
				doc.putArray("security").addObject().putArray("bearer");
				ObjectNode schemas = ((ObjectNode) doc.get("components")).putObject("schemas");
				schemas.set(OdooMapper.PARTNER, schema(all.getT1()));
				schemas.set(OdooMapper.LEAD, schema(all.getT2()));
				ObjectNode paths = doc.putObject("paths");
				operation(paths, OdooMapper.PARTNER, "search_read", "Contacts: " + fields(all.getT1()));
				operation(paths, OdooMapper.PARTNER, "search_count", "Count contacts matching a domain");
				operation(paths, OdooMapper.PARTNER, "create", "Create contacts (vals_list); answers the new ids");
				operation(paths, OdooMapper.PARTNER, "write", "Update contacts (ids, vals); answers true");
				operation(paths, OdooMapper.LEAD, "search_read", "Leads and opportunities: " + fields(all.getT2()));
				operation(paths, OdooMapper.LEAD, "search_count", "Count leads or opportunities matching a domain");
				operation(paths, OdooMapper.LEAD, "formatted_read_group",
						"Group opportunities (count, sums) by a field");
				operation(paths, OdooMapper.STAGE, "search_read", "Pipeline stages: id, name, sequence, is_won");
				return OdooApi.JSON.writeValueAsString(doc);
			});
	}

	private static void operation(ObjectNode paths, String model, String method, String summary) {
		ObjectNode post = paths.putObject("/json/2/" + model + "/" + method).putObject("post");
		post.put("operationId", model.replace('.', '_') + "_" + method);
		post.put("summary", summary);
		post.putArray("tags").add(model);
		post.putObject("responses").putObject("200").put("description", "the method's return value");
	}

	private static String fields(JsonNode described) {
		StringBuilder out = new StringBuilder();
		for (Map.Entry<String, JsonNode> field : described.properties()) {
			if (!out.isEmpty()) {
				out.append(", ");
			}
			JsonNode f = field.getValue();
			out.append(field.getKey()).append(" (").append(f.path("type").asString("?"));
			if (f.has("relation")) {
				out.append(" → ").append(f.path("relation").asString());
			}
			if (f.path("required").asBoolean(false)) {
				out.append(", required");
			}
			out.append(')');
		}
		return out.toString();
	}

	private static ObjectNode schema(JsonNode described) {
		ObjectNode schema = OdooApi.JSON.createObjectNode();
		schema.put("type", "object");
		ObjectNode properties = schema.putObject("properties");
		for (Map.Entry<String, JsonNode> field : described.properties()) {
			JsonNode f = field.getValue();
			ObjectNode property = properties.putObject(field.getKey());
			String type = f.path("type").asString("");
			switch (type) {
				case "integer" -> property.put("type", "integer");
				case "float", "monetary" -> property.put("type", "number");
				case "boolean" -> property.put("type", "boolean");
				case "many2one" -> property.put("type", "array").put("description", "[id, name] or false");
				case "many2many", "one2many" -> property.put("type", "array").putObject("items").put("type", "integer");
				default -> property.put("type", "string");
			}
			String label = f.path("string").asString("");
			property.put("title", label);
			property.put("x-odoo-type", type);
			if (f.has("relation")) {
				property.put("x-odoo-relation", f.path("relation").asString());
			}
			if (f.path("readonly").asBoolean(false)) {
				property.put("readOnly", true);
			}
			if (f.path("selection").isArray()) {
				property.set("x-odoo-selection", f.get("selection"));
			}
		}
		return schema;
	}

}
