package cl.smartercl.mcp.benchmarks.ceiling;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The ceiling: a bare Spring Boot WebFlux application (same Boot, Netty and JVM as the
 * server) whose one endpoint answers a constant JSON body of the size of the trivial
 * tool's REST answer, doing no work: no auth, no store, no JSON binding. Nothing on this
 * machine serves HTTP calls through WebFlux faster than this.
 */
@SpringBootApplication
public class CeilingApplication {

	/**
	 * Same shape and size as SmarterMCP's REST answer of the benchmark's services_list.
	 */
	static final String BODY = "{\"services\":[{\"id\":\"web\",\"name\":\"Web shop\",\"type\":\"frontend\",\"state\":\"running\","
			+ "\"health\":\"healthy\",\"container\":\"web-1\",\"image\":\"registry.local/web\",\"version\":\"2.4.1\"},"
			+ "{\"id\":\"api\",\"name\":\"Orders API\",\"type\":\"backend\",\"state\":\"running\",\"health\":\"healthy\","
			+ "\"container\":\"api-1\",\"image\":\"registry.local/api\",\"version\":\"1.9.0\"},{\"id\":\"db\","
			+ "\"name\":\"PostgreSQL\",\"type\":\"infrastructure\",\"state\":\"running\",\"container\":\"db-1\","
			+ "\"image\":\"postgres\",\"version\":\"16\"}],\"count\":3}";

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(CeilingApplication.class);
		application
			.setDefaultProperties(java.util.Map.of("spring.main.banner-mode", "off", "server.address", "127.0.0.1"));
		application.run(args);
	}

	@Bean
	RouterFunction<ServerResponse> ceilingRoutes() {
		return RouterFunctions.route()
			.POST("/tools/services_list",
					(request) -> request.bodyToMono(String.class)
						.defaultIfEmpty("")
						.then(ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(BODY)))
			.build();
	}

}
