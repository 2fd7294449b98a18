package cl.smartercl.mcp.connectors.supabase;

import java.time.Duration;
import java.util.List;

import io.r2dbc.pool.ConnectionPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import cl.smartercl.mcp.connectors.config.BackendsConfig;
import cl.smartercl.mcp.core.error.BackendException;
import cl.smartercl.mcp.core.error.NotFoundException;
import cl.smartercl.mcp.core.health.ProbeResult;
import cl.smartercl.mcp.core.tools.documentation.DocsSchemas;
import cl.smartercl.mcp.core.tools.services.HealthStatus;
import cl.smartercl.mcp.testsupport.ThrowawayDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * {@code docs_schemas} against the machine's real PostgreSQL, in a database made for this
 * class.
 */
class SupabaseConnectorIT {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static ThrowawayDatabase db;

	private static String reader;

	private static String nobody;

	private static String outsider;

	@BeforeAll
	static void createSchema() {
		db = ThrowawayDatabase.create("docs_it");
		reader = db.role("docs_reader");
		nobody = db.role("docs_nobody");
		outsider = db.role("docs_outsider");
		db.sql("""
				CREATE SCHEMA app;
				CREATE TABLE app.customers (
				  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
				  email text NOT NULL UNIQUE,
				  name text,
				  created_at timestamptz NOT NULL DEFAULT now());
				COMMENT ON TABLE app.customers IS 'People who buy';
				COMMENT ON COLUMN app.customers.email IS 'Login email | unique';
				CREATE TABLE app.orders (
				  id serial PRIMARY KEY,
				  customer_id bigint NOT NULL REFERENCES app.customers (id) ON DELETE CASCADE,
				  total numeric(12,2) NOT NULL DEFAULT 0,
				  status varchar(20) NOT NULL DEFAULT 'new',
				  total_with_tax numeric GENERATED ALWAYS AS (total * 1.19) STORED);
				CREATE INDEX orders_customer_idx ON app.orders (customer_id);
				CREATE INDEX orders_open_idx ON app.orders (status) WHERE status <> 'done';
				CREATE TABLE app.order_lines (
				  order_id int REFERENCES app.orders (id),
				  line_no int,
				  sku text,
				  PRIMARY KEY (order_id, line_no));
				ALTER TABLE app.orders ENABLE ROW LEVEL SECURITY;
				CREATE POLICY orders_own ON app.orders FOR SELECT TO %1$s USING (customer_id = 1);
				CREATE POLICY orders_non_negative ON app.orders AS RESTRICTIVE FOR INSERT WITH CHECK (total >= 0);
				CREATE VIEW app.open_orders AS SELECT id, customer_id, total FROM app.orders WHERE status <> 'done';
				COMMENT ON VIEW app.open_orders IS 'Orders not done yet';
				CREATE MATERIALIZED VIEW app.revenue AS SELECT customer_id, sum(total) AS revenue FROM app.orders GROUP BY 1;
				INSERT INTO app.customers (email, name) SELECT 'c' || g || '@example.test', 'C' || g FROM generate_series(1, 50) g;
				ANALYZE app.customers;
				GRANT USAGE ON SCHEMA app TO %1$s;
				GRANT SELECT ON ALL TABLES IN SCHEMA app TO %1$s;
				REVOKE CONNECT ON DATABASE %2$s FROM PUBLIC;
				GRANT CONNECT ON DATABASE %2$s TO %1$s, %3$s;
				"""
			.formatted(reader, db.name(), nobody));
	}

	@AfterAll
	static void dropDatabase() {
		if (db != null) {
			db.close();
		}
	}

	private static SupabaseConnector connectAs(String role) {
		return new SupabaseConnector(new BackendsConfig.Supabase(db.r2dbcUrl(), role, null, null, null));
	}

	private static DocsSchemas.Output describe(SupabaseConnector connector, String schema, int page, int size) {
		return connector.describe(new DocsSchemas.Input(schema, page, size)).block(WAIT);
	}

	@Test
	void describesTablesViewsKeysIndexesCommentsAndPolicies() {
		try (SupabaseConnector connector = connectAs(reader)) {
			DocsSchemas.Output out = describe(connector, "app", 1, 50);

			assertThat(out.source()).isEqualTo("catalog");
			assertThat(out.totalTables()).isEqualTo(5);
			assertThat(out.nextPage()).isNull();
			assertThat(out.tables()).extracting(DocsSchemas.Table::name, DocsSchemas.Table::kind)
				.containsExactly(tuple("customers", "table"), tuple("open_orders", "view"),
						tuple("order_lines", "table"), tuple("orders", "table"), tuple("revenue", "materialized_view"));

			DocsSchemas.Table customers = table(out, "customers");
			assertThat(customers.comment()).isEqualTo("People who buy");
			assertThat(customers.rowEstimate()).isEqualTo(50L);
			assertThat(customers.rlsEnabled()).isFalse();
			assertThat(customers.primaryKey()).containsExactly("id");
			assertThat(customers.columns())
				.extracting(DocsSchemas.Column::name, DocsSchemas.Column::type, DocsSchemas.Column::nullable,
						DocsSchemas.Column::defaultValue, DocsSchemas.Column::comment)
				.containsExactly(tuple("id", "bigint", false, "generated always as identity", null),
						tuple("email", "text", false, null, "Login email | unique"),
						tuple("name", "text", true, null, null),
						tuple("created_at", "timestamp with time zone", false, "now()", null));
			assertThat(customers.indexes())
				.extracting(DocsSchemas.Index::name, DocsSchemas.Index::unique, DocsSchemas.Index::primary)
				.containsExactly(tuple("customers_email_key", true, false), tuple("customers_pkey", true, true));

			DocsSchemas.Table orders = table(out, "orders");
			assertThat(orders.rlsEnabled()).isTrue();
			assertThat(orders.rowEstimate()).as("never analysed").isNull();
			assertThat(orders.columns())
				.extracting(DocsSchemas.Column::name, DocsSchemas.Column::type, DocsSchemas.Column::defaultValue)
				.containsExactly(tuple("id", "integer", "nextval('app.orders_id_seq'::regclass)"),
						tuple("customer_id", "bigint", null), tuple("total", "numeric(12,2)", "0"),
						tuple("status", "character varying(20)", "'new'::character varying"),
						tuple("total_with_tax", "numeric", "generated always as ((total * 1.19)) stored"));
			assertThat(orders.foreignKeys()).singleElement().satisfies((fk) -> {
				assertThat(fk.name()).isEqualTo("orders_customer_id_fkey");
				assertThat(fk.columns()).containsExactly("customer_id");
				assertThat(fk.referencedTable()).isEqualTo("customers");
				assertThat(fk.referencedColumns()).containsExactly("id");
				assertThat(fk.onDelete()).isEqualTo("CASCADE");
			});
			assertThat(orders.indexes()).extracting(DocsSchemas.Index::name, DocsSchemas.Index::definition)
				.containsExactly(
						tuple("orders_customer_idx",
								"CREATE INDEX orders_customer_idx ON app.orders USING btree (customer_id)"),
						tuple("orders_open_idx",
								"CREATE INDEX orders_open_idx ON app.orders USING btree (status) WHERE ((status)::text <> 'done'::text)"),
						tuple("orders_pkey", "CREATE UNIQUE INDEX orders_pkey ON app.orders USING btree (id)"));
			assertThat(orders.policies())
				.extracting(DocsSchemas.Policy::name, DocsSchemas.Policy::command, DocsSchemas.Policy::permissive,
						DocsSchemas.Policy::roles, DocsSchemas.Policy::using, DocsSchemas.Policy::withCheck)
				.containsExactly(
						tuple("orders_non_negative", "INSERT", false, List.of("public"), null,
								"(total >= (0)::numeric)"),
						tuple("orders_own", "SELECT", true, List.of(reader), "(customer_id = 1)", null));

			DocsSchemas.Table lines = table(out, "order_lines");
			assertThat(lines.primaryKey()).containsExactly("order_id", "line_no");
			assertThat(lines.foreignKeys())
				.extracting(DocsSchemas.ForeignKey::referencedTable, DocsSchemas.ForeignKey::onDelete)
				.containsExactly(tuple("orders", "NO ACTION"));

			DocsSchemas.Table view = table(out, "open_orders");
			assertThat(view.comment()).isEqualTo("Orders not done yet");
			assertThat(view.rowEstimate()).isNull();
			assertThat(view.columns()).extracting(DocsSchemas.Column::name)
				.containsExactly("id", "customer_id", "total");

			assertThat(out.markdown()).contains("# Schema `app`", "## table `orders`", "Row-level security enabled",
					"`orders_own` SELECT, permissive, to " + reader + "; using ((customer_id = 1))",
					"`orders_non_negative` INSERT, restrictive, to public; with check ((total >= (0)::numeric))",
					"customer_id → customers(id), on delete cascade",
					"| email | text | no |  | Login email \\| unique |", "## view `open_orders`",
					"## materialized view `revenue`", "About 50 rows");
		}
	}

	@Test
	void paginatesHonestly() {
		try (SupabaseConnector connector = connectAs(reader)) {
			DocsSchemas.Output first = describe(connector, "app", 1, 2);
			DocsSchemas.Output last = describe(connector, "app", 3, 2);
			DocsSchemas.Output past = describe(connector, "app", 4, 2);

			assertThat(first.tables()).extracting(DocsSchemas.Table::name).containsExactly("customers", "open_orders");
			assertThat(first.totalTables()).isEqualTo(5);
			assertThat(first.nextPage()).isEqualTo(2);
			assertThat(first.markdown()).contains("Tables and views 1–2 of 5 (page 1)");
			assertThat(last.tables()).extracting(DocsSchemas.Table::name).containsExactly("revenue");
			assertThat(last.nextPage()).isNull();
			assertThat(past.tables()).isEmpty();
			assertThat(past.nextPage()).isNull();
			assertThat(past.markdown()).contains("Page 4 is past the end");
		}
	}

	@Test
	void unknownSchemaIsNotFoundAndNamesTheSchemasThatExist() {
		try (SupabaseConnector connector = connectAs(reader)) {
			assertThatThrownBy(() -> describe(connector, "nope", 1, 50)).isInstanceOf(NotFoundException.class)
				.hasMessage("Schema 'nope' not found. Schemas of this database: app, public");
		}
	}

	@Test
	void aRoleWithoutUsageOnTheSchemaGetsAClearError() {
		try (SupabaseConnector connector = connectAs(nobody)) {
			assertThatThrownBy(() -> describe(connector, "app", 1, 50)).isInstanceOf(BackendException.class)
				.hasMessage("Service 'supabase' reported an error: the database role '" + nobody
						+ "' has no USAGE privilege on schema 'app'; grant it USAGE on the schema and SELECT on its tables");
		}
	}

	@Test
	void aRoleThatMayNotConnectGetsAClearError() {
		try (SupabaseConnector connector = connectAs(outsider)) {
			assertThatThrownBy(() -> describe(connector, "app", 1, 50)).isInstanceOf(BackendException.class)
				.hasMessageStartingWith("Service 'supabase' reported an error: the database role lacks a privilege ("
						+ "permission denied for database")
				.hasMessageNotContaining("Exception")
				.hasMessageNotContaining("at io.r2dbc");
		}
	}

	@Test
	void nothingIsWrittenEvenWhenConnectedAsTheSuperuser() {
		String before = fingerprint();
		try (SupabaseConnector connector = connectAs("postgres")) {
			assertThat(describe(connector, "app", 1, 50).tables()).hasSize(5);
			assertThat(describe(connector, "public", 1, 50).tables()).isEmpty();
		}
		assertThat(fingerprint()).isEqualTo(before);
	}

	@Test
	void theSessionsItOpensRefuseWritesEvenOutsideItsOwnQueries() {
		ConnectionPool pool = SupabaseConnector
			.pool(new BackendsConfig.Supabase(db.r2dbcUrl(), "postgres", null, null, null));
		try {
			SupabaseCatalog catalog = new SupabaseCatalog(pool, Duration.ofSeconds(20));
			Mono<Long> insert = catalog.readOnly(
					(connection) -> Mono
						.from(connection.createStatement("INSERT INTO app.customers (email) VALUES ('w@example.test')")
							.execute())
						.flatMap((result) -> Mono.from(result.getRowsUpdated())));
			assertThatThrownBy(() -> insert.block(WAIT)).isInstanceOf(BackendException.class)
				.hasMessageContaining("SQLSTATE 25006");
			Mono<Long> plainSession = Mono.usingWhen(pool.create(),
					(connection) -> Mono
						.from(connection.createStatement("INSERT INTO app.customers (email) VALUES ('w@example.test')")
							.execute())
						.flatMap((result) -> Mono.from(result.getRowsUpdated())),
					(connection) -> Mono.from(connection.close()));
			assertThatThrownBy(() -> plainSession.block(WAIT)).hasMessageContaining("read-only transaction");
		}
		finally {
			pool.dispose();
		}
		assertThat(db.value("SELECT count(*) FROM app.customers WHERE email = 'w@example.test'")).isEqualTo("0");
	}

	@Test
	void probeReportsTheServerVersionAndAMissingDatabase() {
		try (SupabaseConnector connector = connectAs(reader)) {
			ProbeResult result = connector.probe().probe().block(WAIT);
			assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
			assertThat(result.version()).startsWith("PostgreSQL " + db.value("SHOW server_version"));
		}
		String missing = "r2dbc:postgresql://" + ThrowawayDatabase.HOST + ":" + ThrowawayDatabase.PORT + "/" + db.name()
				+ "_gone";
		try (SupabaseConnector connector = new SupabaseConnector(
				new BackendsConfig.Supabase(missing, "postgres", null, null, null))) {
			ProbeResult result = connector.probe().probe().block(WAIT);
			assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
			assertThat(result.detail()).contains("does not exist");
		}
	}

	/** Contents and catalog entries of the schema, and the database's write counters. */
	private static String fingerprint() {
		return db
			.value("""
					SELECT md5(
					  (SELECT string_agg(c::text, ',' ORDER BY c.id) FROM app.customers c) ||
					  (SELECT count(*)::text FROM app.orders) ||
					  (SELECT string_agg(relname::text || relkind::text || relpages::text, ',' ORDER BY relname) FROM pg_class
					   WHERE relnamespace = 'app'::regnamespace) ||
					  (SELECT string_agg(polname::text, ',' ORDER BY polname) FROM pg_policy))""");
	}

	private static DocsSchemas.Table table(DocsSchemas.Output out, String name) {
		return out.tables().stream().filter((t) -> t.name().equals(name)).findFirst().orElseThrow();
	}

}
