package cl.smartercl.mcp.server.auth;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store suite on the PostgreSQL server of this machine (127.0.0.1:5432, trust authentication):
 * each store is a database created here and dropped after the class. A server that is not running
 * fails the tests.
 */
class PostgresStoreIT extends StoreSuite {

	private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

	private final List<String> databases = new ArrayList<>();

	@Override
	protected Map<String, Object> newStore() throws SQLException {
		String database = "smartermcp_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		execute("CREATE DATABASE " + database);
		this.databases.add(database);
		// Both accepted URL forms, alternately.
		String scheme = (this.databases.size() % 2 == 1) ? "postgresql://" : "r2dbc:postgresql://";
		return Map.of("smartermcp.db-url", scheme + "postgres@127.0.0.1:5432/" + database);
	}

	@Override
	protected void dropStores() throws SQLException {
		for (String database : this.databases) {
			execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
		}
	}

	private static void execute(String statement) throws SQLException {
		try (Connection connection = DriverManager.getConnection(ADMIN_URL, "postgres", null);
				Statement sql = connection.createStatement()) {
			sql.execute(statement);
		}
	}

	@Test
	void migrationsAreRecordedInThePostgresDatabase() {
		List<Map<String, Object>> history = this.sql
			.sql("SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank")
			.fetch()
			.all()
			.collectList()
			.block();
		assertThat(history).extracting((row) -> row.get("version")).containsExactly("1", "2");
		assertThat(this.sql.sql("SELECT current_database() AS db").fetch().one().block().get("db").toString())
			.startsWith("smartermcp_it_");
	}

}
