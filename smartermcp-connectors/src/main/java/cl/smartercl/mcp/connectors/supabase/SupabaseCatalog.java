package cl.smartercl.mcp.connectors.supabase;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import javax.net.ssl.SSLException;

import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.r2dbc.postgresql.api.PostgresTransactionDefinition;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Statement;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import cl.smartercl.mcp.connectors.support.TransportFailures;
import cl.smartercl.mcp.core.error.BackendException;
import cl.smartercl.mcp.core.error.ServiceUnavailableException;
import cl.smartercl.mcp.core.error.ToolException;

/**
 * Every SQL statement the Supabase connector sends, and the one way they run: inside a
 * READ ONLY, REPEATABLE READ transaction that is always rolled back, so that a whole page
 * is read from one snapshot and nothing can ever be written (the session also defaults to
 * read-only, see {@link SupabaseConnector}). Only PostgreSQL's catalog is read, never
 * table contents.
 */
final class SupabaseCatalog {

	static final String SERVICE = "supabase";

	/**
	 * Relation kinds described: ordinary and partitioned tables, views, materialized
	 * views, foreign tables.
	 */
	private static final String KINDS = "('r','p','v','m','f')";

	private final ConnectionFactory connections;

	/**
	 * The server as messages name it: by the tenants-file key, never by the driver's
	 * resolved address.
	 */
	static final String SERVER = "the PostgreSQL server of backends.supabase.url";

	private final Duration timeout;

	SupabaseCatalog(ConnectionFactory connections, Duration timeout) {
		this.connections = connections;
		this.timeout = timeout;
	}

	/**
	 * Runs {@code work} in a read-only transaction that is rolled back whatever happens.
	 */
	<T> Mono<T> readOnly(Function<Connection, Mono<T>> work) {
		PostgresTransactionDefinition readOnly = PostgresTransactionDefinition.from(IsolationLevel.REPEATABLE_READ)
			.readOnly();
		return Mono
			.usingWhen(Mono.from(this.connections.create()),
					(connection) -> Mono.from(connection.beginTransaction(readOnly)).then(work.apply(connection)),
					SupabaseCatalog::release, (connection, error) -> release(connection), SupabaseCatalog::release)
			.timeout(this.timeout,
					Mono.error(() -> new ServiceUnavailableException(SERVICE,
							"no answer within " + this.timeout.toSeconds() + " s from " + SERVER)))
			.onErrorMap((error) -> !(error instanceof ToolException), SupabaseCatalog::translate);
	}

	private static Mono<Void> release(Connection connection) {
		return Mono.from(connection.rollbackTransaction())
			.onErrorResume((error) -> Mono.empty())
			.then(Mono.from(connection.close()));
	}

	Mono<SchemaRow> schema(Connection connection, String name) {
		return query(connection, """
				SELECT n.oid::int8 AS id, has_schema_privilege(n.oid, 'USAGE') AS usable, current_user::text AS role
				FROM pg_catalog.pg_namespace n WHERE n.nspname = $1""",
				(row) -> new SchemaRow(row.get("id", Long.class), Boolean.TRUE.equals(row.get("usable", Boolean.class)),
						row.get("role", String.class)),
				name)
			.next();
	}

	/** The schemas a user would look for: neither PostgreSQL's own nor temporary ones. */
	Mono<List<String>> schemaNames(Connection connection) {
		return query(connection, """
				SELECT nspname::text AS name FROM pg_catalog.pg_namespace
				WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' ORDER BY 1""",
				(row) -> row.get("name", String.class))
			.collectList();
	}

	Mono<Long> countRelations(Connection connection, long schemaId) {
		return query(connection, "SELECT count(*) AS n FROM pg_catalog.pg_class c WHERE c.relnamespace = $1::int8::oid"
				+ " AND c.relkind IN " + KINDS, (row) -> row.get("n", Long.class), schemaId)
			.next();
	}

	/**
	 * One page of relations in name order. {@code reltuples} is -1 for a table never
	 * vacuumed or analysed (PostgreSQL 14+) and meaningless for views: both read as
	 * "unknown".
	 */
	Flux<RelationRow> relations(Connection connection, long schemaId, int limit, long offset) {
		return query(connection,
				"""
						SELECT c.oid::int8 AS id, c.relname::text AS name, c.relkind::text AS kind,
						       obj_description(c.oid, 'pg_class') AS comment,
						       CASE WHEN c.relkind IN ('r','m','p','f') AND c.reltuples >= 0 THEN c.reltuples::int8 END AS estimate,
						       c.relrowsecurity AS rls
						FROM pg_catalog.pg_class c
						WHERE c.relnamespace = $1::int8::oid AND c.relkind IN $KINDS
						ORDER BY c.relname LIMIT $2 OFFSET $3"""
					.replace("$KINDS", KINDS),
				(row) -> new RelationRow(row.get("id", Long.class), row.get("name", String.class),
						row.get("kind", String.class), row.get("comment", String.class),
						row.get("estimate", Long.class), Boolean.TRUE.equals(row.get("rls", Boolean.class))),
				schemaId, limit, offset);
	}

	/**
	 * Columns in their table order. Identity and generated columns keep no default
	 * expression of their own ({@code attidentity}/{@code attgenerated}), so they are
	 * reported separately.
	 */
	Flux<ColumnRow> columns(Connection connection, Long[] relationIds) {
		return query(connection,
				"""
						SELECT a.attrelid::int8 AS relation, a.attname::text AS name,
						       format_type(a.atttypid, a.atttypmod) AS type, NOT a.attnotnull AS nullable,
						       pg_get_expr(d.adbin, d.adrelid) AS default_value, col_description(a.attrelid, a.attnum) AS comment,
						       a.attidentity::text AS identity, a.attgenerated::text AS generated
						FROM pg_catalog.pg_attribute a
						LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
						WHERE a.attrelid = ANY($1::int8[]::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
						ORDER BY a.attrelid, a.attnum""",
				(row) -> new ColumnRow(row.get("relation", Long.class), row.get("name", String.class),
						row.get("type", String.class), Boolean.TRUE.equals(row.get("nullable", Boolean.class)),
						row.get("default_value", String.class), row.get("comment", String.class),
						row.get("identity", String.class), row.get("generated", String.class)),
				(Object) relationIds);
	}

	/** Primary and foreign keys, with their columns in key order. */
	Flux<ConstraintRow> keys(Connection connection, Long[] relationIds) {
		return query(connection, """
				SELECT con.conrelid::int8 AS relation, con.conname::text AS name, con.contype::text AS kind,
				       ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY AS k(num, ord)
				             JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num
				             ORDER BY k.ord) AS columns,
				       rn.nspname::text AS ref_schema, rc.relname::text AS ref_table,
				       ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY AS k(num, ord)
				             JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num
				             ORDER BY k.ord) AS ref_columns,
				       con.confdeltype::text AS on_delete
				FROM pg_catalog.pg_constraint con
				LEFT JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid
				LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
				WHERE con.conrelid = ANY($1::int8[]::oid[]) AND con.contype IN ('p', 'f')
				ORDER BY con.conrelid, con.contype DESC, con.conname""",
				(row) -> new ConstraintRow(row.get("relation", Long.class), row.get("name", String.class),
						row.get("kind", String.class), List.of(row.get("columns", String[].class)),
						row.get("ref_schema", String.class), row.get("ref_table", String.class),
						List.of(row.get("ref_columns", String[].class)), row.get("on_delete", String.class)),
				(Object) relationIds);
	}

	Flux<IndexRow> indexes(Connection connection, Long[] relationIds) {
		return query(connection, """
				SELECT i.indrelid::int8 AS relation, ic.relname::text AS name, i.indisunique AS is_unique,
				       i.indisprimary AS is_primary, pg_get_indexdef(i.indexrelid) AS definition
				FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
				WHERE i.indrelid = ANY($1::int8[]::oid[])
				ORDER BY i.indrelid, ic.relname""",
				(row) -> new IndexRow(row.get("relation", Long.class), row.get("name", String.class),
						Boolean.TRUE.equals(row.get("is_unique", Boolean.class)),
						Boolean.TRUE.equals(row.get("is_primary", Boolean.class)), row.get("definition", String.class)),
				(Object) relationIds);
	}

	/**
	 * Row-level security policies. {@code polroles = {0}} means PUBLIC; {@code polcmd} is
	 * r, a, w, d or * (ALL).
	 */
	Flux<PolicyRow> policies(Connection connection, Long[] relationIds) {
		return query(connection, """
				SELECT p.polrelid::int8 AS relation, p.polname::text AS name, p.polcmd::text AS command,
				       p.polpermissive AS permissive,
				       CASE WHEN p.polroles = '{0}'::oid[] THEN ARRAY['public']
				            ELSE ARRAY(SELECT r.rolname::text FROM pg_catalog.pg_roles r
				                       WHERE r.oid = ANY(p.polroles) ORDER BY r.rolname) END AS roles,
				       pg_get_expr(p.polqual, p.polrelid) AS using_expr,
				       pg_get_expr(p.polwithcheck, p.polrelid) AS check_expr
				FROM pg_catalog.pg_policy p
				WHERE p.polrelid = ANY($1::int8[]::oid[])
				ORDER BY p.polrelid, p.polname""",
				(row) -> new PolicyRow(row.get("relation", Long.class), row.get("name", String.class),
						row.get("command", String.class), Boolean.TRUE.equals(row.get("permissive", Boolean.class)),
						List.of(row.get("roles", String[].class)), row.get("using_expr", String.class),
						row.get("check_expr", String.class)),
				(Object) relationIds);
	}

	Mono<String> serverVersion(Connection connection) {
		return query(connection, "SELECT current_setting('server_version') AS version",
				(row) -> row.get("version", String.class))
			.next();
	}

	private static <T> Flux<T> query(Connection connection, String sql, Function<Readable, T> mapper,
			Object... bindings) {
		Statement statement = connection.createStatement(sql);
		for (int i = 0; i < bindings.length; i++) {
			statement.bind(i, bindings[i]);
		}
		return Flux.from(statement.execute()).flatMap((result) -> result.map((row, metadata) -> mapper.apply(row)));
	}

	/**
	 * PostgreSQL's errors in words a caller can act on. The server's own messages (a
	 * privilege, a login, a database that does not exist) are short, carry no secrets and
	 * are shown cut to one line; what the driver says about the connection is never
	 * shown: it names the address as the driver resolved it and its own exceptions. A
	 * connection failure is worded in the tool's terms instead, by what happened, naming
	 * the tenants-file key to check.
	 */
	static ToolException translate(Throwable error) {
		if (error instanceof R2dbcTimeoutException) {
			return new ServiceUnavailableException(SERVICE,
					"the catalog query ran past the statement time-out of " + SERVER, error);
		}
		if (error instanceof R2dbcException sql && sql.getSqlState() != null && !sql.getSqlState().startsWith("08")) {
			String state = sql.getSqlState();
			String message = oneLine(sql.getMessage());
			if (state.equals("42501")) {
				return new BackendException(SERVICE, "the database role lacks a privilege (" + message
						+ "); grant it CONNECT on the database, " + "USAGE on the schema and SELECT on its tables",
						error);
			}
			if (state.startsWith("28")) {
				return new BackendException(SERVICE, "the database refused the login (" + message
						+ "); check backends.supabase.username and password", error);
			}
			if (state.equals("3D000")) {
				return new BackendException(SERVICE, "the configured database does not exist (" + message
						+ "); check the database name in backends.supabase.url", error);
			}
			if (state.startsWith("53") || state.startsWith("57")) {
				return new ServiceUnavailableException(SERVICE, "the database is not accepting work (" + message + ")",
						error);
			}
			return new BackendException(SERVICE,
					"the catalog query failed with SQLSTATE " + state + " (" + message + ")", error);
		}
		return new ServiceUnavailableException(SERVICE, connectionFailure(error), error);
	}

	/** What went wrong with the connection, without the driver's words. */
	private static String connectionFailure(Throwable error) {
		if (TransportFailures.causedBy(error, TooLongFrameException.class)
				|| TransportFailures.causedBy(error, DecoderException.class)) {
			return "the server of backends.supabase.url answered something that is not the PostgreSQL protocol";
		}
		if (TransportFailures.causedBy(error, UnknownHostException.class)) {
			return "cannot connect to " + SERVER + " (the host name does not resolve)";
		}
		if (TransportFailures.causedBy(error, ConnectException.class)) {
			return "cannot connect to " + SERVER
					+ (TransportFailures.causedBy(error, io.netty.channel.ConnectTimeoutException.class)
							? " (the connection timed out)" : " (connection refused)");
		}
		if (TransportFailures.causedBy(error, SSLException.class)) {
			return "cannot connect securely to " + SERVER + " (the TLS handshake failed; check sslMode and the CA)";
		}
		if (error.getClass().getSimpleName().equals("PostgresConnectionClosedException")
				|| TransportFailures.causedBy(error, ClosedChannelException.class)
				|| TransportFailures.causedBy(error, IOException.class)) {
			return "incomplete answer: " + SERVER + " closed the connection";
		}
		if (error instanceof R2dbcException sql && sql.getSqlState() != null) {
			return "the connection to " + SERVER + " failed (SQLSTATE " + sql.getSqlState() + ")";
		}
		return "the connection to " + SERVER + " failed before an answer";
	}

	private static String oneLine(String message) {
		if (message == null) {
			return "no message";
		}
		String line = message.lines().findFirst().orElse("").strip();
		return (line.length() > 200) ? line.substring(0, 200) + "..." : line;
	}

	record SchemaRow(long id, boolean usable, String role) {
	}

	record RelationRow(long id, String name, String kind, String comment, Long estimate, boolean rls) {
	}

	record ColumnRow(long relation, String name, String type, boolean nullable, String defaultValue, String comment,
			String identity, String generated) {
	}

	record ConstraintRow(long relation, String name, String kind, List<String> columns, String refSchema,
			String refTable, List<String> refColumns, String onDelete) {
	}

	record IndexRow(long relation, String name, boolean unique, boolean primary, String definition) {
	}

	record PolicyRow(long relation, String name, String command, boolean permissive, List<String> roles, String using,
			String withCheck) {
	}

}
