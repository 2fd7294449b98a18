package cl.smartercl.mcp.testsupport.metabase;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The double's answers about Metabase objects: user, API description, search, cards,
 * dashboards, metadata.
 */
final class MetabaseObjects {

	private static final ObjectMapper JSON = MetabaseDouble.JSON;

	private final MetabaseSeed seed;

	MetabaseObjects(MetabaseSeed seed) {
		this.seed = seed;
	}

	ObjectNode currentUser(String key) {
		ObjectNode user = JSON.createObjectNode();
		user.put("id", key.equals(MetabaseDouble.API_KEY) ? 7 : 8);
		user.put("email", "api-key-user-" + (key.equals(MetabaseDouble.API_KEY) ? 7 : 8) + "@api-key.invalid");
		user.put("first_name", "SmarterMCP");
		user.putNull("last_name");
		user.put("common_name", "SmarterMCP");
		user.put("is_superuser", false);
		return user;
	}

	ObjectNode openApi() {
		ObjectNode doc = JSON.createObjectNode();
		doc.put("openapi", "3.1.0");
		doc.putObject("info").put("title", "Metabase API").put("version", "v0.56.4 (test double)");
		ObjectNode paths = doc.putObject("paths");
		for (String path : List.of("/api/card/{id}/query", "/api/card/{card-id}/query/{export-format}", "/api/dataset",
				"/api/search", "/api/dashboard/{id}", "/api/database/{id}/metadata", "/api/user/current")) {
			paths.putObject(path);
		}
		return doc;
	}

	ObjectNode search(Map<String, List<String>> query) {
		List<String> models = query.getOrDefault("models", List.of("card", "dashboard"));
		String q = query.containsKey("q") ? query.get("q").get(0).toLowerCase(Locale.ROOT) : null;
		List<ObjectNode> items = new ArrayList<>();
		if (models.contains("dashboard")) {
			for (MetabaseSeed.Dashboard dashboard : this.seed.dashboards.values()) {
				if (matches(q, dashboard.name(), dashboard.description())) {
					ObjectNode item = item("dashboard", dashboard.id(), dashboard.name(), dashboard.description(),
							dashboard.collectionId());
					items.add(item);
				}
			}
		}
		if (models.contains("card")) {
			for (MetabaseSeed.Card card : this.seed.cards.values()) {
				if (matches(q, card.name(), card.description())) {
					ObjectNode item = item("card", card.id(), card.name(), card.description(), card.collectionId());
					item.put("database_id", card.databaseId());
					item.put("display", card.display());
					items.add(item);
				}
			}
		}
		int offset = query.containsKey("offset") ? Integer.parseInt(query.get("offset").get(0)) : 0;
		boolean paged = query.containsKey("limit") || query.containsKey("offset");
		// offset_paging.clj: once limit or offset is given, the default limit is 50
		// [notes §5]
		int limit = query.containsKey("limit") ? Integer.parseInt(query.get("limit").get(0))
				: (paged ? 50 : items.size());
		ObjectNode answer = JSON.createObjectNode();
		ArrayNode data = answer.putArray("data");
		items.stream().skip(offset).limit(limit).forEach(data::add);
		answer.put("total", items.size());
		if (paged) {
			answer.put("limit", limit);
			answer.put("offset", offset);
		}
		else {
			answer.putNull("limit");
			answer.putNull("offset");
		}
		ArrayNode echoed = answer.putArray("models");
		models.forEach(echoed::add);
		return answer;
	}

	ObjectNode item(String model, long id, String name, String description, long collection) {
		ObjectNode item = JSON.createObjectNode();
		item.put("id", id);
		item.put("model", model);
		item.put("name", name);
		item.put("description", description);
		item.put("archived", false);
		item.put("updated_at", "2026-11-20T10:15:30.123Z");
		item.set("collection", collection(collection));
		return item;
	}

	ObjectNode collection(long id) {
		ObjectNode collection = JSON.createObjectNode();
		collection.put("id", id);
		collection.put("name", this.seed.collections.get(id));
		collection.putNull("authority_level");
		collection.putNull("type");
		return collection;
	}

	static boolean matches(String q, String name, String description) {
		return q == null || name.toLowerCase(Locale.ROOT).contains(q)
				|| (description != null && description.toLowerCase(Locale.ROOT).contains(q));
	}

	ObjectNode card(MetabaseSeed.Card card) {
		ObjectNode node = JSON.createObjectNode();
		node.put("id", card.id());
		node.put("name", card.name());
		node.put("description", card.description());
		node.put("type", "question");
		node.put("display", card.display());
		node.put("collection_id", card.collectionId());
		node.set("collection", collection(card.collectionId()));
		node.put("database_id", card.databaseId());
		node.put("archived", false);
		node.put("updated_at", "2026-11-20T10:15:30.123Z");
		ObjectNode query = node.putObject("dataset_query");
		query.put("database", card.databaseId());
		query.put("type", "native");
		ObjectNode tags = query.putObject("native").put("query", card.sql()).putObject("template-tags");
		Matcher tag = MetabaseQueries.TAG.matcher(card.sql());
		while (tag.find()) {
			tags.putObject(tag.group(1))
				.put("name", tag.group(1))
				.put("display-name", tag.group(1))
				.put("type", "text");
		}
		return node;
	}

	ObjectNode dashboard(MetabaseSeed.Dashboard dashboard) {
		ObjectNode node = JSON.createObjectNode();
		node.put("id", dashboard.id());
		node.put("name", dashboard.name());
		node.put("description", dashboard.description());
		node.put("collection_id", dashboard.collectionId());
		node.set("collection", collection(dashboard.collectionId()));
		node.put("archived", false);
		node.put("updated_at", "2026-11-20T10:15:30.123Z");
		ArrayNode parameters = node.putArray("parameters");
		for (MetabaseSeed.Filter filter : dashboard.filters()) {
			parameters.addObject()
				.put("id", filter.id())
				.put("name", filter.name())
				.put("slug", filter.slug())
				.put("type", filter.type())
				.put("sectionId", filter.type().split("/")[0]);
		}
		ArrayNode dashcards = node.putArray("dashcards");
		int row = 0;
		for (MetabaseSeed.DashCard dashcard : dashboard.dashcards()) {
			ObjectNode item = dashcards.addObject();
			item.put("id", dashcard.id());
			item.put("dashboard_id", dashboard.id());
			item.put("row", row);
			item.put("col", 0);
			item.put("size_x", 12);
			item.put("size_y", 6);
			row += 6;
			if (dashcard.cardId() == null) {
				item.putNull("card_id");
				ObjectNode virtual = item.putObject("visualization_settings").putObject("virtual_card");
				virtual.put("display", "text");
				item.with("visualization_settings").put("text", dashcard.text());
				item.putObject("card").put("display", "text").putNull("id").putNull("name");
			}
			else {
				MetabaseSeed.Card card = this.seed.cards.get(dashcard.cardId());
				item.put("card_id", card.id());
				item.putObject("card")
					.put("id", card.id())
					.put("name", card.name())
					.put("display", card.display())
					.put("database_id", card.databaseId());
				item.putArray("parameter_mappings");
			}
		}
		return node;
	}

	ObjectNode metadata(long database) throws SQLException {
		ObjectNode node = JSON.createObjectNode();
		node.put("id", database);
		node.put("name", this.seed.databaseNames.get(database));
		node.put("engine", "h2");
		ArrayNode tables = node.putArray("tables");
		try (Connection connection = this.seed.connect(database);
				ResultSet rs = connection.getMetaData()
					.getTables(null, "public", "%", new String[] { "TABLE", "BASE TABLE" })) {
			long tableId = database * 100;
			while (rs.next()) {
				String table = rs.getString("TABLE_NAME");
				ObjectNode t = tables.addObject();
				t.put("id", ++tableId);
				t.put("db_id", database);
				t.put("name", table);
				t.put("schema", "public");
				t.put("display_name", Character.toUpperCase(table.charAt(0)) + table.substring(1));
				ArrayNode fields = t.putArray("fields");
				try (ResultSet columns = connection.getMetaData().getColumns(null, "public", table, "%")) {
					long fieldId = tableId * 100;
					while (columns.next()) {
						fields.addObject()
							.put("id", ++fieldId)
							.put("table_id", tableId)
							.put("name", columns.getString("COLUMN_NAME"))
							.put("display_name", columns.getString("COLUMN_NAME"))
							.put("database_type", columns.getString("TYPE_NAME"))
							.put("base_type", MetabaseQueries.baseType(columns.getInt("DATA_TYPE")));
					}
				}
			}
		}
		return node;
	}

}
