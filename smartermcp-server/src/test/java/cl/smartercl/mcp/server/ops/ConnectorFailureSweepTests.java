package cl.smartercl.mcp.server.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cl.smartercl.mcp.connectors.config.TenantConfig;
import cl.smartercl.mcp.core.tool.Backend;
import cl.smartercl.mcp.connectors.ports.ConnectorProvider;
import cl.smartercl.mcp.connectors.ports.PortRegistrar;
import cl.smartercl.mcp.core.schema.ToolJson;
import cl.smartercl.mcp.core.schema.ToolSchemas;
import cl.smartercl.mcp.core.tool.Catalog;
import cl.smartercl.mcp.core.tool.ToolDefinition;
import cl.smartercl.mcp.core.tools.analytics.AnalyticsPort;
import cl.smartercl.mcp.core.tools.bots.BotsPort;
import cl.smartercl.mcp.core.tools.crm.CrmPort;
import cl.smartercl.mcp.core.tools.infrastructure.InfrastructurePort;
import cl.smartercl.mcp.core.tools.services.ServicesPort;
import cl.smartercl.mcp.core.tools.support.SupportPort;
import cl.smartercl.mcp.core.tools.workflows.WorkflowsPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15 #9, as a sweep: every port of every category (what each connector's client
 * offers the tools) fails with each kind of exception a client library throws — unmapped
 * runtime failures, I/O, time-outs, refused connections, an oversized answer, an unmapped
 * "not found" like Docker's — and every tool of the catalog is called over REST with
 * arguments its schema accepts. No answer is a 500 or an {@code internal_error}, and the
 * exception's own text (here a fake credential) never reaches the client. A new connector
 * is covered by its port being in {@link #PORTS}.
 */
@Import(ConnectorFailureSweepTests.Throwing.class)
class ConnectorFailureSweepTests extends OpsTestSupport {

	/**
	 * The ports the sweep makes fail: one entry per category served by a backend
	 * connector. The documentation and codegen ports are contributed for every tenant by
	 * their own providers (over bundled docs and the other ports), so a second
	 * implementation cannot be registered here; their backend reads (PostgreSQL for
	 * docs_schemas) are in {@link BackendFaultsIT}.
	 */
	static final List<Class<?>> PORTS = List.of(WorkflowsPort.class, ServicesPort.class, InfrastructurePort.class,
			CrmPort.class, SupportPort.class, BotsPort.class, AnalyticsPort.class);

	private static final String LEAK = "password=hunter2";

	/** Each kind of failure a connector's client may let escape. */
	private static final Map<String, Supplier<Throwable>> FAILURES = new LinkedHashMap<>();

	static {
		FAILURES.put("runtime", () -> new RuntimeException("db " + LEAK));
		FAILURES.put("illegal-state", () -> new IllegalStateException("state " + LEAK));
		FAILURES.put("null-pointer", NullPointerException::new);
		FAILURES.put("illegal-argument", () -> new IllegalArgumentException("arg " + LEAK));
		FAILURES.put("io", () -> new UncheckedIOException(new IOException("io " + LEAK)));
		FAILURES.put("timeout", () -> new TimeoutException("timeout " + LEAK));
		FAILURES.put("refused", () -> new ConnectException("Connection refused " + LEAK));
		FAILURES.put("too-large", () -> new DataBufferLimitException("limit " + LEAK));
		FAILURES.put("read-timeout", () -> io.netty.handler.timeout.ReadTimeoutException.INSTANCE);
		FAILURES.put("not-found", () -> new NotFoundLike("No such container " + LEAK));
	}

	private static volatile Supplier<Throwable> current = FAILURES.get("runtime");

	private static final AtomicInteger reached = new AtomicInteger();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("smartermcp.tenants-file", () -> tenantsFile("sweep"));
		registry.add("smartermcp.rate-limits.enabled", () -> false);
		// keep every call reaching its port: no open circuit, no retries
		registry.add("smartermcp.resilience.minimum-calls", () -> 100_000);
		registry.add("smartermcp.resilience.sliding-window-size", () -> 100_000);
		registry.add("smartermcp.resilience.retry-attempts", () -> 1);
	}

	/** A failure whose type no connector maps, like the Docker connector's own 404. */
	static final class NotFoundLike extends RuntimeException {

		NotFoundLike(String message) {
			super(message);
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Throwing {

		@Bean
		ConnectorProvider throwingConnectors() {
			return new ConnectorProvider() {
				@Override
				public void contribute(TenantConfig tenant, PortRegistrar registrar) {
					if (!tenant.id().equals("sweep")) {
						return;
					}
					for (Class<?> port : PORTS) {
						register(registrar, port);
					}
					for (Backend backend : Backend.values()) {
						registrar.serves(backend);
					}
				}
			};
		}

		private static <P> void register(PortRegistrar registrar, Class<P> port) {
			registrar.port(port, port
				.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] { port }, (proxy, method, args) -> {
					if (method.getDeclaringClass() == Object.class) {
						return switch (method.getName()) {
							case "hashCode" -> System.identityHashCode(proxy);
							case "equals" -> proxy == args[0];
							default -> port.getSimpleName() + " (failing)";
						};
					}
					reached.incrementAndGet();
					Throwable failure = current.get();
					if (Mono.class.isAssignableFrom(method.getReturnType())) {
						return Mono.error(failure);
					}
					if (Flux.class.isAssignableFrom(method.getReturnType())) {
						return Flux.error(failure);
					}
					throw (failure instanceof RuntimeException runtime) ? runtime : new IllegalStateException(failure);
				})));
		}

	}

	@Test
	void everyConnectorFailureIsAnErrorOfTheFamilyNamingTheBackend() {
		String token = issue("sweep", "sweep-agent").apiToken();
		List<String> problems = new ArrayList<>();
		int calls = 0;
		for (Map.Entry<String, Supplier<Throwable>> failure : FAILURES.entrySet()) {
			current = failure.getValue();
			int before = reached.get();
			for (ToolDefinition<?, ?> tool : Catalog.standard().tools()) {
				String arguments = ToolJson.mapper()
					.writeValueAsString(minimalArguments(ToolSchemas.schemaOf(tool.inputType())));
				OpsServer.Answer answer = call(token, tool.name(), arguments);
				calls++;
				String where = failure.getKey() + " in " + tool.name() + " " + arguments;
				if (answer.status() >= 500 && answer.status() != 502 && answer.status() != 503) {
					problems.add(where + ": " + answer.status() + " " + answer.body());
				}
				if (answer.body().contains("internal_error") || answer.body().contains("hunter2")) {
					problems.add(where + ": " + answer.body());
				}
			}
			assertThat(reached.get() - before).as("ports reached with %s", failure.getKey()).isPositive();
		}
		assertThat(problems).as("%d calls", calls).isEmpty();
	}

	/**
	 * Arguments the schema accepts: every required member with a value of its type (an
	 * enum's first).
	 */
	static JsonNode minimalArguments(JsonNode schema) {
		ObjectNode arguments = ToolJson.mapper().createObjectNode();
		Iterator<JsonNode> required = schema.path("required").iterator();
		while (required.hasNext()) {
			String name = required.next().asString();
			arguments.set(name, sample(schema.path("properties").path(name)));
		}
		return arguments;
	}

	private static JsonNode sample(JsonNode property) {
		if (property.has("enum")) {
			return property.path("enum").get(0);
		}
		String type = property.path("type").isArray() ? property.path("type").get(0).asString()
				: property.path("type").asString("string");
		return switch (type) {
			case "integer", "number" -> ToolJson.mapper().getNodeFactory().numberNode(1);
			case "boolean" -> ToolJson.mapper().getNodeFactory().booleanNode(false);
			case "array" -> ToolJson.mapper().createArrayNode();
			case "object" -> minimalArguments(property);
			default -> ToolJson.mapper().getNodeFactory().stringNode("sweep-1");
		};
	}

}
