package cl.smartercl.mcp.server.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cl.smartercl.mcp.testsupport.ThrowawayDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store suite on the PostgreSQL server of this machine (127.0.0.1:5432, trust
 * authentication): each store is a database created here and dropped after the class. A
 * server that is not running fails the tests.
 */
class PostgresStoreIT extends StoreSuite {

	private final List<ThrowawayDatabase> databases = new ArrayList<>();

	@Override
	protected Map<String, Object> newStore() {
		ThrowawayDatabase database = ThrowawayDatabase.create("smartermcp_it");
		this.databases.add(database);
		// Both accepted URL forms, alternately.
		String url = (this.databases.size() % 2 == 1) ? database.storeUrl() : "r2dbc:" + database.storeUrl();
		return Map.of("smartermcp.db-url", url);
	}

	@Override
	protected void dropStores() {
		this.databases.forEach(ThrowawayDatabase::close);
	}

	@Test
	void migrationsAreRecordedInThePostgresDatabase() {
		List<Map<String, Object>> history = this.sql
			.sql("SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank")
			.fetch()
			.all()
			.collectList()
			.block();
		assertThat(history).extracting((row) -> row.get("version")).containsExactly("1", "2", "3.1", "3.2");
		assertThat(this.sql.sql("SELECT current_database() AS db").fetch().one().block().get("db").toString())
			.startsWith("smartermcp_it_");
	}

}
