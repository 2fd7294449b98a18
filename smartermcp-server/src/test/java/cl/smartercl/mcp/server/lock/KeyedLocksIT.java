package cl.smartercl.mcp.server.lock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import cl.smartercl.mcp.connectors.ports.InProcessKeyedLock;
import cl.smartercl.mcp.connectors.ports.KeyedLock;
import cl.smartercl.mcp.core.error.ServiceUnavailableException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The connector locks against the real PostgreSQL (127.0.0.1:5432, database {@code test})
 * and Redis (127.0.0.1:6379) of this machine. Two lock instances with their own
 * connections stand for two replicas: work under one key never overlaps across them, work
 * under different keys does not wait.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyedLocksIT {

	private static final LockPolling FAST = new LockPolling(Duration.ofMillis(5), Duration.ofSeconds(30));

	private final List<ConnectionPool> pools = new ArrayList<>();

	private final List<LettuceConnectionFactory> redisConnections = new ArrayList<>();

	private final String run = UUID.randomUUID().toString();

	@BeforeAll
	void check() {
		assertThat(postgres().withLock("ping-" + this.run, Mono.just("pong")).block(Duration.ofSeconds(10)))
			.isEqualTo("pong");
		assertThat(redis().withLock("ping-" + this.run, Mono.just("pong")).block(Duration.ofSeconds(10)))
			.isEqualTo("pong");
	}

	@AfterAll
	void close() {
		this.pools.forEach(ConnectionPool::dispose);
		this.redisConnections.forEach(LettuceConnectionFactory::destroy);
	}

	private KeyedLock postgres() {
		ConnectionPool pool = new ConnectionPool(ConnectionPoolConfiguration
			.builder(ConnectionFactories.get("r2dbc:postgresql://postgres@127.0.0.1:5432/test"))
			.maxSize(10)
			.build());
		this.pools.add(pool);
		return new PostgresKeyedLock(pool, FAST);
	}

	private KeyedLock redis() {
		LettuceConnectionFactory connections = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", 6379));
		connections.afterPropertiesSet();
		connections.start();
		this.redisConnections.add(connections);
		return new RedisKeyedLock(new ReactiveStringRedisTemplate(connections), "smartermcp-it:" + this.run + ":",
				Duration.ofMinutes(1), FAST);
	}

	/**
	 * 20 calls of one key spread over two replicas; each checks nobody else is inside.
	 */
	private static void neverOverlap(KeyedLock one, KeyedLock two, String key) {
		AtomicInteger inside = new AtomicInteger();
		AtomicInteger most = new AtomicInteger();
		AtomicInteger done = new AtomicInteger();
		List<Integer> results = Flux.range(0, 20)
			.flatMap((i) -> ((i % 2 == 0) ? one : two).withLock(key, Mono.fromCallable(() -> {
				most.accumulateAndGet(inside.incrementAndGet(), Math::max);
				return i;
			}).delayElement(Duration.ofMillis(10)).doOnNext((v) -> {
				inside.decrementAndGet();
				done.incrementAndGet();
			})), 20)
			.collectList()
			.block(Duration.ofSeconds(60));
		assertThat(results).hasSize(20);
		assertThat(done.get()).isEqualTo(20);
		assertThat(most.get()).as("calls inside the lock at once").isEqualTo(1);
	}

	@Test
	void postgresAdvisoryLocksExcludeAcrossReplicas() {
		neverOverlap(postgres(), postgres(), "odoo-upsert:acme:racer@example.com:" + this.run);
	}

	@Test
	void redisLocksExcludeAcrossReplicas() {
		neverOverlap(redis(), redis(), "odoo-upsert:acme:racer@example.com:" + this.run);
	}

	@Test
	void inProcessLocksExcludeInOneProcess() {
		KeyedLock lock = new InProcessKeyedLock();
		neverOverlap(lock, lock, "k");
	}

	@Test
	void aFailureReleasesTheLock() {
		for (KeyedLock lock : List.of(postgres(), redis(), new InProcessKeyedLock())) {
			String key = "fails-" + this.run;
			assertThatThrownBy(() -> lock.withLock(key, Mono.error(new IllegalStateException("boom"))).block())
				.hasMessage("boom");
			assertThat(lock.withLock(key, Mono.just("free again")).block(Duration.ofSeconds(10)))
				.isEqualTo("free again");
		}
	}

	@Test
	void aHeldKeyRefusesAfterTheWait() {
		LockPolling shortWait = new LockPolling(Duration.ofMillis(5), Duration.ofMillis(200));
		ConnectionPool pool = new ConnectionPool(ConnectionPoolConfiguration
			.builder(ConnectionFactories.get("r2dbc:postgresql://postgres@127.0.0.1:5432/test"))
			.build());
		this.pools.add(pool);
		KeyedLock holder = postgres();
		KeyedLock waiter = new PostgresKeyedLock(pool, shortWait);
		String key = "held-" + this.run;
		Mono<String> hold = holder.withLock(key, Mono.delay(Duration.ofSeconds(2)).thenReturn("held"));
		Mono<String> wait = Mono.delay(Duration.ofMillis(300)).then(waiter.withLock(key, Mono.just("never")));
		assertThatThrownBy(() -> Mono.zip(hold, wait).block(Duration.ofSeconds(10)))
			.isInstanceOf(ServiceUnavailableException.class)
			.hasMessageContaining("another call holds the lock");
	}

	@Test
	void differentKeysDoNotWaitForEachOther() {
		KeyedLock lock = redis();
		Mono<String> slow = lock.withLock("a-" + this.run, Mono.delay(Duration.ofSeconds(1)).thenReturn("a"));
		Mono<String> fast = lock.withLock("b-" + this.run, Mono.just("b"));
		// b completes while a is held: first of the two to finish is b
		assertThat(Flux.merge(slow, fast).blockFirst(Duration.ofSeconds(10))).isEqualTo("b");
	}

}
