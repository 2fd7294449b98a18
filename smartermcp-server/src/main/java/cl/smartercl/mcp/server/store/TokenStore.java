package cl.smartercl.mcp.server.store;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;

import cl.smartercl.mcp.core.error.ConflictException;

/**
 * API tokens in the store. A token's secret never reaches this class: callers pass the
 * hash of the whole token, and only that hash is written and looked up.
 */
@Repository
public class TokenStore {

	private static final String COLUMNS = "id, tenant_id, name, scopes, created_at, expires_at, revoked";

	private final StoreClient store;

	private final Clock clock;

	@Autowired
	public TokenStore(StoreClient store) {
		this(store, Clock.systemUTC());
	}

	public TokenStore(StoreClient store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	/**
	 * Stores a new token under the hash of its secret.
	 * @throws ConflictException (signalled) when a token with that hash is already stored
	 */
	public Mono<TokenRecord> insert(TokenRecord token, String secretHash) {
		return this.store.mono((sql) -> {
			GenericExecuteSpec insert = sql
				.sql("INSERT INTO tokens (id, tenant_id, name, secret_hash, scopes, created_at, expires_at, revoked)"
						+ " VALUES (:id, :tenantId, :name, :secretHash, :scopes, :createdAt, :expiresAt, :revoked)")
				.bind("id", token.id())
				.bind("tenantId", token.tenantId())
				.bind("name", token.name())
				.bind("secretHash", secretHash)
				.bind("scopes", String.join(" ", token.scopes()))
				.bind("createdAt", StoreTimes.toColumn(token.createdAt()))
				.bind("revoked", token.revoked());
			insert = (token.expiresAt() != null) ? insert.bind("expiresAt", StoreTimes.toColumn(token.expiresAt()))
					: insert.bindNull("expiresAt", OffsetDateTime.class);
			return insert.fetch().rowsUpdated().thenReturn(token);
		})
			// Two starts registering the same SMARTERMCP_ADMIN_TOKEN at once end here;
			// the message
			// must not say which secret.
			.onErrorMap(DuplicateKeyException.class,
					(ex) -> new ConflictException("A token with the same secret is already registered"));
	}

	/**
	 * The token stored under {@code secretHash}, revoked and expired ones included; empty
	 * when unknown.
	 */
	public Mono<TokenRecord> findByHash(String secretHash) {
		return this.store.mono((sql) -> sql.sql("SELECT " + COLUMNS + " FROM tokens WHERE secret_hash = :hash")
			.bind("hash", secretHash)
			.map(TokenStore::toToken)
			.one());
	}

	/** The tenant's tokens, oldest first, revoked and expired ones included. */
	public Flux<TokenRecord> list(String tenantId) {
		return this.store.flux((sql) -> sql
			.sql("SELECT " + COLUMNS + " FROM tokens WHERE tenant_id = :tenantId ORDER BY created_at, id")
			.bind("tenantId", tenantId)
			.map(TokenStore::toToken)
			.all());
	}

	/**
	 * Revokes a token of that tenant; revoking it again changes nothing. Empty when the
	 * tenant has no token with that id, whether or not another tenant has.
	 */
	public Mono<TokenRecord> revoke(String tenantId, String tokenId) {
		return this.store.mono((sql) -> sql
			.sql("UPDATE tokens SET revoked = TRUE, revoked_at = COALESCE(revoked_at, :now)"
					+ " WHERE id = :id AND tenant_id = :tenantId")
			.bind("now", StoreTimes.toColumn(StoreTimes.now(this.clock)))
			.bind("id", tokenId)
			.bind("tenantId", tenantId)
			.fetch()
			.rowsUpdated()
			.filter((updated) -> updated > 0)
			.flatMap((updated) -> sql.sql("SELECT " + COLUMNS + " FROM tokens WHERE id = :id AND tenant_id = :tenantId")
				.bind("id", tokenId)
				.bind("tenantId", tenantId)
				.map(TokenStore::toToken)
				.one()));
	}

	/** How many tokens the store holds, revoked and expired ones included. */
	public Mono<Long> count() {
		return this.store.mono((sql) -> sql.sql("SELECT COUNT(*) AS n FROM tokens")
			.map((row) -> ((Number) row.get("n")).longValue())
			.one());
	}

	private static TokenRecord toToken(Readable row) {
		String scopes = row.get("scopes", String.class);
		List<String> scopeList = (scopes == null || scopes.isBlank()) ? List.of()
				: Arrays.asList(scopes.trim().split(" +"));
		Boolean revoked = row.get("revoked", Boolean.class);
		return new TokenRecord(row.get("id", String.class), row.get("tenant_id", String.class),
				row.get("name", String.class), scopeList, StoreTimes.read(row, "created_at"),
				StoreTimes.read(row, "expires_at"), Boolean.TRUE.equals(revoked));
	}

}
