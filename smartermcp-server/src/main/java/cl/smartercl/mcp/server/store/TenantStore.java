package cl.smartercl.mcp.server.store;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Repository;

import cl.smartercl.mcp.core.error.ConflictException;

/** Tenants in the store. Ids follow {@link TenantIds}. */
@Repository
public class TenantStore {

	private final StoreClient store;

	private final Clock clock;

	@Autowired
	public TenantStore(StoreClient store) {
		this(store, Clock.systemUTC());
	}

	public TenantStore(StoreClient store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	/**
	 * Creates a tenant.
	 * @throws cl.smartercl.mcp.core.error.InvalidArgumentsException (signalled) for an id
	 * that breaks the rule
	 * @throws ConflictException (signalled) when the id is taken
	 */
	public Mono<TenantRecord> create(String id, String name) {
		return Mono
			.fromCallable(() -> new TenantRecord(TenantIds.requireValid(id), Objects.requireNonNull(name, "name"),
					StoreTimes.now(this.clock)))
			.flatMap(this::insert);
	}

	private Mono<TenantRecord> insert(TenantRecord tenant) {
		return this.store
			.mono((sql) -> sql.sql("INSERT INTO tenants (id, name, created_at) VALUES (:id, :name, :createdAt)")
				.bind("id", tenant.id())
				.bind("name", tenant.name())
				.bind("createdAt", StoreTimes.toColumn(tenant.createdAt()))
				.fetch()
				.rowsUpdated()
				.thenReturn(tenant))
			// The primary key is the only constraint a validated tenant can break.
			.onErrorMap(DataIntegrityViolationException.class,
					(ex) -> new ConflictException("Tenant '" + tenant.id() + "' already exists"));
	}

	/** The tenant, or empty when there is none with that id (a malformed id included). */
	public Mono<TenantRecord> find(String id) {
		if (!TenantIds.isValid(id)) {
			return Mono.empty();
		}
		return this.store.mono((sql) -> sql.sql("SELECT id, name, created_at FROM tenants WHERE id = :id")
			.bind("id", id)
			.map(TenantStore::toTenant)
			.one());
	}

	/** Every tenant, oldest first. */
	public Flux<TenantRecord> list() {
		return this.store.flux((sql) -> sql.sql("SELECT id, name, created_at FROM tenants ORDER BY created_at, id")
			.map(TenantStore::toTenant)
			.all());
	}

	private static TenantRecord toTenant(Readable row) {
		Instant createdAt = StoreTimes.read(row, "created_at");
		return new TenantRecord(row.get("id", String.class), row.get("name", String.class), createdAt);
	}

}
