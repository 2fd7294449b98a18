package cl.smartercl.mcp.server.ratelimit;

import io.lettuce.core.ClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import cl.smartercl.mcp.core.tool.Catalog;
import cl.smartercl.mcp.server.dispatch.ToolCallInterceptor;

/**
 * The rate limits: in this process by default; in Redis, shared by every replica, when
 * {@code smartermcp.redis-url} ({@code SMARTERMCP_REDIS_URL}) is set — Spring Boot's
 * Lettuce client is pointed at it by {@code spring.data.redis.url} in
 * {@code application.yaml}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
public class RateLimitConfiguration {

	private static final Logger log = LoggerFactory.getLogger(RateLimitConfiguration.class);

	/**
	 * While the connection to Redis is down, a command fails at once instead of queueing
	 * until Redis is back (Lettuce's default): the call then goes through unlimited
	 * without waiting out {@code redis-timeout}. Lettuce keeps reconnecting in the
	 * background; limits resume once it has.
	 */
	@Bean
	LettuceClientOptionsBuilderCustomizer failFastWhileRedisIsDown() {
		return (options) -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
	}

	@Bean
	ToolCallInterceptor rateLimitInterceptor(RateLimitProperties properties, Catalog catalog, Environment environment,
			ObjectProvider<ReactiveStringRedisTemplate> redis, ObjectProvider<RateLimitClock> clock) {
		RateLimitPolicy policy = new RateLimitPolicy(properties, catalog);
		if (!properties.enabled()) {
			log.warn("rate limits are OFF (smartermcp.rate-limits.enabled=false)");
			return (call, next) -> next;
		}
		String redisUrl = environment.getProperty("smartermcp.redis-url");
		RateLimitStore store;
		if (redisUrl != null && !redisUrl.isBlank()) {
			store = new RedisRateLimitStore(redis.getObject(), properties.redisKeyPrefix());
			log.info("rate limits kept in Redis (keys {}*), shared by every replica", properties.redisKeyPrefix());
		}
		else {
			store = new InMemoryRateLimitStore();
			log.info("rate limits kept in memory (set SMARTERMCP_REDIS_URL to share them between replicas)");
		}
		return new RateLimitInterceptor(policy, store, clock.getIfAvailable(() -> System::currentTimeMillis),
				properties.redisTimeout());
	}

}
