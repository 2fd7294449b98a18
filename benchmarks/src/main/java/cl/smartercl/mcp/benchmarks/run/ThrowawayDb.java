package cl.smartercl.mcp.benchmarks.run;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * A throwaway PostgreSQL database on the machine's server (127.0.0.1:5432, trust auth,
 * user postgres), made and dropped with {@code psql}; the server under test creates its
 * schema (Flyway).
 */
final class ThrowawayDb implements AutoCloseable {

	private final String name;

	private ThrowawayDb(String name) {
		this.name = name;
	}

	static ThrowawayDb create() {
		byte[] random = new byte[6];
		new SecureRandom().nextBytes(random);
		ThrowawayDb db = new ThrowawayDb("smartermcp_bench_" + HexFormat.of().formatHex(random));
		db.psql("postgres", "CREATE DATABASE " + db.name);
		return db;
	}

	/** The store URL SmarterMCP takes from {@code SMARTERMCP_DB_URL}. */
	String url() {
		return "postgresql://postgres@127.0.0.1:5432/" + this.name;
	}

	/** One number from a query on this database. */
	long count(String sql) {
		String out = psql(this.name, sql).strip();
		try {
			return Long.parseLong(out);
		}
		catch (NumberFormatException ex) {
			throw new IllegalStateException("psql answered '" + out + "' to " + sql, ex);
		}
	}

	private String psql(String database, String sql) {
		return ManagedProcess.run(List.of("psql", "-h", "127.0.0.1", "-p", "5432", "-U", "postgres", "-d", database,
				"-v", "ON_ERROR_STOP=1", "-tAc", sql), Duration.ofSeconds(60));
	}

	@Override
	public void close() {
		psql("postgres", "DROP DATABASE IF EXISTS " + this.name + " WITH (FORCE)");
	}

}
