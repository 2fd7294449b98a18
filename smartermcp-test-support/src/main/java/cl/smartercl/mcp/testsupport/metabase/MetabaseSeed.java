package cl.smartercl.mcp.testsupport.metabase;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the Metabase test double holds: two tenants' collections, each with its own H2
 * database (its "warehouse"), saved questions (native SQL cards) and dashboards. The
 * numbers are chosen so that tests can state them: Acme's paid orders sum to 45,780 and
 * its conversion rate is 320 / 10,000 = 0.032.
 */
public final class MetabaseSeed {

	public static final long ACME_COLLECTION = 10;

	public static final long ACME_DATABASE = 1;

	public static final long GLOBEX_COLLECTION = 20;

	public static final long GLOBEX_DATABASE = 2;

	/** A collection no tenant is given: its question must stay invisible to both. */
	public static final long OTHER_COLLECTION = 30;

	public static final long REVENUE_MTD = 1;

	public static final long CONVERSION_RATE = 2;

	/** Needs the template tag {@code since}. */
	public static final long PAID_ORDERS = 3;

	public static final long AVERAGE_ORDER_VALUE = 4;

	/** Its SQL names a table that does not exist: the query fails. */
	public static final long BROKEN_METRIC = 5;

	/** Several rows of (name, revenue): no scalar. */
	public static final long TOP_CUSTOMERS = 6;

	/** Two questions share the name "Weekly revenue". */
	public static final long WEEKLY_REVENUE_A = 7;

	public static final long WEEKLY_REVENUE_B = 8;

	/** 3,000 rows. */
	public static final long ALL_EVENTS = 9;

	/** Numbers, dates, nulls and a pipe in a text cell. */
	public static final long MARKDOWN_SAMPLE = 10;

	public static final long GLOBEX_REVENUE = 20;

	public static final long OTHER_SECRET = 30;

	public static final long ACME_SALES_DASHBOARD = 100;

	public static final long ACME_OPERATIONS_DASHBOARD = 101;

	public static final long GLOBEX_DASHBOARD = 200;

	public static final int EVENT_ROWS = 3000;

	record Card(long id, String name, String description, long collectionId, long databaseId, String sql,
			String display) {
	}

	record DashCard(long id, Long cardId, String text) {
	}

	record Filter(String id, String name, String slug, String type) {
	}

	record Dashboard(long id, String name, String description, long collectionId, List<DashCard> dashcards,
			List<Filter> filters) {
	}

	final Map<Long, String> collections = new LinkedHashMap<>();

	final Map<Long, String> databaseNames = new LinkedHashMap<>();

	final Map<Long, String> jdbcUrls = new LinkedHashMap<>();

	final Map<Long, Card> cards = new LinkedHashMap<>();

	final Map<Long, Dashboard> dashboards = new LinkedHashMap<>();

	MetabaseSeed() {
		this.collections.put(ACME_COLLECTION, "Acme analytics");
		this.collections.put(GLOBEX_COLLECTION, "Globex analytics");
		this.collections.put(OTHER_COLLECTION, "Admin only");
		String run = UUID.randomUUID().toString().substring(0, 8);
		this.databaseNames.put(ACME_DATABASE, "Acme warehouse");
		this.databaseNames.put(GLOBEX_DATABASE, "Globex warehouse");
		this.jdbcUrls.put(ACME_DATABASE, "jdbc:h2:mem:mb-acme-" + run + ";DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
		this.jdbcUrls.put(GLOBEX_DATABASE,
				"jdbc:h2:mem:mb-globex-" + run + ";DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
		card(REVENUE_MTD, "Revenue MTD", "Sum of paid orders this month", ACME_COLLECTION, ACME_DATABASE,
				"SELECT SUM(total) AS revenue FROM orders WHERE status = 'paid'", "scalar");
		card(CONVERSION_RATE, "Conversion rate", "Conversions per visit", ACME_COLLECTION, ACME_DATABASE,
				"SELECT CAST(conversions AS DECIMAL(12,4)) / visits AS rate FROM funnel", "scalar");
		card(PAID_ORDERS, "Paid orders", "Paid orders since a date", ACME_COLLECTION, ACME_DATABASE,
				"SELECT COUNT(*) AS paid FROM orders WHERE status = 'paid' AND ordered_on >= {{since}}", "scalar");
		card(AVERAGE_ORDER_VALUE, "Average order value", "Mean total of paid orders", ACME_COLLECTION, ACME_DATABASE,
				"SELECT AVG(total) AS aov FROM orders WHERE status = 'paid'", "scalar");
		card(BROKEN_METRIC, "Broken metric", "Reads a table that was dropped", ACME_COLLECTION, ACME_DATABASE,
				"SELECT SUM(amount) FROM dropped_table", "scalar");
		card(TOP_CUSTOMERS, "Top customers by revenue", "Customers ranked by paid revenue", ACME_COLLECTION,
				ACME_DATABASE,
				"SELECT c.name, SUM(o.total) AS revenue FROM orders o JOIN customers c ON c.id = o.customer_id"
						+ " WHERE o.status = 'paid' GROUP BY c.name ORDER BY revenue DESC",
				"table");
		card(WEEKLY_REVENUE_A, "Weekly revenue", "Revenue per week (by order date)", ACME_COLLECTION, ACME_DATABASE,
				"SELECT ordered_on, SUM(total) AS revenue FROM orders GROUP BY ordered_on ORDER BY ordered_on", "line");
		card(WEEKLY_REVENUE_B, "Weekly revenue", "Revenue per week, paid only", ACME_COLLECTION, ACME_DATABASE,
				"SELECT ordered_on, SUM(total) AS revenue FROM orders WHERE status = 'paid' GROUP BY ordered_on",
				"bar");
		card(ALL_EVENTS, "All events", "Every tracked event", ACME_COLLECTION, ACME_DATABASE,
				"SELECT id, kind, happened_at FROM events ORDER BY id", "table");
		card(MARKDOWN_SAMPLE, "Markdown sample", "Numbers, dates, nulls and pipes", ACME_COLLECTION, ACME_DATABASE,
				"SELECT id, label, amount, happened_on, note FROM samples ORDER BY id", "table");
		card(GLOBEX_REVENUE, "Globex revenue", "Sum of Globex orders", GLOBEX_COLLECTION, GLOBEX_DATABASE,
				"SELECT SUM(total) AS revenue FROM orders", "scalar");
		card(OTHER_SECRET, "Admin secret", "Not any tenant's", OTHER_COLLECTION, ACME_DATABASE, "SELECT 42 AS answer",
				"scalar");
		this.dashboards.put(ACME_SALES_DASHBOARD,
				new Dashboard(ACME_SALES_DASHBOARD, "Sales overview", "Revenue and conversion", ACME_COLLECTION,
						List.of(new DashCard(1001, REVENUE_MTD, null), new DashCard(1002, CONVERSION_RATE, null),
								new DashCard(1003, TOP_CUSTOMERS, null)),
						List.of(new Filter("f1a2b3c4", "Date", "date", "date/all-options"),
								new Filter("f5e6d7c8", "Country", "country", "string/="))));
		this.dashboards.put(ACME_OPERATIONS_DASHBOARD,
				new Dashboard(ACME_OPERATIONS_DASHBOARD, "Operations", null, ACME_COLLECTION,
						List.of(new DashCard(1011, ALL_EVENTS, null),
								new DashCard(1012, null, "Events are tracked by the web app")),
						List.of()));
		this.dashboards.put(GLOBEX_DASHBOARD, new Dashboard(GLOBEX_DASHBOARD, "Globex board", "Globex numbers",
				GLOBEX_COLLECTION, List.of(new DashCard(2001, GLOBEX_REVENUE, null)), List.of()));
		this.dashboards.put(300L, new Dashboard(300, "Admin board", null, OTHER_COLLECTION,
				List.of(new DashCard(3001, OTHER_SECRET, null)), List.of()));
	}

	private void card(long id, String name, String description, long collection, long database, String sql,
			String display) {
		this.cards.put(id, new Card(id, name, description, collection, database, sql, display));
	}

	Connection connect(long database) throws SQLException {
		return DriverManager.getConnection(this.jdbcUrls.get(database), "sa", "");
	}

	/** Creates and fills both warehouses. */
	void load() throws SQLException {
		try (Connection acme = connect(ACME_DATABASE); Statement sql = acme.createStatement()) {
			sql.execute("CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(80), country VARCHAR(2))");
			sql.execute("CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT, total DECIMAL(12,2), "
					+ "status VARCHAR(12), ordered_on DATE)");
			sql.execute("CREATE TABLE funnel (visits INT, conversions INT)");
			sql.execute("CREATE TABLE events (id INT PRIMARY KEY, kind VARCHAR(20), happened_at TIMESTAMP)");
			sql.execute("CREATE TABLE samples (id INT PRIMARY KEY, label VARCHAR(40), amount DECIMAL(12,2), "
					+ "happened_on DATE, note VARCHAR(80))");
			String[] names = { "Andes Foods", "Bio Sur", "Cobre Ltda", "Delta Pesca", "Eólica Norte" };
			for (int i = 0; i < names.length; i++) {
				sql.execute("INSERT INTO customers VALUES (" + (i + 1) + ", '" + names[i] + "', '"
						+ (i % 2 == 0 ? "CL" : "PE") + "')");
			}
			int[] totals = { 12000, 9500, 8200, 6080, 4000, 3000, 1500, 1000, 300, 200 };
			try (PreparedStatement order = acme.prepareStatement("INSERT INTO orders VALUES (?, ?, ?, ?, ?)")) {
				for (int i = 0; i < totals.length; i++) {
					insertOrder(order, i + 1, (i % names.length) + 1, totals[i], "paid",
							LocalDate.of(2026, 11, 2 + i * 2));
				}
				insertOrder(order, 11, 1, 700, "refunded", LocalDate.of(2026, 11, 5));
				insertOrder(order, 12, 2, 900, "refunded", LocalDate.of(2026, 10, 30));
			}
			sql.execute("INSERT INTO funnel VALUES (10000, 320)");
			try (PreparedStatement event = acme.prepareStatement("INSERT INTO events VALUES (?, ?, ?)")) {
				LocalDateTime start = LocalDateTime.of(2026, 11, 1, 0, 0);
				for (int i = 1; i <= EVENT_ROWS; i++) {
					event.setInt(1, i);
					event.setString(2, (i % 3 == 0) ? "signup" : "visit");
					event.setObject(3, start.plusMinutes(i));
					event.addBatch();
				}
				event.executeBatch();
			}
			sql.execute("INSERT INTO samples VALUES (1, 'plain', 1234.5, DATE '2026-11-03', 'first')");
			sql.execute("INSERT INTO samples VALUES (2, 'a | b', NULL, DATE '2026-11-04', NULL)");
			sql.execute("INSERT INTO samples VALUES (3, 'big', 1000000, NULL, 'two\nlines')");
		}
		try (Connection globex = connect(GLOBEX_DATABASE); Statement sql = globex.createStatement()) {
			sql.execute("CREATE TABLE orders (id INT PRIMARY KEY, total DECIMAL(12,2), ordered_on DATE)");
			sql.execute("INSERT INTO orders VALUES (1, 777.00, DATE '2026-11-02'), (2, 223.00, DATE '2026-11-03')");
		}
	}

	private static void insertOrder(PreparedStatement order, int id, int customer, int total, String status,
			LocalDate day) throws SQLException {
		order.setInt(1, id);
		order.setInt(2, customer);
		order.setBigDecimal(3, java.math.BigDecimal.valueOf(total));
		order.setString(4, status);
		order.setObject(5, day);
		order.executeUpdate();
	}

}
