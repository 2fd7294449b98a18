package cl.smartercl.mcp.server.audit;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

import cl.smartercl.mcp.core.auth.Principal;
import cl.smartercl.mcp.core.auth.ScopeSet;
import cl.smartercl.mcp.core.error.ServiceUnavailableException;
import cl.smartercl.mcp.core.schema.ToolJson;
import cl.smartercl.mcp.core.tool.ToolDefinition;
import cl.smartercl.mcp.core.tool.Transport;
import cl.smartercl.mcp.core.tools.services.ServicesTools;
import cl.smartercl.mcp.core.tools.workflows.WorkflowsTools;
import cl.smartercl.mcp.server.dispatch.CallMetadata;
import cl.smartercl.mcp.server.dispatch.ToolCall;
import cl.smartercl.mcp.testsupport.Eventually;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What a call answers when its audit row cannot be committed (the store refuses every
 * batch, or only completions): a write is refused before its backend is touched, a read's
 * answer is withheld, both with the documented 503 of the {@code audit} service; a write
 * whose completion is lost still answers, since its backend was called and its intent is
 * on record.
 */
class AuditInterceptorTests {

	private final List<AuditWriter> writers = new ArrayList<>();

	@AfterEach
	void close() {
		this.writers.forEach(AuditWriter::close);
	}

	@Test
	void aWriteWhoseIntentCannotBeCommittedIsRefusedBeforeTheBackendIsTouched() {
		AuditInterceptor interceptor = interceptor(
				(inserts, completions) -> Mono.error(new IllegalStateException("disk full")));
		AtomicInteger backendCalls = new AtomicInteger();
		Mono<JsonNode> backend = Mono.fromCallable(() -> {
			backendCalls.incrementAndGet();
			return ok();
		});
		assertThatThrownBy(() -> interceptor.intercept(call(WorkflowsTools.WORKFLOWS_TRIGGER), backend)
			.block(Duration.ofSeconds(30))).isInstanceOfSatisfying(ServiceUnavailableException.class, (ex) -> {
				assertThat(ex.service()).isEqualTo("audit");
				assertThat(ex.getMessage()).isEqualTo("Service 'audit' is currently unavailable: "
						+ "the audit trail cannot record the call, so the write was not attempted");
				assertThat(ex.getMessage()).doesNotContain("disk full");
			});
		assertThat(backendCalls).hasValue(0);
	}

	@Test
	void aReadWhoseRowCannotBeCommittedHasItsAnswerWithheld() {
		AuditInterceptor interceptor = interceptor(
				(inserts, completions) -> Mono.error(new IllegalStateException("disk full")));
		AtomicInteger backendCalls = new AtomicInteger();
		Mono<JsonNode> backend = Mono.fromCallable(() -> {
			backendCalls.incrementAndGet();
			return ok();
		});
		assertThatThrownBy(
				() -> interceptor.intercept(call(ServicesTools.SERVICES_HEALTH), backend).block(Duration.ofSeconds(30)))
			.isInstanceOfSatisfying(ServiceUnavailableException.class, (ex) -> {
				assertThat(ex.service()).isEqualTo("audit");
				assertThat(ex.getMessage()).isEqualTo("Service 'audit' is currently unavailable: "
						+ "the audit trail cannot record the call, so its answer was withheld");
			});
		assertThat(backendCalls).hasValue(1);
	}

	@Test
	void aWriteWhoseCompletionCannotBeCommittedStillAnswers() {
		AtomicInteger intents = new AtomicInteger();
		AuditInterceptor interceptor = interceptor((inserts, completions) -> {
			if (!completions.isEmpty()) {
				return Mono.error(new IllegalStateException("disk full"));
			}
			intents.addAndGet(inserts.size());
			return Mono.empty();
		});
		JsonNode answer = interceptor.intercept(call(WorkflowsTools.WORKFLOWS_TRIGGER), Mono.just(ok()))
			.block(Duration.ofSeconds(30));
		assertThat(answer).isEqualTo(ok());
		assertThat(intents).hasValue(1);
	}

	@Test
	void aReadAnswersOnceItsRowIsCommitted() {
		List<AuditRecord> stored = new ArrayList<>();
		AuditInterceptor interceptor = interceptor(
				(inserts, completions) -> Mono.fromRunnable(() -> stored.addAll(inserts)));
		JsonNode answer = interceptor.intercept(call(ServicesTools.SERVICES_HEALTH), Mono.just(ok()))
			.block(Duration.ofSeconds(30));
		assertThat(answer).isEqualTo(ok());
		assertThat(stored).singleElement().satisfies((record) -> {
			assertThat(record.outcome()).isEqualTo(AuditRecord.OK);
			assertThat(record.completedAt()).isNotNull();
		});
	}

	@Test
	void aRoundThatStopsToAskTheClientIsOnRecordAsInputRequiredAndACancelledCallAsCancelled() {
		List<AuditRecord> stored = new CopyOnWriteArrayList<>();
		AuditInterceptor interceptor = interceptor(
				(inserts, completions) -> Mono.fromRunnable(() -> stored.addAll(inserts)));
		ToolCall asking = call(ServicesTools.SERVICES_HEALTH);
		asking.metadata().markInputRequired();
		interceptor.intercept(asking, Mono.never()).subscribe().dispose();
		ToolCall cancelled = call(ServicesTools.SERVICES_HEALTH);
		interceptor.intercept(cancelled, Mono.never()).subscribe().dispose();
		// stored after the cancellation, without anybody waiting
		List<AuditRecord> records = Eventually.poll(Duration.ofSeconds(30), () -> List.copyOf(stored),
				(r) -> r.size() == 2);
		assertThat(records).extracting(AuditRecord::requestId, AuditRecord::outcome)
			.containsExactlyInAnyOrder(tuple(asking.requestId(), AuditRecord.INPUT_REQUIRED),
					tuple(cancelled.requestId(), AuditRecord.CANCELLED));
	}

	private AuditInterceptor interceptor(AuditWriter.BatchStore store) {
		AuditWriter writer = new AuditWriter(store, new AuditProperties(null, null, null, null), Schedulers.parallel());
		this.writers.add(writer);
		return new AuditInterceptor(writer, Clock.systemUTC());
	}

	private static ToolCall call(ToolDefinition<?, ?> tool) {
		return new ToolCall(tool, new Principal("acme", "token-1", "agent", ScopeSet.all()),
				UUID.randomUUID().toString(), Transport.REST,
				ToolJson.mapper().createObjectNode().put("workflow_id", "wf-1"), new CallMetadata());
	}

	private static JsonNode ok() {
		return ToolJson.mapper().createObjectNode().put("ok", true);
	}

}
