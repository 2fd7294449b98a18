package cl.smartercl.mcp.server.lock;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import cl.smartercl.mcp.connectors.ports.KeyedLock;

/**
 * A {@link KeyedLock} every replica sharing the Redis honours:
 * {@code SET key token NX PX lease} takes it, a compare-and-delete script releases it
 * (never another holder's). The lease bounds how long a crashed holder blocks the key;
 * work longer than the lease would lose the lock, so the lease is well above a
 * connector's call timeouts.
 */
final class RedisKeyedLock implements KeyedLock {

	private static final RedisScript<Long> RELEASE = RedisScript.of(
			"if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end",
			Long.class);

	private final ReactiveStringRedisTemplate redis;

	private final String prefix;

	private final Duration lease;

	private final LockPolling polling;

	RedisKeyedLock(ReactiveStringRedisTemplate redis, String prefix, Duration lease, LockPolling polling) {
		this.redis = redis;
		this.prefix = prefix;
		this.lease = lease;
		this.polling = polling;
	}

	@Override
	public <T> Mono<T> withLock(String key, Mono<T> work) {
		String name = this.prefix + key;
		return Mono.defer(() -> {
			String token = UUID.randomUUID().toString();
			Mono<LockPolling.Attempt<T>> attempt = this.redis.opsForValue()
				.setIfAbsent(name, token, this.lease)
				.flatMap((held) -> !held ? Mono.just(LockPolling.Attempt.<T>taken()) : Mono.usingWhen(Mono.just(token),
						(t) -> work.map(LockPolling.Attempt::done).defaultIfEmpty(LockPolling.Attempt.done(null)),
						(t) -> release(name, t)));
			return this.polling.poll(key, attempt);
		});
	}

	private Mono<Long> release(String name, String token) {
		return this.redis.execute(RELEASE, List.of(name), List.of(token)).next();
	}

}
