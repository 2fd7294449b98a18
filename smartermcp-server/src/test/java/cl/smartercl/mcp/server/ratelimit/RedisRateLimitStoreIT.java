package cl.smartercl.mcp.server.ratelimit;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store contract against the real Redis on 127.0.0.1:6379, under a key prefix of this
 * run.
 */
class RedisRateLimitStoreIT extends RateLimitStoreContract {

	private static final String PREFIX = "smartermcp-it:" + UUID.randomUUID() + ":";

	private static LettuceConnectionFactory connections;

	private static ReactiveStringRedisTemplate redis;

	@BeforeAll
	static void connect() {
		connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", 6379));
		connections.afterPropertiesSet();
		connections.start();
		redis = new ReactiveStringRedisTemplate(connections);
		assertThat(redis.getConnectionFactory().getReactiveConnection().ping().block(Duration.ofSeconds(5)))
			.isEqualTo("PONG");
	}

	@AfterEach
	void clean() {
		redis.keys(PREFIX + "*")
			.collectList()
			.filter((keys) -> !keys.isEmpty())
			.flatMap((keys) -> redis.delete(keys.toArray(String[]::new)))
			.block(Duration.ofSeconds(5));
		assertThat(redis.keys(PREFIX + "*").collectList().block(Duration.ofSeconds(5))).isEmpty();
	}

	@AfterAll
	static void disconnect() {
		connections.destroy();
	}

	@Override
	RateLimitStore store() {
		return new RedisRateLimitStore(redis, PREFIX);
	}

}
