package cl.smartercl.mcp.server.auth;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

import cl.smartercl.mcp.core.auth.Principal;
import cl.smartercl.mcp.server.store.TokenRecord;

/**
 * Tokens the store answered for recently, by the hash of their secret, so that a busy
 * client does not cost a store round trip on every request (benchmarks/RESULTS.md: the
 * lookup was the largest single cost of a trivial tool call). Only tokens the store knows
 * are kept, never unknown values, so guessing cannot fill it. The caller re-checks expiry
 * and revocation of the cached record on every use; a revocation made through this server
 * evicts the token at once, one made through another replica is seen within the time to
 * live.
 * <p>
 * Past its time to live an entry is no longer {@linkplain #get fresh}, but it is kept for
 * the stale-if-error window ({@code smartermcp.token-cache-stale-if-error}):
 * {@link #stale} returns it when the store cannot be reached, so that reads keep
 * answering through a store outage.
 */
final class TokenCache {

	/**
	 * Past this many tokens the cache starts over rather than grow (a store of that many
	 * tokens is rare).
	 */
	private static final int MAX_ENTRIES = 10_000;

	record Entry(TokenRecord token, Principal principal, long loadedNanos) {
	}

	private final long ttlNanos;

	private final long staleNanos;

	/** How long an entry is kept: the longer of the time to live and the stale window. */
	private final long keepNanos;

	private final LongSupplier nanoTime;

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	/**
	 * @param ttl how long a store answer is reused; zero turns the cache off
	 */
	TokenCache(Duration ttl) {
		this(ttl, Duration.ZERO, System::nanoTime);
	}

	TokenCache(Duration ttl, LongSupplier nanoTime) {
		this(ttl, Duration.ZERO, nanoTime);
	}

	/**
	 * @param ttl how long a store answer is reused; zero: every request is looked up
	 * @param staleIfError how long after its load an entry may still be used when the
	 * store cannot be reached; zero turns that off
	 */
	TokenCache(Duration ttl, Duration staleIfError, LongSupplier nanoTime) {
		this.ttlNanos = Math.max(0, ttl.toNanos());
		this.staleNanos = Math.max(0, staleIfError.toNanos());
		this.keepNanos = Math.max(this.ttlNanos, this.staleNanos);
		this.nanoTime = nanoTime;
	}

	/** The fresh entry of {@code secretHash}, or {@code null}. */
	Entry get(String secretHash) {
		Entry entry = kept(secretHash);
		if (entry == null || this.ttlNanos <= 0 || this.nanoTime.getAsLong() - entry.loadedNanos() > this.ttlNanos) {
			return null;
		}
		return entry;
	}

	/**
	 * The entry of {@code secretHash} loaded within the stale-if-error window, fresh or
	 * not, or {@code null}: for when the store cannot be reached only.
	 */
	Entry stale(String secretHash) {
		Entry entry = kept(secretHash);
		if (entry == null || this.staleNanos <= 0
				|| this.nanoTime.getAsLong() - entry.loadedNanos() > this.staleNanos) {
			return null;
		}
		return entry;
	}

	/**
	 * Whether some entry would still authenticate with the store unreachable: loaded
	 * within the time to live (used without asking the store) or the stale-if-error
	 * window, and its cached token accepted by {@code usable} (not revoked, not expired).
	 */
	boolean anyUsableWithoutStore(Predicate<TokenRecord> usable) {
		if (this.keepNanos <= 0) {
			return false;
		}
		long now = this.nanoTime.getAsLong();
		for (Entry entry : this.entries.values()) {
			if (now - entry.loadedNanos() <= this.keepNanos && usable.test(entry.token())) {
				return true;
			}
		}
		return false;
	}

	/** The entry, dropped once it is past both the time to live and the stale window. */
	private Entry kept(String secretHash) {
		if (this.keepNanos <= 0) {
			return null;
		}
		Entry entry = this.entries.get(secretHash);
		if (entry != null && this.nanoTime.getAsLong() - entry.loadedNanos() > this.keepNanos) {
			this.entries.remove(secretHash, entry);
			return null;
		}
		return entry;
	}

	Entry put(String secretHash, TokenRecord token, Principal principal) {
		Entry entry = new Entry(token, principal, this.nanoTime.getAsLong());
		if (this.keepNanos > 0) {
			if (this.entries.size() >= MAX_ENTRIES) {
				this.entries.clear();
			}
			this.entries.put(secretHash, entry);
		}
		return entry;
	}

	/** Forgets the entry of {@code secretHash} (the store no longer knows it). */
	void remove(String secretHash) {
		this.entries.remove(secretHash);
	}

	/** Forgets a token (it was revoked here). */
	void evict(String tokenId) {
		this.entries.values().removeIf((entry) -> entry.token().id().equals(tokenId));
	}

}
