package cl.smartercl.mcp.server.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import cl.smartercl.mcp.core.auth.Principal;
import cl.smartercl.mcp.core.auth.Scope;
import cl.smartercl.mcp.core.auth.ScopeSet;
import cl.smartercl.mcp.core.error.InvalidArgumentsException;
import cl.smartercl.mcp.core.error.NotFoundException;
import cl.smartercl.mcp.core.error.ServiceUnavailableException;
import cl.smartercl.mcp.core.error.TenantAccessException;
import cl.smartercl.mcp.core.error.ToolException;
import cl.smartercl.mcp.core.error.UnauthorizedException;
import cl.smartercl.mcp.server.store.TenantIds;
import cl.smartercl.mcp.server.store.TenantStore;
import cl.smartercl.mcp.server.store.TokenRecord;
import cl.smartercl.mcp.server.store.TokenStore;

/**
 * Issues, authenticates, lists and revokes API tokens. Who may call which method (the
 * {@code admin:tenants} scope, the caller's own tenant) is the web layer's decision.
 * <p>
 * A token's secret exists only in the {@link IssuedToken} returned by {@link #issue} and
 * in the caller's hands; it is never logged, and only its {@link ApiTokens#hash hash} is
 * stored.
 */
@Service
public class TokenService implements TokenCacheStatus {

	private static final Logger logger = LoggerFactory.getLogger(TokenService.class);

	static final String STORE_DOWN = "the token store cannot be reached, so the token could not be checked; retry";

	private final TenantStore tenants;

	private final TokenStore tokens;

	private final Clock clock;

	private final TokenCache cache;

	private final Duration staleIfError;

	/**
	 * Tokens already warned about as served stale in this store outage (one warning per
	 * token per outage); emptied when the store answers again.
	 */
	private final Set<String> servedStale = ConcurrentHashMap.newKeySet();

	/**
	 * The ids of tokens revoked through this server, as they are revoked (open streams
	 * close on them).
	 */
	private final reactor.core.publisher.Sinks.Many<String> revocations = reactor.core.publisher.Sinks.many()
		.multicast()
		.directBestEffort();

	// The platform default (NativePRNG on Linux) reads the non-blocking kernel pool; a
	// getInstanceStrong() generator may block on /dev/random, which must never happen on
	// an event loop.
	private final SecureRandom random = new SecureRandom();

	/**
	 * @param cacheTtl how long the store's answer for a token is reused
	 * ({@code smartermcp.token-cache-ttl}, default 1 s, 0 to look every request up): a
	 * revocation through another replica takes effect within it
	 * @param staleIfError how long after its last look-up a token still authenticates
	 * from the cache when the store cannot be reached
	 * ({@code smartermcp.token-cache-stale-if-error}, default 5 min, 0 for never)
	 */
	@Autowired
	public TokenService(TenantStore tenants, TokenStore tokens, ObjectProvider<Clock> clock,
			@Value("${smartermcp.token-cache-ttl:1s}") Duration cacheTtl,
			@Value("${smartermcp.token-cache-stale-if-error:5m}") Duration staleIfError) {
		// a Clock bean is for tests, which move time by hand (expiry without waiting)
		this(tenants, tokens, clock.getIfAvailable(Clock::systemUTC), cacheTtl, staleIfError, System::nanoTime);
	}

	public TokenService(TenantStore tenants, TokenStore tokens, Clock clock) {
		this(tenants, tokens, clock, Duration.ofSeconds(1));
	}

	public TokenService(TenantStore tenants, TokenStore tokens, Clock clock, Duration cacheTtl) {
		this(tenants, tokens, clock, cacheTtl, Duration.ZERO, System::nanoTime);
	}

	/**
	 * @param nanoTime the cache's clock (tests move it by hand)
	 */
	TokenService(TenantStore tenants, TokenStore tokens, Clock clock, Duration cacheTtl, Duration staleIfError,
			LongSupplier nanoTime) {
		this.tenants = tenants;
		this.tokens = tokens;
		this.clock = clock;
		this.cache = new TokenCache(cacheTtl, staleIfError, nanoTime);
		this.staleIfError = staleIfError;
	}

	/**
	 * Without the store only cached tokens authenticate: those looked up within the time
	 * to live or the stale-if-error window, not revoked nor expired as cached. When there
	 * is none (the window {@code 0}, or no caller came within it), this replica can
	 * answer no one while the store is down.
	 */
	@Override
	public String noCallerWithoutStore() {
		if (this.cache.anyUsableWithoutStore(this::usableQuietly)) {
			return null;
		}
		if (this.staleIfError.isZero() || this.staleIfError.isNegative()) {
			return "the token store cannot be reached and smartermcp.token-cache-stale-if-error is 0, so no"
					+ " caller's token can be checked";
		}
		return "the token store cannot be reached and no usable token was looked up on this replica within"
				+ " smartermcp.token-cache-stale-if-error (" + text(this.staleIfError)
				+ "), so no caller's token can be checked";
	}

	private static String text(Duration duration) {
		long millis = duration.toMillis();
		if (millis % 60_000 == 0) {
			return (millis / 60_000) + "m";
		}
		return (millis % 1000 == 0) ? (millis / 1000) + "s" : millis + "ms";
	}

	/**
	 * Issues a new token of {@code tenantId}.
	 * @param expiresAt when it stops working, {@code null} for never
	 * @throws InvalidArgumentsException (signalled) for a malformed tenant id
	 * ({@code tenant_id}), name ({@code name}), no scopes ({@code scopes}) or an expiry
	 * not in the future ({@code expires_at})
	 * @throws TenantAccessException (signalled) when the tenant does not exist
	 */
	public Mono<IssuedToken> issue(String tenantId, String name, ScopeSet scopes, Instant expiresAt) {
		return Mono.defer(() -> {
			String token = ApiTokens.generate(this.random);
			return store(tenantId, name, scopes, expiresAt, token).map((record) -> new IssuedToken(token,
					record.tenantId(), record.scopes(), record.expiresAt(), record.id()));
		});
	}

	/**
	 * Registers a token whose value the operator chose ({@code SMARTERMCP_ADMIN_TOKEN}),
	 * validated as {@link #issue} validates.
	 */
	Mono<TokenRecord> register(String tenantId, String name, ScopeSet scopes, String token) {
		return Mono.defer(() -> {
			String problem = ApiTokens.problem(token);
			if (problem != null) {
				return Mono.error(new IllegalArgumentException("Not a valid API token: " + problem));
			}
			return store(tenantId, name, scopes, null, token);
		});
	}

	private Mono<TokenRecord> store(String tenantId, String name, ScopeSet scopes, Instant expiresAt, String token) {
		Instant now = now();
		TenantIds.requireValid(tenantId);
		ApiTokens.requireValidName(name);
		if (scopes == null || scopes.granted().isEmpty()) {
			throw new InvalidArgumentsException("scopes",
					"at least one scope is required; valid scopes: " + ScopeSet.validNames());
		}
		Instant expiry = (expiresAt != null) ? expiresAt.truncatedTo(ChronoUnit.MICROS) : null;
		if (expiry != null && !expiry.isAfter(now)) {
			throw new InvalidArgumentsException("expires_at", "must be in the future, was " + expiresAt);
		}
		TokenRecord record = new TokenRecord(UUID.randomUUID().toString(), tenantId, name, scopes.grantedValues(), now,
				expiry, false);
		return this.tenants.find(tenantId)
			.switchIfEmpty(Mono.error(() -> new TenantAccessException(tenantId)))
			.flatMap((tenant) -> this.tokens.insert(record, ApiTokens.hash(token)))
			.doOnNext((stored) -> logger.info("Token '{}' ({}) issued for tenant '{}' with scopes [{}]", stored.name(),
					stored.id(), stored.tenantId(), String.join(" ", stored.scopes())));
	}

	/**
	 * Who presents {@code rawToken} (the bearer value, without {@code Bearer }).
	 * @throws UnauthorizedException (signalled) for a malformed, unknown, expired or
	 * revoked token, always with the documented message
	 */
	public Mono<Principal> authenticate(String rawToken) {
		if (!ApiTokens.isWellFormed(rawToken)) {
			return Mono.error(UnauthorizedException::new);
		}
		// The lookup is an equality on the SHA-256 of the presented token: any timing
		// difference of the
		// index comparison tells an attacker about hashes, never about a secret (SHA-256
		// is
		// preimage-resistant), so no constant-time comparison of secrets is needed here.
		return Mono.fromCallable(() -> ApiTokens.hash(rawToken)).flatMap((hash) -> {
			TokenCache.Entry cached = this.cache.get(hash);
			return (cached != null) ? Mono.just(cached) : lookUp(hash);
		})
			// expiry and revocation are checked on every use, cached or not
			.filter((entry) -> usable(entry.token()))
			.map(TokenCache.Entry::principal)
			.switchIfEmpty(Mono.error(UnauthorizedException::new));
	}

	/**
	 * The store's answer for {@code hash}, cached. When the store cannot be reached, the
	 * cached entry loaded within the stale-if-error window stands in (its expiry and
	 * revocation still checked by the caller); without one, a 503 that says the store is
	 * down, not a 500. A token the store does not know is never served from the cache.
	 */
	private Mono<TokenCache.Entry> lookUp(String hash) {
		return this.tokens.findByHash(hash)
			.doOnSuccess((token) -> storeAnswered())
			.map((token) -> this.cache.put(hash, token, principal(token)))
			.switchIfEmpty(Mono.fromRunnable(() -> this.cache.remove(hash)))
			.onErrorResume((ex) -> !(ex instanceof ToolException), (ex) -> {
				TokenCache.Entry stale = this.cache.stale(hash);
				if (stale != null) {
					if (this.servedStale.add(stale.token().id())) {
						logger.warn("token store unavailable ({}): token '{}' ({}) authenticated from the cache, as"
								+ " last looked up (smartermcp.token-cache-stale-if-error); warned once per token"
								+ " until the store answers again", ex.toString(), stale.token().name(),
								stale.token().id());
					}
					return Mono.just(stale);
				}
				logger.warn("token store unavailable: {}", ex.toString());
				return Mono.error(new ServiceUnavailableException("store", STORE_DOWN, ex));
			});
	}

	private void storeAnswered() {
		if (!this.servedStale.isEmpty()) {
			logger.info("token store answers again; {} token(s) were authenticated from the cache meanwhile",
					this.servedStale.size());
			this.servedStale.clear();
		}
	}

	private boolean usableQuietly(TokenRecord token) {
		return !token.revoked() && (token.expiresAt() == null || now().isBefore(token.expiresAt()));
	}

	private boolean usable(TokenRecord token) {
		if (token.revoked()) {
			logger.debug("Rejected revoked token {}", token.id());
			return false;
		}
		if (token.expiresAt() != null && !now().isBefore(token.expiresAt())) {
			logger.debug("Rejected expired token {}", token.id());
			return false;
		}
		return true;
	}

	private static Principal principal(TokenRecord token) {
		// Skips a scope name this version does not know (a row written by a newer
		// release) instead of
		// failing every request of that token.
		List<Scope> scopes = new ArrayList<>();
		for (String name : token.scopes()) {
			Scope.fromValue(name)
				.ifPresentOrElse(scopes::add,
						() -> logger.warn("Token {} holds unknown scope '{}'; ignored", token.id(), name));
		}
		return new Principal(token.tenantId(), token.id(), token.name(), ScopeSet.of(scopes));
	}

	/**
	 * The tenant's tokens (never their secrets), revoked and expired ones included.
	 * @throws TenantAccessException (signalled) when the tenant does not exist
	 */
	public Flux<TokenRecord> list(String tenantId) {
		return this.tenants.find(tenantId)
			.switchIfEmpty(Mono.error(() -> new TenantAccessException(tenantId)))
			.flatMapMany((tenant) -> this.tokens.list(tenant.id()));
	}

	/**
	 * Revokes a token of {@code tenantId}; revoking it twice is harmless.
	 * @throws NotFoundException (signalled) when that tenant has no such token, even if
	 * another has
	 */
	public Mono<TokenRecord> revoke(String tenantId, String tokenId) {
		if (tokenId == null || tokenId.isBlank()) {
			return Mono.error(new InvalidArgumentsException("token_id", "a token id is required"));
		}
		if (!TenantIds.isValid(tenantId)) {
			return Mono.error(new NotFoundException("Token", tokenId));
		}
		return this.tokens.revoke(tenantId, tokenId)
			.switchIfEmpty(Mono.error(() -> new NotFoundException("Token", tokenId)))
			.doOnNext((token) -> this.cache.evict(token.id()))
			.doOnNext((token) -> this.revocations.tryEmitNext(token.id()))
			.doOnNext((token) -> logger.info("Token '{}' ({}) of tenant '{}' revoked", token.name(), token.id(),
					token.tenantId()));
	}

	/**
	 * The id of each token revoked through this server from now on. A revocation through
	 * another replica is not seen here: its streams end at their next request (each is
	 * authenticated).
	 */
	public reactor.core.publisher.Flux<String> revocations() {
		return this.revocations.asFlux();
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
