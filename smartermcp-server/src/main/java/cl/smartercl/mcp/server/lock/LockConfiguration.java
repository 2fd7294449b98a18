package cl.smartercl.mcp.server.lock;

import java.time.Duration;

import io.r2dbc.spi.ConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import cl.smartercl.mcp.connectors.ports.InProcessKeyedLock;
import cl.smartercl.mcp.connectors.ports.KeyedLock;
import cl.smartercl.mcp.server.store.StoreLocation;

/**
 * The lock connectors hold for check-then-act sequences (the Odoo upsert): a PostgreSQL
 * advisory lock when the store is PostgreSQL ({@code SMARTERMCP_DB_URL}), else Redis when
 * {@code SMARTERMCP_REDIS_URL} is set, both shared by every replica; otherwise a lock of
 * this process only.
 */
@Configuration(proxyBeanMethods = false)
public class LockConfiguration {

	private static final Logger log = LoggerFactory.getLogger(LockConfiguration.class);

	@Bean
	KeyedLock keyedLock(StoreLocation store, ObjectProvider<ConnectionFactory> connections, Environment environment,
			ObjectProvider<ReactiveStringRedisTemplate> redis) {
		if (store.kind() == StoreLocation.Kind.POSTGRESQL) {
			log.info("connector locks: PostgreSQL advisory locks of the store, shared by every replica");
			return new PostgresKeyedLock(connections.getObject(), LockPolling.defaults());
		}
		String redisUrl = environment.getProperty("smartermcp.redis-url");
		if (redisUrl != null && !redisUrl.isBlank()) {
			log.info("connector locks: Redis (keys smartermcp:lock:*), shared by every replica");
			return new RedisKeyedLock(redis.getObject(), "smartermcp:lock:", Duration.ofMinutes(5),
					LockPolling.defaults());
		}
		log.info(
				"connector locks: in this process only (a PostgreSQL store or SMARTERMCP_REDIS_URL shares them between replicas)");
		return new InProcessKeyedLock();
	}

}
