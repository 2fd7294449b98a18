package cl.smartercl.mcp.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A PostgreSQL database of its own on the machine's server (127.0.0.1:5432, trust auth,
 * superuser {@code postgres}), created for one test class and dropped by {@link #close()}
 * with the login roles it created. Point the tests elsewhere with
 * {@code SMARTERMCP_TEST_PG_HOST}/{@code SMARTERMCP_TEST_PG_PORT}.
 * <p>
 * {@link #stop()} makes it unreachable the honest way short of stopping the shared
 * cluster: no new connections are allowed and every open one is terminated, which is what
 * a server going away looks like to a client; {@link #restart()} lets connections in
 * again.
 */
public final class ThrowawayDatabase implements AutoCloseable {

	public static final String HOST = System.getenv().getOrDefault("SMARTERMCP_TEST_PG_HOST", "127.0.0.1");

	public static final String PORT = System.getenv().getOrDefault("SMARTERMCP_TEST_PG_PORT", "5432");

	private final String name;

	private final String suffix;

	private final List<String> roles = new ArrayList<>();

	private ThrowawayDatabase(String prefix) {
		this.suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		this.name = prefix + "_" + this.suffix;
		admin("CREATE DATABASE " + this.name);
	}

	/**
	 * A new database named {@code <prefix>_<random>} (the prefix: lower case letters,
	 * digits, '_').
	 */
	public static ThrowawayDatabase create(String prefix) {
		return new ThrowawayDatabase(prefix);
	}

	public String name() {
		return this.name;
	}

	/**
	 * {@code r2dbc:postgresql://host:port/name}, without a user (the connectors'
	 * tenants-file form).
	 */
	public String r2dbcUrl() {
		return "r2dbc:postgresql://" + HOST + ":" + PORT + "/" + this.name;
	}

	/**
	 * The store URL of the configuration contract ({@code SMARTERMCP_DB_URL}), user
	 * {@code postgres}.
	 */
	public String storeUrl() {
		return "postgresql://postgres@" + HOST + ":" + PORT + "/" + this.name;
	}

	/**
	 * A LOGIN role with no privileges of its own, dropped with the database; returns its
	 * name.
	 */
	public String role(String base) {
		String role = base + "_" + this.suffix;
		admin("CREATE ROLE " + role + " LOGIN");
		this.roles.add(role);
		return role;
	}

	/** Runs SQL (several statements allowed) in this database as the superuser. */
	public void sql(String sql) {
		run(this.name, sql);
	}

	/**
	 * The first column of the first row of a query in this database, as text
	 * ({@code null} for no row).
	 */
	public String value(String sql) {
		try (Connection connection = connect(this.name);
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			return rows.next() ? rows.getString(1) : null;
		}
		catch (SQLException ex) {
			throw failure(sql, ex);
		}
	}

	public void stop() {
		admin("ALTER DATABASE " + this.name + " ALLOW_CONNECTIONS false");
		admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + this.name + "'");
	}

	public void restart() {
		admin("ALTER DATABASE " + this.name + " ALLOW_CONNECTIONS true");
	}

	@Override
	public void close() {
		admin("DROP DATABASE IF EXISTS " + this.name + " WITH (FORCE)");
		for (String role : this.roles) {
			admin("DROP ROLE IF EXISTS " + role);
		}
	}

	private static void admin(String sql) {
		run("postgres", sql);
	}

	private static void run(String database, String sql) {
		try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw failure(sql, ex);
		}
	}

	private static Connection connect(String database) throws SQLException {
		return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/" + database, "postgres", null);
	}

	private static IllegalStateException failure(String sql, SQLException ex) {
		return new IllegalStateException(
				"PostgreSQL on " + HOST + ":" + PORT + " (user postgres) is needed: " + sql + ": " + ex.getMessage(),
				ex);
	}

}
