package cl.smartercl.mcp.server.audit;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import cl.smartercl.mcp.server.dispatch.ToolCallInterceptor;
import cl.smartercl.mcp.server.store.StoreClient;

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
	AuditWriter auditWriter(AuditStore store, AuditProperties properties) {
		return new AuditWriter(store, properties, Schedulers.parallel());
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
