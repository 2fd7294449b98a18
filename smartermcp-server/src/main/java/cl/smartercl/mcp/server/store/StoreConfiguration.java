package cl.smartercl.mcp.server.store;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactory;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The token, tenant and audit store: a pooled R2DBC {@link ConnectionFactory} over the
 * embedded H2 file (default) or PostgreSQL ({@code SMARTERMCP_DB_URL}), migrated by
 * Flyway over JDBC before the pool opens. Migrations live in
 * {@code classpath:db/migration} ({@code V1__tenants_and_tokens.sql};
 * {@code V2__audit.sql} is reserved for the audit trail).
 * <p>
 * Defining the {@link ConnectionFactory} here makes Spring Boot's R2DBC
 * auto-configuration (and its {@code spring.r2dbc.*} properties) back off, so the store
 * is configured by {@code smartermcp.*} only.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StoreProperties.class)
public class StoreConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(StoreConfiguration.class);

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

	@Bean
	StoreLocation storeLocation(StoreProperties properties) {
		StoreLocation location = StoreLocation.of(properties);
		if (location.kind() == StoreLocation.Kind.H2) {
			try {
				Files.createDirectories(properties.dataDir());
			}
			catch (IOException ex) {
				throw new IllegalStateException("Cannot create the data directory " + properties.dataDir()
						+ " (SMARTERMCP_DATA_DIR): " + ex.getMessage(), ex);
			}
		}
		return location;
	}

	/**
	 * Brings the schema up to date before anything reads it; the pool below depends on
	 * it.
	 */
	@Bean
	StoreMigration storeMigration(StoreLocation location) {
		Flyway flyway = Flyway.configure()
			.dataSource(location.jdbcUrl(), location.username(), location.password())
			.locations("classpath:db/migration")
			.connectRetries(3)
			.load();
		MigrateResult result = flyway.migrate();
		logger.info("Store: {} at schema version {} ({} migration(s) applied)", location.description(),
				(result.targetSchemaVersion != null) ? result.targetSchemaVersion : result.initialSchemaVersion,
				result.migrationsExecuted);
		return new StoreMigration(result.migrationsExecuted);
	}

	// dispose() closes every pooled connection, which also closes the embedded H2 file.
	@Bean(destroyMethod = "dispose")
	ConnectionPool connectionFactory(StoreLocation location, StoreMigration migration) {
		ConnectionPoolConfiguration configuration = ConnectionPoolConfiguration
			.builder(location.connectionFactory(CONNECT_TIMEOUT))
			.name("smartermcp-store")
			.initialSize(0)
			.maxSize(10)
			.maxIdleTime(Duration.ofMinutes(10))
			.maxAcquireTime(Duration.ofSeconds(10))
			.maxCreateConnectionTime(CONNECT_TIMEOUT)
			.acquireRetry(1)
			.build();
		return new ConnectionPool(configuration);
	}

	@Bean
	DatabaseClient databaseClient(ConnectionFactory connectionFactory) {
		return DatabaseClient.create(connectionFactory);
	}

	@Bean
	StoreClient storeClient(DatabaseClient databaseClient, StoreLocation location) {
		return new StoreClient(databaseClient,
				location.blockingDriver() ? Schedulers.boundedElastic() : Schedulers.immediate());
	}

	/** Marks the schema as migrated; beans that touch the database depend on it. */
	record StoreMigration(int migrationsApplied) {
	}

}
