package cl.smartercl.mcp.server.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

import cl.smartercl.mcp.server.store.StoreClient;

/** The audit trail in the store (table {@code audit_records}, migration {@code V2__audit.sql}). */
public class AuditStore {

	private static final String COLUMNS = "id, call_id, started_at, completed_at, tenant_id, token_id, token_name, tool,"
			+ " write_call, arguments, outcome, duration_ms, request_id, transport";

	private final StoreClient store;

	public AuditStore(StoreClient store) {
		this.store = store;
	}

	/** Stores a record: an intent ({@code pending}) or a complete one. */
	public Mono<Void> insert(AuditRecord record) {
		return this.store.mono((sql) -> {
			GenericExecuteSpec insert = sql.sql("INSERT INTO audit_records (call_id, started_at, completed_at, tenant_id,"
					+ " token_id, token_name, tool, write_call, arguments, outcome, duration_ms, request_id, transport)"
					+ " VALUES (:callId, :startedAt, :completedAt, :tenantId, :tokenId, :tokenName, :tool, :write,"
					+ " :arguments, :outcome, :durationMs, :requestId, :transport)")
				.bind("callId", record.callId())
				.bind("startedAt", column(record.startedAt()))
				.bind("tenantId", record.tenantId())
				.bind("tokenId", record.tokenId())
				.bind("tokenName", record.tokenName())
				.bind("tool", record.tool())
				.bind("write", record.write())
				.bind("arguments", record.arguments())
				.bind("outcome", record.outcome())
				.bind("requestId", record.requestId())
				.bind("transport", record.transport());
			insert = (record.completedAt() != null) ? insert.bind("completedAt", column(record.completedAt()))
					: insert.bindNull("completedAt", OffsetDateTime.class);
			insert = (record.durationMs() != null) ? insert.bind("durationMs", record.durationMs())
					: insert.bindNull("durationMs", Long.class);
			return insert.fetch().rowsUpdated().then();
		});
	}

	/** Completes the intent of a write. */
	public Mono<Void> complete(AuditRecord record) {
		return this.store.mono((sql) -> sql
			.sql("UPDATE audit_records SET completed_at = :completedAt, outcome = :outcome, duration_ms = :durationMs"
					+ " WHERE call_id = :callId")
			.bind("completedAt", column(record.completedAt()))
			.bind("outcome", record.outcome())
			.bind("durationMs", record.durationMs())
			.bind("callId", record.callId())
			.fetch()
			.rowsUpdated()
			.then());
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
				row.get("request_id", String.class), row.get("transport", String.class));
	}

}
