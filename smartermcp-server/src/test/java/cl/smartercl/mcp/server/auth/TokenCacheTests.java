package cl.smartercl.mcp.server.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import cl.smartercl.mcp.core.auth.Principal;
import cl.smartercl.mcp.core.auth.Scope;
import cl.smartercl.mcp.core.auth.ScopeSet;
import cl.smartercl.mcp.server.store.TokenRecord;

import static org.assertj.core.api.Assertions.assertThat;

class TokenCacheTests {

	private final AtomicLong now = new AtomicLong(1_000);

	private final TokenCache cache = new TokenCache(Duration.ofSeconds(1), this.now::get);

	@Test
	void answersWithinTheTimeToLiveAndForgetsAfter() {
		this.cache.put("hash-a", token("a"), principal("a"));
		this.now.addAndGet(Duration.ofMillis(999).toNanos());
		assertThat(this.cache.get("hash-a")).isNotNull().extracting((e) -> e.principal().tokenId()).isEqualTo("a");
		this.now.addAndGet(Duration.ofMillis(2).toNanos());
		assertThat(this.cache.get("hash-a")).isNull();
		assertThat(this.cache.get("hash-a")).isNull();
	}

	@Test
	void evictsARevokedTokenByIdAndKeepsTheOthers() {
		this.cache.put("hash-a", token("a"), principal("a"));
		this.cache.put("hash-b", token("b"), principal("b"));
		this.cache.evict("a");
		assertThat(this.cache.get("hash-a")).isNull();
		assertThat(this.cache.get("hash-b")).isNotNull();
	}

	@Test
	void zeroTimeToLiveKeepsNothingButStillReturnsTheEntry() {
		TokenCache off = new TokenCache(Duration.ZERO, this.now::get);
		TokenCache.Entry entry = off.put("hash-a", token("a"), principal("a"));
		assertThat(entry.principal().tokenId()).isEqualTo("a");
		assertThat(off.get("hash-a")).isNull();
	}

	@Test
	void pastTheTimeToLiveAnEntryStaysForTheStaleWindowOnly() {
		TokenCache stale = new TokenCache(Duration.ofSeconds(1), Duration.ofMinutes(5), this.now::get);
		stale.put("hash-a", token("a"), principal("a"));
		this.now.addAndGet(Duration.ofSeconds(2).toNanos());
		// not fresh, and not dropped by the look-up either
		assertThat(stale.get("hash-a")).isNull();
		assertThat(stale.stale("hash-a")).isNotNull().extracting((e) -> e.principal().tokenId()).isEqualTo("a");
		this.now.addAndGet(Duration.ofMinutes(5).toNanos());
		assertThat(stale.stale("hash-a")).isNull();
		assertThat(stale.get("hash-a")).isNull();
	}

	@Test
	void withoutAStaleWindowNothingIsStale() {
		this.cache.put("hash-a", token("a"), principal("a"));
		assertThat(this.cache.stale("hash-a")).isNull();
	}

	@Test
	void removeForgetsOneHash() {
		TokenCache stale = new TokenCache(Duration.ofSeconds(1), Duration.ofMinutes(5), this.now::get);
		stale.put("hash-a", token("a"), principal("a"));
		stale.remove("hash-a");
		assertThat(stale.stale("hash-a")).isNull();
	}

	@Test
	void unknownHashIsAMiss() {
		assertThat(this.cache.get("never-stored")).isNull();
	}

	private static TokenRecord token(String id) {
		return new TokenRecord(id, "acme", "agent-" + id, List.of("read:services"),
				Instant.parse("2026-01-01T00:00:00Z"), null, false);
	}

	private static Principal principal(String id) {
		return new Principal("acme", id, "agent-" + id, ScopeSet.of(List.of(Scope.READ_SERVICES)));
	}

}
