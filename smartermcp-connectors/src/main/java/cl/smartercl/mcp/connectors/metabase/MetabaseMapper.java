package cl.smartercl.mcp.connectors.metabase;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.JsonNode;

import cl.smartercl.mcp.core.tools.analytics.AnalyticsDashboards;
import cl.smartercl.mcp.core.tools.analytics.AnalyticsKpis.KpiFormat;
import cl.smartercl.mcp.core.tools.analytics.AnalyticsReports;

/**
 * Metabase answers → the analytics contracts: cells, columns, KPI display text, markdown,
 * dashboards.
 */
final class MetabaseMapper {

	private static final DecimalFormatSymbols US = DecimalFormatSymbols.getInstance(Locale.US);

	private MetabaseMapper() {
	}

	// ---- KPIs
	// ------------------------------------------------------------------------------------

	/**
	 * A query cell as a number, or {@code null} when it is not one (text such as "12.5"
	 * counts).
	 */
	static BigDecimal number(JsonNode cell) {
		if (cell == null || cell.isNull() || cell.isMissingNode()) {
			return null;
		}
		if (cell.isNumber()) {
			return cell.decimalValue();
		}
		if (cell.isString()) {
			try {
				return new BigDecimal(cell.asString().strip());
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}
		return null;
	}

	/**
	 * The value as a person reads it: {@code $45,780} (currency, with the currency's
	 * symbol in US notation, cents only when there are some), {@code 3.2%} (a ratio ×
	 * 100), {@code 1,204 orders}.
	 */
	static String display(BigDecimal value, KpiFormat format, String unit, Integer decimals) {
		return switch (format) {
			case CURRENCY -> {
				String code = (unit == null) ? "USD" : unit.toUpperCase(Locale.ROOT);
				String symbol;
				try {
					symbol = Currency.getInstance(code).getSymbol(Locale.US);
				}
				catch (IllegalArgumentException ex) {
					symbol = code + " ";
				}
				int digits = (decimals != null) ? decimals : (isWhole(value) ? 0 : 2);
				String amount = grouped(value.abs(), digits, digits);
				yield (value.signum() < 0 ? "-" : "")
						+ (symbol.length() > 1 && !symbol.endsWith(" ") ? symbol + " " : symbol) + amount;
			}
			case PERCENT ->
				grouped(value.movePointRight(2), (decimals != null) ? decimals : 0, (decimals != null) ? decimals : 1)
						+ "%";
			case INTEGER -> withUnit(grouped(value.setScale(0, RoundingMode.HALF_UP), 0, 0), unit);
			case NUMBER ->
				withUnit(grouped(value, (decimals != null) ? decimals : 0, (decimals != null) ? decimals : 2), unit);
		};
	}

	/**
	 * The unit of the answer: the ISO code for currency, % for percent, else the
	 * configured one.
	 */
	static String unit(KpiFormat format, String unit) {
		return switch (format) {
			case CURRENCY -> (unit == null) ? "USD" : unit.toUpperCase(Locale.ROOT);
			case PERCENT -> "%";
			default -> unit;
		};
	}

	private static boolean isWhole(BigDecimal value) {
		return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
	}

	private static String grouped(BigDecimal value, int minDigits, int maxDigits) {
		DecimalFormat format = new DecimalFormat("#,##0", US);
		format.setMinimumFractionDigits(minDigits);
		format.setMaximumFractionDigits(maxDigits);
		format.setRoundingMode(RoundingMode.HALF_UP);
		return format.format(value);
	}

	private static String withUnit(String number, String unit) {
		return (unit == null || unit.isBlank()) ? number : number + " " + unit;
	}

	// ---- results
	// ---------------------------------------------------------------------------------

	static List<AnalyticsReports.Column> columns(JsonNode result) {
		List<AnalyticsReports.Column> columns = new ArrayList<>();
		for (JsonNode col : result.path("data").path("cols")) {
			String name = col.path("name").asString("");
			columns.add(new AnalyticsReports.Column(name, col.path("display_name").asString(name),
					col.path("base_type").asString(null)));
		}
		return columns;
	}

	/**
	 * A cell as a plain JSON value: whole numbers as longs, others as decimals, text,
	 * booleans, null.
	 */
	static Object cell(JsonNode cell) {
		if (cell == null || cell.isNull() || cell.isMissingNode()) {
			return null;
		}
		if (cell.isIntegralNumber() && cell.canConvertToLong()) {
			return cell.longValue();
		}
		if (cell.isNumber()) {
			return cell.decimalValue();
		}
		if (cell.isBoolean()) {
			return cell.booleanValue();
		}
		if (cell.isString()) {
			return cell.asString();
		}
		return cell.toString();
	}

	static List<List<Object>> rows(JsonNode result, int limit) {
		List<List<Object>> rows = new ArrayList<>();
		for (JsonNode row : result.path("data").path("rows")) {
			if (rows.size() == limit) {
				break;
			}
			List<Object> cells = new ArrayList<>();
			row.forEach((cell) -> cells.add(cell(cell)));
			rows.add(cells);
		}
		return rows;
	}

	/**
	 * A GitHub-flavoured markdown table: headers are the display names; numbers are
	 * written out in full (never 1E+6); a date column's midnight timestamps are shown as
	 * dates; null is an empty cell; pipes are escaped and line breaks become {@code <br>
	 * } so a cell never breaks the table.
	 */
	static String markdown(List<AnalyticsReports.Column> columns, List<List<Object>> rows) {
		StringBuilder out = new StringBuilder();
		out.append('|');
		columns.forEach((column) -> out.append(' ').append(escape(column.displayName())).append(" |"));
		out.append("\n|");
		columns.forEach((column) -> out.append(isNumeric(column) ? " ---: |" : " --- |"));
		for (List<Object> row : rows) {
			out.append("\n|");
			for (int i = 0; i < row.size(); i++) {
				AnalyticsReports.Column column = (i < columns.size()) ? columns.get(i) : null;
				out.append(' ').append(escape(text(row.get(i), column))).append(" |");
			}
		}
		return out.append('\n').toString();
	}

	private static boolean isNumeric(AnalyticsReports.Column column) {
		String type = (column.type() == null) ? "" : column.type();
		return type.equals("type/Integer") || type.equals("type/BigInteger") || type.equals("type/Decimal")
				|| type.equals("type/Float") || type.equals("type/Number");
	}

	private static String text(Object value, AnalyticsReports.Column column) {
		if (value == null) {
			return "";
		}
		if (value instanceof BigDecimal decimal) {
			return decimal.toPlainString();
		}
		if (value instanceof String text && column != null && "type/Date".equals(column.type())) {
			try {
				Instant instant = Instant.parse(text);
				String iso = instant.toString();
				return iso.endsWith("T00:00:00Z") ? iso.substring(0, 10) : text;
			}
			catch (DateTimeParseException ex) {
				return text;
			}
		}
		return value.toString();
	}

	private static String escape(String text) {
		return text.replace("\\", "\\\\")
			.replace("|", "\\|")
			.replace("\r\n", "<br>")
			.replace("\n", "<br>")
			.replace("\r", "<br>");
	}

	/**
	 * Data records of a CSV file (header excluded), counting quoted line breaks as part
	 * of their cell.
	 */
	static int csvRecords(String csv) {
		int records = 0;
		boolean quoted = false;
		boolean content = false;
		for (int i = 0; i < csv.length(); i++) {
			char c = csv.charAt(i);
			if (c == '"') {
				quoted = !quoted;
			}
			if (c == '\n' && !quoted) {
				if (content) {
					records++;
				}
				content = false;
			}
			else if (c != '\r') {
				content = true;
			}
		}
		if (content) {
			records++;
		}
		return Math.max(0, records - 1);
	}

	// ---- dashboards
	// ------------------------------------------------------------------------------

	static AnalyticsDashboards.Dashboard dashboard(JsonNode detail, JsonNode searchItem, String url) {
		List<AnalyticsDashboards.Card> cards = new ArrayList<>();
		for (JsonNode dashcard : detail.path("dashcards")) {
			JsonNode card = dashcard.path("card");
			Long questionId = dashcard.path("card_id").isIntegralNumber() ? dashcard.path("card_id").asLong() : null;
			String display = card.path("display")
				.asString(dashcard.path("visualization_settings").path("virtual_card").path("display").asString(null));
			cards.add(new AnalyticsDashboards.Card(dashcard.path("id").asLong(), questionId,
					card.path("name").asString(null), display));
		}
		List<AnalyticsDashboards.Filter> filters = new ArrayList<>();
		for (JsonNode parameter : detail.path("parameters")) {
			filters.add(new AnalyticsDashboards.Filter(parameter.path("id").asString(null),
					parameter.path("name").asString(null), parameter.path("slug").asString(null),
					parameter.path("type").asString(null)));
		}
		JsonNode collection = detail.has("collection") && detail.path("collection").isObject()
				? detail.path("collection") : searchItem.path("collection");
		AnalyticsDashboards.Collection where = collection.path("id").isIntegralNumber()
				? new AnalyticsDashboards.Collection(collection.path("id").asLong(),
						collection.path("name").asString(null))
				: null;
		return new AnalyticsDashboards.Dashboard(detail.path("id").asLong(), detail.path("name").asString(null),
				detail.path("description").asString(null), where, cards, filters, url,
				instant(detail.path("updated_at")));
	}

	static Instant instant(JsonNode node) {
		if (!node.isString()) {
			return null;
		}
		try {
			return Instant.parse(node.asString());
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
