package cl.smartercl.mcp.server.audit;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

import cl.smartercl.mcp.connectors.config.TenantConfig;
import cl.smartercl.mcp.core.auth.Principal;
import cl.smartercl.mcp.core.auth.ScopeSet;
import cl.smartercl.mcp.core.error.NotFoundException;
import cl.smartercl.mcp.core.error.ServiceUnavailableException;
import cl.smartercl.mcp.core.schema.ToolJson;
import cl.smartercl.mcp.core.tool.Catalog;
import cl.smartercl.mcp.core.tool.ClientChannel;
import cl.smartercl.mcp.core.tool.ToolDefinition;
import cl.smartercl.mcp.core.tool.Transport;
import cl.smartercl.mcp.core.tools.documentation.DocsApis;
import cl.smartercl.mcp.core.tools.documentation.DocsSchemas;
import cl.smartercl.mcp.core.tools.documentation.DocsServices;
import cl.smartercl.mcp.core.tools.documentation.DocumentationPort;
import cl.smartercl.mcp.core.tools.documentation.DocumentationTools;
import cl.smartercl.mcp.server.config.ServerProperties;
import cl.smartercl.mcp.server.dispatch.ToolDispatcher;
import cl.smartercl.mcp.server.metrics.ToolMetrics;
import cl.smartercl.mcp.server.resilience.ResilienceInterceptor;
import cl.smartercl.mcp.server.resilience.ResilienceProperties;
import cl.smartercl.mcp.server.tenant.TenantDirectory;
import cl.smartercl.mcp.testsupport.Eventually;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The dispatcher with the server's own interceptors (metrics, audit, resilience): a tool
 * that guards its own calls ({@code docs_services}) takes the short path, without the
 * resilience operators, and is recorded, counted and refused exactly like any call,
 * within the server's tool time-out; a tool that reaches a backend through the server's
 * guards ({@code docs_apis}) still gets its attempt time limit, circuit breaker and
 * bulkhead.
 */
class GuardedToolPathTests {

	private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(1);

	private static final Duration ATTEMPT = Duration.ofMillis(100);

	private final List<AuditRecord> stored = new CopyOnWriteArrayList<>();

	private final AuditWriter writer = new AuditWriter(
			(inserts, completions) -> Mono.fromRunnable(() -> this.stored.addAll(inserts)),
			new AuditProperties(null, null, null, null), Schedulers.parallel());

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final CircuitBreakerRegistry circuitBreakers = CircuitBreakerRegistry.ofDefaults();

	private final BulkheadRegistry bulkheads = BulkheadRegistry.ofDefaults();

	// one attempt: a hanging backend fails at the attempt's limit, not after retries
	private final RetryRegistry retries = RetryRegistry.of(RetryConfig.custom().maxAttempts(1).build());

	private final Principal principal = new Principal("acme", "token-1", "agent", ScopeSet.all());

	@AfterEach
	void close() {
		this.writer.close();
	}

	@Test
	void onlyDocsServicesGuardsItsOwnCallsAndEveryOtherOpenWorldToolIsGuardedByTheServer() {
		ResilienceInterceptor resilience = resilience();
		for (ToolDefinition<?, ?> tool : Catalog.standard().tools()) {
			assertThat(tool.guardsOwnCalls()).as(tool.name()).isEqualTo(tool.name().equals("docs_services"));
			assertThat(resilience.appliesTo(tool)).as(tool.name())
				.isEqualTo(tool.hints().openWorld() && !tool.name().equals("docs_services"));
		}
	}

	@Test
	void aWriteCannotBeDeclaredToGuardItsOwnCalls() {
		ToolDefinition<?, ?> write = Catalog.standard()
			.tools()
			.stream()
			.filter(ToolDefinition::isWrite)
			.findFirst()
			.orElseThrow();
		assertThatThrownBy(write::guardingOwnCalls).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining(write.name());
		assertThatThrownBy(() -> guardingCopy(write)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining(write.name());
	}

	@Test
	void theShortPathAnswersIsRecordedAndCountedWithoutTheBackendGuards() {
		ToolDispatcher dispatcher = dispatcher(new FakeDocs((in) -> Mono.just(output(in.serviceId())), null));
		JsonNode answer = call(dispatcher, "docs_services", "{\"service_id\":\"n8n\"}", "req-ok");
		assertThat(answer).isEqualTo(ToolJson.mapper().valueToTree(output("n8n")));
		assertThat(this.stored).singleElement().satisfies((row) -> {
			assertThat(row.tool()).isEqualTo("docs_services");
			assertThat(row.outcome()).isEqualTo(AuditRecord.OK);
			assertThat(row.requestId()).isEqualTo("req-ok");
			assertThat(row.arguments()).isEqualTo("{\"service_id\":\"n8n\"}");
			assertThat(row.completedAt()).isNotNull();
		});
		// the metrics are recorded as the call's Mono ends, which may be just after the
		// caller has its answer
		assertThat(Eventually.until(Duration.ofSeconds(10), () -> durations("docs_services") == 1)).isTrue();
		assertThat(requests("docs_services", "ok")).isEqualTo(1.0);
		// no breaker, bulkhead or retry was built for the call
		assertThat(this.circuitBreakers.getAllCircuitBreakers()).isEmpty();
		assertThat(this.bulkheads.getAllBulkheads()).isEmpty();
		assertThat(this.retries.getAllRetries()).isEmpty();
	}

	@Test
	void aFailureOnTheShortPathIsTheSameErrorRowAndMetrics() {
		ToolDispatcher dispatcher = dispatcher(new FakeDocs(
				(in) -> Mono.error(new NotFoundException("service", in.serviceId(), "No such service")), null));
		assertThatThrownBy(() -> call(dispatcher, "docs_services", "{\"service_id\":\"nope\"}", "req-404"))
			.isInstanceOf(NotFoundException.class);
		assertThatThrownBy(() -> call(dispatcher, "docs_services", "{}", "req-400")).hasMessageContaining("service_id");
		assertThat(this.stored).extracting(AuditRecord::requestId, AuditRecord::outcome)
			.containsExactlyInAnyOrder(org.assertj.core.api.Assertions.tuple("req-404", "not_found"),
					org.assertj.core.api.Assertions.tuple("req-400", "invalid_arguments"));
		assertThat(Eventually.until(Duration.ofSeconds(10), () -> errors("docs_services", "not_found") == 1.0
				&& errors("docs_services", "invalid_arguments") == 1.0))
			.isTrue();
		assertThat(requests("docs_services", "error")).isEqualTo(2.0);
		assertThat(durations("docs_services")).isEqualTo(2);
		assertThat(this.circuitBreakers.getAllCircuitBreakers()).isEmpty();
	}

	@Test
	void theServersToolTimeOutStillBoundsAShortPathCall() {
		ToolDispatcher dispatcher = dispatcher(new FakeDocs((in) -> Mono.never(), null));
		assertThatThrownBy(() -> call(dispatcher, "docs_services", "{\"service_id\":\"n8n\"}", "req-slow"))
			.isInstanceOfSatisfying(ServiceUnavailableException.class, (ex) -> assertThat(ex.getMessage())
				.isEqualTo("Service 'documentation' is currently unavailable: no answer within 1 s"));
		assertThat(this.stored).singleElement()
			.satisfies((row) -> assertThat(row.outcome()).isEqualTo("service_unavailable"));
	}

	@Test
	void aToolThatReachesABackendThroughTheServerKeepsItsTimeLimitBreakerAndBulkhead() {
		ToolDispatcher dispatcher = dispatcher(new FakeDocs(null, (in) -> Mono.never()));
		assertThatThrownBy(() -> call(dispatcher, "docs_apis", "{\"service_id\":\"n8n\"}", "req-hang"))
			.isInstanceOfSatisfying(ServiceUnavailableException.class, (ex) -> assertThat(ex.getMessage())
				.isEqualTo("Service 'documentation' is currently unavailable: no answer within 100 ms"));
		String name = ResilienceInterceptor.instanceName("acme", "documentation");
		assertThat(this.circuitBreakers.circuitBreaker(name).getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
		assertThat(this.bulkheads.getAllBulkheads()).extracting((bulkhead) -> bulkhead.getName()).containsExactly(name);
		assertThat(this.retries.getAllRetries()).extracting((retry) -> retry.getName()).containsExactly(name);
		assertThat(this.stored).singleElement()
			.satisfies((row) -> assertThat(row.outcome()).isEqualTo("service_unavailable"));
	}

	/** The tool, through the canonical constructor, declared to guard its own calls. */
	private static <I, O> ToolDefinition<I, O> guardingCopy(ToolDefinition<I, O> tool) {
		return new ToolDefinition<>(tool.name(), tool.category(), tool.description(), tool.scope(), tool.hints(),
				tool.backend(), tool.requires(), tool.inputType(), tool.outputType(), tool.handler(), tool.timeLimit(),
				true);
	}

	private double errors(String tool, String type) {
		io.micrometer.core.instrument.Counter counter = this.meters.find("mcp.errors")
			.tags("tool", tool, "error_type", type)
			.counter();
		return (counter == null) ? 0 : counter.count();
	}

	private long durations(String tool) {
		io.micrometer.core.instrument.Timer timer = this.meters.find("mcp.request.duration").tag("tool", tool).timer();
		return (timer == null) ? 0 : timer.count();
	}

	private double requests(String tool, String status) {
		io.micrometer.core.instrument.Counter counter = this.meters.find("mcp.requests")
			.tags("tool", tool, "agent", "tenant:acme", "status", status)
			.counter();
		return (counter == null) ? 0 : counter.count();
	}

	private JsonNode call(ToolDispatcher dispatcher, String tool, String arguments, String requestId) {
		return dispatcher
			.call(this.principal, tool, ToolJson.mapper().readTree(arguments), ClientChannel.NONE, requestId,
					Transport.REST)
			.block(Duration.ofSeconds(30));
	}

	private ResilienceInterceptor resilience() {
		return new ResilienceInterceptor(new ResilienceProperties(ATTEMPT, null, null, null, null, null, null, 1, null),
				this.circuitBreakers, this.bulkheads, this.retries, TOOL_TIMEOUT);
	}

	private ToolDispatcher dispatcher(DocumentationPort docs) {
		TenantDirectory tenants = new TenantDirectory(List.of(TenantConfig.empty("acme")),
				List.of((tenant, registrar) -> registrar.port(DocumentationPort.class, docs)));
		return new ToolDispatcher(new Catalog(List.of(DocumentationTools.DOCS_SERVICES, DocumentationTools.DOCS_APIS)),
				tenants, List.of(new ToolMetrics(this.meters), new AuditInterceptor(this.writer, Clock.systemUTC()),
						resilience()),
				new ServerProperties(null, null, TOOL_TIMEOUT, null, null, null));
	}

	private static DocsServices.Output output(String id) {
		return new DocsServices.Output(id, id, id, "A service.", List.of("docs_services"), Map.of("url", "http://x"),
				"1.0", "healthy", "# " + id);
	}

	private record FakeDocs(Function<DocsServices.Input, Mono<DocsServices.Output>> services,
			Function<DocsApis.Input, Mono<DocsApis.Output>> apis) implements DocumentationPort {

		@Override
		public Mono<DocsServices.Output> services(DocsServices.Input input) {
			return this.services.apply(input);
		}

		@Override
		public Mono<DocsApis.Output> apis(DocsApis.Input input) {
			return this.apis.apply(input);
		}

		@Override
		public Mono<DocsSchemas.Output> schemas(DocsSchemas.Input input) {
			return Mono.error(new IllegalStateException("not used"));
		}

	}

}
