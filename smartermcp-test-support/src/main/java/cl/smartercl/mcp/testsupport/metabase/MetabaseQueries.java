package cl.smartercl.mcp.testsupport.metabase;

import java.io.IOException;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

/**
 * The double's query engine: a saved question's native SQL (its {@code {{tag}}} template
 * tags bound from Metabase's parameter list) really runs on the H2 database behind it;
 * results come back in Metabase's shape, capped at 2,000 rows for JSON, whole for CSV.
 */
final class MetabaseQueries {

	private static final ObjectMapper JSON = MetabaseDouble.JSON;

	static final Pattern TAG = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}");

	private final MetabaseSeed seed;

	MetabaseQueries(MetabaseSeed seed) {
		this.seed = seed;
	}

	/**
	 * Template tag name → value, from Metabase's {@code [{type,
	 * target:["variable",["template-tag",name]], value}]}.
	 */
	static Map<String, String> parameters(JsonNode parameters) {
		Map<String, String> values = new LinkedHashMap<>();
		for (JsonNode parameter : parameters) {
			JsonNode target = parameter.path("target");
			if (target.path(0).asText().equals("variable") && target.path(1).path(0).asText().equals("template-tag")) {
				values.put(target.path(1).path(1).asText(), parameter.path("value").asText());
			}
		}
		return values;
	}

	/** The SQL with its tags bound, or an error message as Metabase words it. */
	private record Bound(String sql, List<String> values, String error) {
	}

	private static Bound bind(String sql, Map<String, String> parameters) {
		Matcher tag = TAG.matcher(sql);
		StringBuilder out = new StringBuilder();
		List<String> values = new ArrayList<>();
		while (tag.find()) {
			String value = parameters.get(tag.group(1));
			if (value == null) {
				return new Bound(null, null,
						"You'll need to pick a value for '" + tag.group(1) + "' before this query can run.");
			}
			values.add(value);
			tag.appendReplacement(out, "?");
		}
		tag.appendTail(out);
		return new Bound(out.toString(), values, null);
	}

	ObjectNode run(long database, String sql, Map<String, String> parameters, int cap) {
		Instant started = Instant.now();
		Bound bound = bind(sql, parameters);
		if (bound.error() != null) {
			return failed(bound.error(), database);
		}
		try (Connection connection = this.seed.connect(database);
				PreparedStatement statement = prepare(connection, bound)) {
			connection.setReadOnly(true);
			try (ResultSet rs = statement.executeQuery()) {
				ResultSetMetaData meta = rs.getMetaData();
				ObjectNode answer = JSON.createObjectNode();
				ObjectNode data = answer.putObject("data");
				ArrayNode rows = data.putArray("rows");
				int count = 0;
				boolean cut = false;
				while (rs.next()) {
					if (count == cap) {
						cut = true;
						break;
					}
					ArrayNode row = rows.addArray();
					for (int i = 1; i <= meta.getColumnCount(); i++) {
						row.add(JSON.valueToTree(value(rs, i, meta.getColumnType(i))));
					}
					count++;
				}
				ArrayNode cols = data.putArray("cols");
				for (int i = 1; i <= meta.getColumnCount(); i++) {
					String name = meta.getColumnLabel(i);
					cols.addObject()
						.put("name", name)
						.put("display_name", displayName(name))
						.put("base_type", baseType(meta.getColumnType(i)))
						.put("source", "native");
				}
				data.putObject("native_form").put("query", sql);
				if (cut) {
					data.put("rows_truncated", cap);
				}
				answer.put("database_id", database);
				answer.put("started_at", started.toString());
				answer.put("row_count", count);
				answer.put("running_time", 3);
				answer.put("status", "completed");
				return answer;
			}
		}
		catch (SQLException ex) {
			return failed(firstLine(ex.getMessage()), database);
		}
	}

	private static PreparedStatement prepare(Connection connection, Bound bound) throws SQLException {
		PreparedStatement statement = connection.prepareStatement(bound.sql());
		for (int i = 0; i < bound.values().size(); i++) {
			statement.setString(i + 1, bound.values().get(i));
		}
		return statement;
	}

	static ObjectNode failed(String error, long database) {
		ObjectNode answer = JSON.createObjectNode();
		answer.put("status", "failed");
		answer.put("class", "class org.h2.jdbc.JdbcSQLSyntaxErrorException");
		answer.put("error", error);
		answer.put("error_type", "invalid-query");
		answer.put("database_id", database);
		answer.put("row_count", 0);
		answer.putObject("data").putArray("rows");
		return answer;
	}

	/**
	 * Streams every row as CSV; a failure before the first byte gets a real status [202,
	 * PR #62351].
	 */
	void csv(HttpExchange exchange, long database, String sql, Map<String, String> parameters, String name, boolean cut)
			throws IOException {
		Bound bound = bind(sql, parameters);
		if (bound.error() != null) {
			MetabaseDouble.json(exchange, 400, failed(bound.error(), database));
			return;
		}
		try (Connection connection = this.seed.connect(database);
				PreparedStatement statement = prepare(connection, bound);
				ResultSet rs = statement.executeQuery()) {
			ResultSetMetaData meta = rs.getMetaData();
			exchange.getResponseHeaders().set("Content-Type", "text/csv");
			exchange.getResponseHeaders()
				.set("Content-Disposition", "attachment; filename=\"" + name.toLowerCase(Locale.ROOT).replace(' ', '_')
						+ "_2026-11-20T10:15:30.csv\"");
			java.io.ByteArrayOutputStream whole = new java.io.ByteArrayOutputStream();
			Writer out = new BufferedWriter(
					new OutputStreamWriter(cut ? whole : new NoClose(exchange), StandardCharsets.UTF_8));
			if (!cut) {
				exchange.sendResponseHeaders(200, 0);
			}
			List<String> header = new ArrayList<>();
			for (int i = 1; i <= meta.getColumnCount(); i++) {
				header.add(csvCell(displayName(meta.getColumnLabel(i))));
			}
			out.write(String.join(",", header) + "\r\n");
			while (rs.next()) {
				List<String> row = new ArrayList<>();
				for (int i = 1; i <= meta.getColumnCount(); i++) {
					Object value = value(rs, i, meta.getColumnType(i));
					row.add((value == null) ? "" : csvCell(value.toString()));
				}
				out.write(String.join(",", row) + "\r\n");
			}
			out.flush();
			if (cut) {
				// the full length is announced, half is sent; closing the exchange then
				// drops the connection
				byte[] bytes = whole.toByteArray();
				exchange.sendResponseHeaders(200, bytes.length);
				exchange.getResponseBody().write(bytes, 0, bytes.length / 2);
				exchange.getResponseBody().flush();
			}
		}
		catch (SQLException ex) {
			MetabaseDouble.json(exchange, 400, failed(firstLine(ex.getMessage()), database));
		}
	}

	/** The response body, written through as the rows are read. */
	private static final class NoClose extends java.io.FilterOutputStream {

		NoClose(HttpExchange exchange) {
			super(exchange.getResponseBody());
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			this.out.write(bytes, offset, length);
		}

	}

	private static String csvCell(String text) {
		return (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r"))
				? "\"" + text.replace("\"", "\"\"") + "\"" : text;
	}

	private static Object value(ResultSet rs, int i, int type) throws SQLException {
		Object value = rs.getObject(i);
		if (value == null) {
			return null;
		}
		return switch (type) {
			// Metabase's JSON answers dates and times as ISO-8601 text
			case Types.DATE -> rs.getDate(i).toLocalDate().atStartOfDay().toInstant(ZoneOffset.UTC).toString();
			case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE ->
				rs.getTimestamp(i).toLocalDateTime().toInstant(ZoneOffset.UTC).toString();
			case Types.DECIMAL, Types.NUMERIC -> (BigDecimal) rs.getBigDecimal(i);
			default -> (value instanceof Date || value instanceof Timestamp) ? value.toString() : value;
		};
	}

	static String baseType(int sqlType) {
		return switch (sqlType) {
			case Types.INTEGER, Types.SMALLINT, Types.TINYINT -> "type/Integer";
			case Types.BIGINT -> "type/BigInteger";
			case Types.DECIMAL, Types.NUMERIC -> "type/Decimal";
			case Types.DOUBLE, Types.FLOAT, Types.REAL -> "type/Float";
			case Types.DATE -> "type/Date";
			case Types.TIMESTAMP -> "type/DateTime";
			case Types.TIMESTAMP_WITH_TIMEZONE -> "type/DateTimeWithTZ";
			case Types.BOOLEAN -> "type/Boolean";
			default -> "type/Text";
		};
	}

	private static String displayName(String column) {
		String words = column.replace('_', ' ');
		return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
	}

	private static String firstLine(String text) {
		return (text == null) ? "query failed" : text.lines().findFirst().orElse("query failed");
	}

}
