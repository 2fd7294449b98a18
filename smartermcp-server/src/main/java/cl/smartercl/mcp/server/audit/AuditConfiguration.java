package cl.smartercl.mcp.server.audit;

import java.nio.file.Path;
import java.time.Clock;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import cl.smartercl.mcp.server.dispatch.ToolCallInterceptor;
import cl.smartercl.mcp.server.store.StoreClient;
import cl.smartercl.mcp.server.store.StoreProperties;

/**
 * The audit trail: its store, the group-committing writer, the interceptor that feeds it,
 * {@code GET /audit}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
public class AuditConfiguration {

	private static final Logger log = LoggerFactory.getLogger(AuditConfiguration.class);

	/**
	 * Every row names the replica that stored it: {@code SMARTERMCP_REPLICA_ID}, else the
	 * host name.
	 */
	@Bean
	AuditStore auditStore(StoreClient store, @Value("${smartermcp.replica-id:}") String replicaId) {
		AuditStore auditStore = new AuditStore(store, ReplicaId.of(replicaId));
		log.info("Audit rows name this replica '{}' (SMARTERMCP_REPLICA_ID)", auditStore.replica());
		return auditStore;
	}

	// close() commits the rows still queued; the store's pool, which this bean depends
	// on, closes after it
	@Bean(destroyMethod = "close")
	AuditWriter auditWriter(AuditStore store, AuditProperties properties, StoreProperties storeProperties,
			ObjectProvider<MeterRegistry> registry) {
		AuditSpool spool = null;
		if (properties.spoolEnabled()) {
			Path directory = (properties.spoolDir() != null) ? properties.spoolDir()
					: storeProperties.dataDir().resolve("audit-spool");
			spool = AuditSpool.open(directory, store.replica(), properties.spoolMaxSize().toBytes());
			if (spool != null) {
				log.info("Audit spool {} (at most {} bytes): reads are answered while the audit store is down",
						spool.directory(), properties.spoolMaxSize().toBytes());
			}
		}
		else {
			log.info("Audit spool off (smartermcp.audit.spool-max-size=0): reads are withheld while the audit store"
					+ " is down");
		}
		AuditWriter writer = new AuditWriter(store, spool, store::replay, properties, Schedulers.parallel());
		registry.ifAvailable((meters) -> {
			Gauge.builder("mcp.audit.spool.rows", writer::spoolRows)
				.description("Audit rows in the local spool, waiting for the audit store")
				.strongReference(true)
				.register(meters);
			Gauge.builder("mcp.audit.spool.bytes", writer::spoolBytes)
				.description("Bytes of the local audit spool's files")
				.baseUnit("bytes")
				.strongReference(true)
				.register(meters);
			FunctionCounter.builder("mcp.audit.spooled.rows", writer, AuditWriter::spooledRows)
				.description("Audit rows put in the local spool because the audit store could not commit them")
				.register(meters);
			FunctionCounter.builder("mcp.audit.replayed.rows", writer, AuditWriter::replayedRows)
				.description("Audit rows moved from the local spool into the audit store")
				.register(meters);
		});
		return writer;
	}

	@Bean
	AuditSpoolStatus auditSpoolStatus(AuditWriter writer) {
		return new AuditSpoolStatus() {

			@Override
			public long spooledRows() {
				return writer.spoolRows();
			}

			@Override
			public boolean accepting() {
				return writer.spoolAccepting();
			}

		};
	}

	@Bean
	ToolCallInterceptor auditInterceptor(AuditWriter writer) {
		return new AuditInterceptor(writer, Clock.systemUTC());
	}

	@Bean
	RouterFunction<ServerResponse> auditRouter(AuditStore store) {
		AuditRoutes routes = new AuditRoutes(store);
		return RouterFunctions.route().GET("/audit", routes::list).build();
	}

}
