package cl.smartercl.mcp.server.audit;

import java.time.Clock;

import reactor.core.scheduler.Schedulers;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import cl.smartercl.mcp.server.dispatch.ToolCallInterceptor;
import cl.smartercl.mcp.server.store.StoreClient;

/** The audit trail: its store, the group-committing writer, the interceptor that feeds it, {@code GET /audit}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
public class AuditConfiguration {

	@Bean
	AuditStore auditStore(StoreClient store) {
		return new AuditStore(store);
	}

	// close() commits the rows still queued; the store's pool, which this bean depends on, closes after it
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
