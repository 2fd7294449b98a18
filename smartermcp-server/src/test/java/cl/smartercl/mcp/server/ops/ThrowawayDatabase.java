package cl.smartercl.mcp.server.ops;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A PostgreSQL database of its own on the machine's server (127.0.0.1:5432, trust auth, user
 * {@code postgres}), created for one test class and dropped after it. {@link #stop()} makes it
 * unreachable the honest way short of stopping the shared cluster: no new connections are allowed and
 * every open one is terminated, which is what a server going away looks like to a client.
 */
final class ThrowawayDatabase implements AutoCloseable {

	private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

	private final String name;

	ThrowawayDatabase() {
		this.name = "smcp_ops_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		admin("CREATE DATABASE " + this.name);
	}

	/** The store URL of the configuration contract ({@code SMARTERMCP_DB_URL}). */
	String storeUrl() {
		return "postgresql://postgres@127.0.0.1:5432/" + this.name;
	}

	void stop() {
		admin("ALTER DATABASE " + this.name + " ALLOW_CONNECTIONS false");
		admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + this.name + "'");
	}

	void restart() {
		admin("ALTER DATABASE " + this.name + " ALLOW_CONNECTIONS true");
	}

	@Override
	public void close() {
		admin("DROP DATABASE IF EXISTS " + this.name + " WITH (FORCE)");
	}

	private static void admin(String sql) {
		try (Connection connection = DriverManager.getConnection(ADMIN_URL); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("PostgreSQL on 127.0.0.1:5432 (user postgres) is needed: " + sql + ": "
					+ ex.getMessage(), ex);
		}
	}

}
