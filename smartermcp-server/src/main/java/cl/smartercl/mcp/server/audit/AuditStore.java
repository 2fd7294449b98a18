package cl.smartercl.mcp.server.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

import cl.smartercl.mcp.server.store.StoreClient;

/**
 * The audit trail in the store (table {@code audit_records}, migrations
 * {@code V2__audit.sql} and {@code V3_1__audit_confirmation.sql},
 * {@code V3_2__audit_replica.sql}). Every row it inserts names this replica. The
 * confirmation of a destructive call is known once it has been asked, after its intent is
 * stored, so it is written by the completion.
 */
public class AuditStore implements AuditWriter.BatchStore {

	// $n bind markers: the form both r2dbc-h2 and r2dbc-postgresql take
	private static final String INSERT = "INSERT INTO audit_records (call_id, started_at, completed_at, tenant_id,"
			+ " token_id, token_name, tool, write_call, arguments, outcome, duration_ms, request_id, transport, replica)"
			+ " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)";

	private static final String COMPLETE = "UPDATE audit_records SET completed_at = $1, outcome = $2, duration_ms = $3,"
			+ " confirmation = $4 WHERE call_id = $5";

	private static final String COLUMNS = "id, call_id, started_at, completed_at, tenant_id, token_id, token_name, tool,"
			+ " write_call, arguments, outcome, duration_ms, request_id, transport, confirmation, replica";

	private final StoreClient store;

	private final String replica;

	/** A store whose rows name this host ({@link ReplicaId}). */
	public AuditStore(StoreClient store) {
		this(store, ReplicaId.of(null));
	}

	/**
	 * @param replica the name every inserted row gets in its {@code replica} column
	 */
	public AuditStore(StoreClient store, String replica) {
		this.store = store;
		this.replica = replica;
	}

	/** The name this store writes into every row. */
	public String replica() {
		return this.replica;
	}

	/**
	 * Commits a batch in ONE transaction: every row of {@code inserts} (one statement,
	 * its bindings batched: the driver sends them together) and every completion of
	 * {@code completions}; all or none.
	 */
	@Override
	public Mono<Void> write(List<AuditRecord> inserts, List<AuditRecord> completions) {
		if (inserts.isEmpty() && completions.isEmpty()) {
			return Mono.empty();
		}
		return inTransaction(
				(connection) -> execute(inserts.isEmpty() ? null : insertAll(connection, inserts, this.replica))
					.then(execute(completions.isEmpty() ? null : completeAll(connection, completions))));
	}

	/**
	 * Replays rows from the local spool ({@link AuditSpool}) in ONE transaction: inserts
	 * only the rows whose call id the trail does not hold yet (a replay after a crash
	 * duplicates nothing; call ids are unique), then every completion (setting the same
	 * values twice changes nothing).
	 */
	public Mono<Void> replay(List<AuditRecord> inserts, List<AuditRecord> completions) {
		if (inserts.isEmpty() && completions.isEmpty()) {
			return Mono.empty();
		}
		return inTransaction((connection) -> stored(connection, inserts).flatMap((present) -> {
			List<AuditRecord> missing = inserts.stream().filter((r) -> !present.contains(r.callId())).toList();
			return execute(missing.isEmpty() ? null : insertAll(connection, missing, this.replica));
		}).then(execute(completions.isEmpty() ? null : completeAll(connection, completions))));
	}

	/**
	 * Runs {@code work} in one transaction on one connection: committed when it
	 * completes, rolled back when it fails (a failed rollback is added to the failure,
	 * not thrown).
	 */
	private Mono<Void> inTransaction(Function<Connection, Mono<Void>> work) {
		return this.store.mono((sql) -> sql.inConnection((connection) -> Mono.from(connection.beginTransaction())
			.then(work.apply(connection))
			.then(Mono.from(connection.commitTransaction()))
			.onErrorResume((ex) -> Mono.from(connection.rollbackTransaction()).onErrorResume((rollback) -> {
				ex.addSuppressed(rollback);
				return Mono.empty();
			}).then(Mono.error(ex)))));
	}

	/** The call ids of {@code records} the trail holds already. */
	private static Mono<java.util.Set<String>> stored(Connection connection, List<AuditRecord> records) {
		if (records.isEmpty()) {
			return Mono.just(java.util.Set.of());
		}
		StringBuilder text = new StringBuilder("SELECT call_id FROM audit_records WHERE call_id IN (");
		for (int i = 0; i < records.size(); i++) {
			text.append((i > 0) ? ", $" : "$").append(i + 1);
		}
		Statement select = connection.createStatement(text.append(')').toString());
		for (int i = 0; i < records.size(); i++) {
			select.bind(i, records.get(i).callId());
		}
		return Flux.from(select.execute())
			.concatMap((result) -> result.map((row, metadata) -> row.get(0, String.class)))
			.collect(java.util.stream.Collectors.toSet());
	}

	private static Mono<Void> execute(Statement statement) {
		if (statement == null) {
			return Mono.empty();
		}
		return Flux.from(statement.execute()).concatMap(Result::getRowsUpdated).then();
	}

	private static Statement insertAll(Connection connection, List<AuditRecord> records, String replica) {
		Statement statement = connection.createStatement(INSERT);
		for (int i = 0; i < records.size(); i++) {
			if (i > 0) {
				statement.add();
			}
			AuditRecord record = records.get(i);
			statement.bind(0, record.callId())
				.bind(1, column(record.startedAt()))
				.bind(3, record.tenantId())
				.bind(4, record.tokenId())
				.bind(5, record.tokenName())
				.bind(6, record.tool())
				.bind(7, record.write())
				.bind(8, record.arguments())
				.bind(9, record.outcome())
				.bind(11, record.requestId())
				.bind(12, record.transport())
				// a row from the spool names the replica that served the call (it may
				// have
				// been adopted from another one's spool)
				.bind(13, (record.replica() != null) ? record.replica() : replica);
			if (record.completedAt() != null) {
				statement.bind(2, column(record.completedAt()));
			}
			else {
				statement.bindNull(2, OffsetDateTime.class);
			}
			if (record.durationMs() != null) {
				statement.bind(10, record.durationMs());
			}
			else {
				statement.bindNull(10, Long.class);
			}
		}
		return statement;
	}

	private static Statement completeAll(Connection connection, List<AuditRecord> records) {
		Statement statement = connection.createStatement(COMPLETE);
		for (int i = 0; i < records.size(); i++) {
			if (i > 0) {
				statement.add();
			}
			AuditRecord record = records.get(i);
			statement.bind(0, column(record.completedAt()))
				.bind(1, record.outcome())
				.bind(2, record.durationMs())
				.bind(4, record.callId());
			if (record.confirmation() != null) {
				statement.bind(3, record.confirmation());
			}
			else {
				statement.bindNull(3, String.class);
			}
		}
		return statement;
	}

	/** A page of the trail, newest first. */
	public Flux<AuditRecord> find(AuditQuery query) {
		StringBuilder where = new StringBuilder(" WHERE tenant_id = :tenantId");
		if (query.tool() != null) {
			where.append(" AND tool = :tool");
		}
		if (query.outcome() != null) {
			where.append(" AND outcome = :outcome");
		}
		if (query.tokenId() != null) {
			where.append(" AND token_id = :tokenId");
		}
		if (query.since() != null) {
			where.append(" AND started_at >= :since");
		}
		if (query.until() != null) {
			where.append(" AND started_at < :until");
		}
		if (query.beforeId() != null) {
			where.append(" AND id < :beforeId");
		}
		String text = "SELECT " + COLUMNS + " FROM audit_records" + where + " ORDER BY id DESC LIMIT " + query.limit();
		return this.store.flux((sql) -> {
			GenericExecuteSpec select = sql.sql(text).bind("tenantId", query.tenantId());
			if (query.tool() != null) {
				select = select.bind("tool", query.tool());
			}
			if (query.outcome() != null) {
				select = select.bind("outcome", query.outcome());
			}
			if (query.tokenId() != null) {
				select = select.bind("tokenId", query.tokenId());
			}
			if (query.since() != null) {
				select = select.bind("since", column(query.since()));
			}
			if (query.until() != null) {
				select = select.bind("until", column(query.until()));
			}
			if (query.beforeId() != null) {
				select = select.bind("beforeId", query.beforeId());
			}
			return select.map(AuditStore::read).all();
		});
	}

	private static OffsetDateTime column(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	private static Instant instant(Readable row, String column) {
		OffsetDateTime value = row.get(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static AuditRecord read(Readable row) {
		return new AuditRecord(row.get("id", Long.class), row.get("call_id", String.class), instant(row, "started_at"),
				instant(row, "completed_at"), row.get("tenant_id", String.class), row.get("token_id", String.class),
				row.get("token_name", String.class), row.get("tool", String.class),
				Boolean.TRUE.equals(row.get("write_call", Boolean.class)), row.get("arguments", String.class),
				row.get("outcome", String.class), row.get("duration_ms", Long.class),
				row.get("request_id", String.class), row.get("transport", String.class),
				row.get("confirmation", String.class), row.get("replica", String.class));
	}

}
