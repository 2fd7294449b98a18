package cl.smartercl.mcp.server.audit;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import cl.smartercl.mcp.server.dispatch.ToolCallInterceptor;
import cl.smartercl.mcp.server.store.StoreClient;

/** The audit trail: its store, the interceptor that feeds it, and {@code GET /audit}. */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

	@Bean
	AuditStore auditStore(StoreClient store) {
		return new AuditStore(store);
	}

	@Bean
	ToolCallInterceptor auditInterceptor(AuditStore store) {
		return new AuditInterceptor(store, Clock.systemUTC());
	}

	@Bean
	RouterFunction<ServerResponse> auditRouter(AuditStore store) {
		AuditRoutes routes = new AuditRoutes(store);
		return RouterFunctions.route().GET("/audit", routes::list).build();
	}

}
