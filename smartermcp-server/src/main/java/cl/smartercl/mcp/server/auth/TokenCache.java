package cl.smartercl.mcp.server.auth;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

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

	private final LongSupplier nanoTime;

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	/**
	 * @param ttl how long a store answer is reused; zero turns the cache off
	 */
	TokenCache(Duration ttl) {
		this(ttl, System::nanoTime);
	}

	TokenCache(Duration ttl, LongSupplier nanoTime) {
		this.ttlNanos = ttl.toNanos();
		this.nanoTime = nanoTime;
	}

	/** The fresh entry of {@code secretHash}, or {@code null}. */
	Entry get(String secretHash) {
		if (this.ttlNanos <= 0) {
			return null;
		}
		Entry entry = this.entries.get(secretHash);
		if (entry != null && this.nanoTime.getAsLong() - entry.loadedNanos() > this.ttlNanos) {
			this.entries.remove(secretHash, entry);
			return null;
		}
		return entry;
	}

	Entry put(String secretHash, TokenRecord token, Principal principal) {
		Entry entry = new Entry(token, principal, this.nanoTime.getAsLong());
		if (this.ttlNanos > 0) {
			if (this.entries.size() >= MAX_ENTRIES) {
				this.entries.clear();
			}
			this.entries.put(secretHash, entry);
		}
		return entry;
	}

	/** Forgets a token (it was revoked here). */
	void evict(String tokenId) {
		this.entries.values().removeIf((entry) -> entry.token().id().equals(tokenId));
	}

}
