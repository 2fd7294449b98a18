package cl.smartercl.mcp.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import cl.smartercl.mcp.core.auth.Principal;
import cl.smartercl.mcp.core.error.ServiceUnavailableException;
import cl.smartercl.mcp.core.error.UnauthorizedException;
import cl.smartercl.mcp.server.store.TenantStore;
import cl.smartercl.mcp.server.store.TokenRecord;
import cl.smartercl.mcp.server.store.TokenStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The token cache's stale-if-error rule: past the time to live a cached token is used
 * only while the store cannot be reached, within the window, and still refused when its
 * cached record is revoked or expired.
 */
class TokenServiceStaleIfErrorTests {

	private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

	private final AtomicLong nanos = new AtomicLong(1_000);

	private final FakeTokenStore store = new FakeTokenStore();

	private final MutableClock clock = new MutableClock();

	private final TokenService service = new TokenService(new TenantStore(null), this.store, this.clock,
			Duration.ofSeconds(1), Duration.ofMinutes(5), this.nanos::get);

	private final String token = ApiTokens.generate(new java.security.SecureRandom());

	@Test
	void freshEntryAnswersWithoutTheStore() {
		this.store.put(this.token, record("t1", false, null));
		assertThat(authenticate().tokenId()).isEqualTo("t1");
		this.store.down = true;
		advance(Duration.ofMillis(900));
		assertThat(authenticate().tokenId()).isEqualTo("t1");
		assertThat(this.store.lookups.get()).isEqualTo(1);
	}

	@Test
	void staleEntryIsUsedOnlyWhenTheStoreFails() {
		this.store.put(this.token, record("t1", false, null));
		authenticate();
		advance(Duration.ofSeconds(2));
		// the store answers: it is asked (past the time to live), and its answer wins
		this.store.put(this.token, record("t1", true, null));
		assertThatThrownBy(this::authenticate).isInstanceOf(UnauthorizedException.class);
		assertThat(this.store.lookups.get()).isEqualTo(2);

		this.store.put(this.token, record("t1", false, null));
		advance(Duration.ofSeconds(2));
		assertThat(authenticate().tokenId()).isEqualTo("t1");
		this.store.down = true;
		advance(Duration.ofSeconds(2));
		assertThat(authenticate().tokenId()).isEqualTo("t1");
		advance(Duration.ofMinutes(4));
		assertThat(authenticate().tokenId()).isEqualTo("t1");
		assertThat(this.store.lookups.get()).isEqualTo(5);
	}

	@Test
	void staleEntryPastTheWindowIsA503() {
		this.store.put(this.token, record("t1", false, null));
		authenticate();
		this.store.down = true;
		advance(Duration.ofMinutes(5).plusMillis(1));
		assertThatThrownBy(this::authenticate).isInstanceOf(ServiceUnavailableException.class)
			.hasMessageContaining("token store cannot be reached");
	}

	@Test
	void unknownTokenIsNeverServedFromTheCache() {
		// never known: a 503 with the store down, a 401 with it up
		this.store.down = true;
		assertThatThrownBy(this::authenticate).isInstanceOf(ServiceUnavailableException.class);
		this.store.down = false;
		assertThatThrownBy(this::authenticate).isInstanceOf(UnauthorizedException.class);

		// known, then no longer known to the store (the row is gone): not served stale
		this.store.put(this.token, record("t1", false, null));
		authenticate();
		advance(Duration.ofSeconds(2));
		this.store.hashes.clear();
		assertThatThrownBy(this::authenticate).isInstanceOf(UnauthorizedException.class);
		this.store.down = true;
		assertThatThrownBy(this::authenticate).isInstanceOf(ServiceUnavailableException.class);
	}

	@Test
	void revokedCachedRecordIsRefusedEvenStale() {
		this.store.put(this.token, record("t1", false, null));
		authenticate();
		advance(Duration.ofSeconds(2));
		this.store.put(this.token, record("t1", true, null));
		assertThatThrownBy(this::authenticate).isInstanceOf(UnauthorizedException.class);
		this.store.down = true;
		advance(Duration.ofSeconds(2));
		assertThatThrownBy(this::authenticate).isInstanceOf(UnauthorizedException.class);
	}

	@Test
	void expiredCachedRecordIsRefusedEvenStale() {
		this.store.put(this.token, record("t1", false, NOW.plusSeconds(30)));
		authenticate();
		this.store.down = true;
		advance(Duration.ofSeconds(2));
		assertThat(authenticate().tokenId()).isEqualTo("t1");
		// the wall clock passes the expiry the cached record carries
		this.clock.now = NOW.plusSeconds(31);
		advance(Duration.ofSeconds(2));
		assertThatThrownBy(this::authenticate).isInstanceOf(UnauthorizedException.class);
	}

	@Test
	void zeroWindowTurnsStaleIfErrorOff() {
		TokenService off = new TokenService(new TenantStore(null), this.store, Clock.fixed(NOW, ZoneOffset.UTC),
				Duration.ofSeconds(1), Duration.ZERO, this.nanos::get);
		this.store.put(this.token, record("t1", false, null));
		off.authenticate(this.token).block();
		this.store.down = true;
		advance(Duration.ofSeconds(2));
		assertThatThrownBy(() -> off.authenticate(this.token).block()).isInstanceOf(ServiceUnavailableException.class);
	}

	@Test
	void healthLearnsWhetherAnyCallerCanAuthenticateWithoutTheStore() {
		// nobody came yet: no token can be checked without the store
		assertThat(this.service.noCallerWithoutStore()).contains("no usable token was looked up")
			.contains("smartermcp.token-cache-stale-if-error (5m)");
		this.store.put(this.token, record("t1", false, NOW.plusSeconds(600)));
		authenticate();
		assertThat(this.service.noCallerWithoutStore()).as("a token of the window").isNull();
		advance(Duration.ofMinutes(4));
		assertThat(this.service.noCallerWithoutStore()).isNull();
		// past the window it could not be served
		advance(Duration.ofMinutes(1).plusMillis(1));
		assertThat(this.service.noCallerWithoutStore()).contains("no usable token was looked up");

		// a cached record that expired, or was revoked, serves no one
		advance(Duration.ofMinutes(10));
		authenticate();
		assertThat(this.service.noCallerWithoutStore()).isNull();
		this.clock.now = NOW.plusSeconds(601);
		assertThat(this.service.noCallerWithoutStore()).contains("no usable token was looked up");
		this.clock.now = NOW;
		this.store.put(this.token, record("t1", true, null));
		advance(Duration.ofSeconds(2));
		assertThatThrownBy(this::authenticate).isInstanceOf(UnauthorizedException.class);
		assertThat(this.service.noCallerWithoutStore()).contains("no usable token was looked up");
	}

	@Test
	void healthWithAZeroWindowNamesTheSetting() {
		TokenService off = new TokenService(new TenantStore(null), this.store, Clock.fixed(NOW, ZoneOffset.UTC),
				Duration.ofSeconds(1), Duration.ZERO, this.nanos::get);
		assertThat(off.noCallerWithoutStore())
			.isEqualTo("the token store cannot be reached and smartermcp.token-cache-stale-if-error is 0, so no"
					+ " caller's token can be checked");
		this.store.put(this.token, record("t1", false, null));
		off.authenticate(this.token).block();
		// within the time to live the cached answer is used without asking the store
		assertThat(off.noCallerWithoutStore()).isNull();
		advance(Duration.ofSeconds(2));
		assertThat(off.noCallerWithoutStore()).contains("smartermcp.token-cache-stale-if-error is 0");
	}

	private Principal authenticate() {
		return this.service.authenticate(this.token).block();
	}

	private void advance(Duration duration) {
		this.nanos.addAndGet(duration.toNanos());
	}

	private static TokenRecord record(String id, boolean revoked, Instant expiresAt) {
		return new TokenRecord(id, "acme", "agent-" + id, List.of("read:services"), NOW.minusSeconds(3600), expiresAt,
				revoked);
	}

	private static final class MutableClock extends Clock {

		volatile Instant now = NOW;

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

	/** A token store answering from a map, or failing as an unreachable PostgreSQL. */
	private static final class FakeTokenStore extends TokenStore {

		final Map<String, TokenRecord> hashes = new HashMap<>();

		final AtomicInteger lookups = new AtomicInteger();

		volatile boolean down;

		FakeTokenStore() {
			super(null);
		}

		void put(String token, TokenRecord record) {
			this.hashes.put(ApiTokens.hash(token), record);
		}

		@Override
		public Mono<TokenRecord> findByHash(String secretHash) {
			return Mono.defer(() -> {
				this.lookups.incrementAndGet();
				if (this.down) {
					return Mono.error(new IllegalStateException("Connection refused: localhost/127.0.0.1:5432"));
				}
				return Mono.justOrEmpty(this.hashes.get(secretHash));
			});
		}

	}

}
