package cl.smartercl.mcp.server.audit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * The audit batches on the PostgreSQL server of this machine (127.0.0.1:5432, trust
 * authentication), in a database created for the class and dropped after it.
 */
class PostgresAuditBatchIT extends AuditBatchStoreSuite {

	private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

	private final String database = "smartermcp_audit_"
			+ UUID.randomUUID().toString().replace("-", "").substring(0, 16);

	@Override
	protected Map<String, Object> newStore() throws Exception {
		execute("CREATE DATABASE " + this.database);
		return Map.of("smartermcp.db-url", "postgresql://postgres@127.0.0.1:5432/" + this.database);
	}

	@Override
	protected void dropStore() throws Exception {
		execute("DROP DATABASE IF EXISTS " + this.database + " WITH (FORCE)");
	}

	private static void execute(String statement) throws Exception {
		try (Connection connection = DriverManager.getConnection(ADMIN_URL, "postgres", null);
				Statement sql = connection.createStatement()) {
			sql.execute(statement);
		}
	}

}
