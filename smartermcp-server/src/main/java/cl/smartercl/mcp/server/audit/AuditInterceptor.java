package cl.smartercl.mcp.server.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.core.Ordered;

import cl.smartercl.mcp.core.error.ServiceUnavailableException;
import cl.smartercl.mcp.core.error.ToolException;
import cl.smartercl.mcp.core.schema.ToolJson;
import cl.smartercl.mcp.core.tool.ToolDefinition;
import cl.smartercl.mcp.server.dispatch.ConfirmationOutcome;
import cl.smartercl.mcp.server.dispatch.InterceptorOrder;
import cl.smartercl.mcp.server.dispatch.RefusedCall;
import cl.smartercl.mcp.server.dispatch.ToolCall;
import cl.smartercl.mcp.server.dispatch.ToolCallInterceptor;

/**
 * Puts every tool call, MCP or REST, on record, through the group-committing
 * {@link AuditWriter}: a call's answer waits until the transaction holding its row has
 * committed. A write is recorded as an intent ({@code pending}) BEFORE anything else runs
 * and completed after, so a crash mid-call leaves the intent; if the intent cannot be
 * stored the write is refused (a write never happens unrecorded). A read is recorded once
 * it has ended; its answer waits until the row is durable: committed in the store, or,
 * when the store cannot commit it, forced to disk in this replica's local spool
 * ({@link AuditSpool}, replayed into the store once it answers again). If neither can
 * take the row (no spool, or it is full) the read's answer is withheld and the call fails
 * with the same 503 (no answer goes out that the trail does not hold). A write's
 * completion that cannot be stored is logged and the answer goes out: the backend was
 * already called, and the intent is on record. A call refused before it ran (an unknown
 * tool, a scope the caller lacks) is one complete row whose outcome is the refusal's
 * code; if it cannot be stored the refusal still goes out.
 */
public class AuditInterceptor implements ToolCallInterceptor, Ordered {

	static final int MAX_ARGUMENTS_CHARS = 16_000;

	/** The width of the tool column: an unknown tool's name is cut to it. */
	static final int MAX_TOOL_CHARS = 64;

	private static final Logger log = LoggerFactory.getLogger(AuditInterceptor.class);

	static final String WRITE_REFUSED = "the audit trail cannot record the call, so the write was not attempted";

	static final String ANSWER_WITHHELD = "the audit trail cannot record the call, so its answer was withheld";

	private final AuditWriter writer;

	private final Clock clock;

	AuditInterceptor(AuditWriter writer, Clock clock) {
		this.writer = writer;
		this.clock = clock;
	}

	@Override
	public int getOrder() {
		return InterceptorOrder.AUDIT;
	}

	@Override
	public Mono<JsonNode> intercept(ToolCall call, Mono<JsonNode> next) {
		return Mono.defer(() -> {
			long start = System.nanoTime();
			AuditRecord record = start(call);
			// a caller may cancel after the outcome is known (a Mono's consumer cancels
			// once it has the
			// value): only the first ending is recorded
			AtomicBoolean ended = new AtomicBoolean();
			Mono<JsonNode> run = next
				.flatMap((result) -> finish(ended, record, AuditRecord.OK, call, start).thenReturn(result))
				.onErrorResume((ex) -> finish(ended, record, outcome(ex), call, start).then(Mono.error(ex)))
				.doOnCancel(() -> finish(ended, record, cancelled(call), call, start).subscribe(null, (ex) -> {
					// finish has logged it; nobody waits for a cancelled call's answer
				}));
			if (!record.write()) {
				return run;
			}
			return this.writer.insert(record).onErrorMap((ex) -> {
				log.error("audit trail unavailable: write {} (request {}) refused", call.tool().name(),
						call.requestId(), ex);
				return new ServiceUnavailableException("audit", WRITE_REFUSED);
			}).then(run);
		});
	}

	/**
	 * An unknown tool or a scope the caller lacks: on record as one complete row whose
	 * outcome is the refusal's code. If it cannot be stored the refusal still goes out
	 * (nothing was attempted).
	 */
	@Override
	public Mono<Void> refused(RefusedCall call) {
		return Mono.defer(() -> {
			Instant now = now();
			String tool = (call.toolName().length() > MAX_TOOL_CHARS) ? call.toolName().substring(0, MAX_TOOL_CHARS)
					: call.toolName();
			boolean write = call.tool().map(ToolDefinition::isWrite).orElse(false);
			AuditRecord record = new AuditRecord(0, UUID.randomUUID().toString(), now, now, call.principal().tenantId(),
					call.principal().tokenId(), call.principal().tokenName(), tool, write, arguments(call.arguments()),
					call.reason().code(), 0L, call.requestId(), call.transport().value());
			return this.writer.insert(record);
		}).onErrorResume((ex) -> {
			log.error("audit record of the refused call {} (request {}) could not be stored", call.toolName(),
					call.requestId(), ex);
			return Mono.empty();
		});
	}

	private AuditRecord start(ToolCall call) {
		return new AuditRecord(0, UUID.randomUUID().toString(), now(), null, call.principal().tenantId(),
				call.principal().tokenId(), call.principal().tokenName(), call.tool().name(), call.tool().isWrite(),
				arguments(call.arguments()), AuditRecord.PENDING, null, call.requestId(), call.transport().value());
	}

	/**
	 * The arguments as stored: secrets redacted, always JSON, never longer than
	 * {@link #MAX_ARGUMENTS_CHARS}. An encoding over that is cut AFTER encoding: the
	 * stored form is {@code {"truncated":true,"cut_chars":N,"prefix":"<the first
	 * characters of the encoding>"}}, where {@code cut_chars} counts the characters of
	 * the encoding left out. The prefix is escaped once more when it is stored as a JSON
	 * string (quotes, backslashes and control characters grow), so its length is chosen
	 * by measuring the final text, never the raw prefix.
	 */
	static String arguments(JsonNode given) {
		String arguments = ToolJson.mapper().writeValueAsString(ArgumentRedactor.redact(given));
		if (arguments.length() <= MAX_ARGUMENTS_CHARS) {
			return arguments;
		}
		// the longest prefix whose wrapped form fits: each character grows at most 6-fold
		// when escaped
		int low = 0;
		int high = Math.min(arguments.length(), MAX_ARGUMENTS_CHARS);
		String best = truncated(arguments, 0);
		while (low <= high) {
			int middle = (low + high) >>> 1;
			String candidate = truncated(arguments, middle);
			if (candidate.length() <= MAX_ARGUMENTS_CHARS) {
				best = candidate;
				low = middle + 1;
			}
			else {
				high = middle - 1;
			}
		}
		return best;
	}

	private static String truncated(String encoded, int length) {
		int cut = length;
		if (cut > 0 && Character.isHighSurrogate(encoded.charAt(cut - 1))) {
			cut--; // never split a surrogate pair
		}
		return ToolJson.mapper()
			.writeValueAsString(ToolJson.mapper()
				.createObjectNode()
				.put("truncated", true)
				.put("cut_chars", encoded.length() - cut)
				.put("prefix", encoded.substring(0, cut)));
	}

	private Mono<Void> finish(AtomicBoolean ended, AuditRecord record, String outcome, ToolCall call, long startNanos) {
		if (!ended.compareAndSet(false, true)) {
			return Mono.empty();
		}
		ConfirmationOutcome confirmation = call.metadata().confirmation();
		AuditRecord done = record.completed(now(), outcome, (System.nanoTime() - startNanos) / 1_000_000,
				(confirmation != null) ? confirmation.value() : null);
		if (record.write()) {
			return this.writer.complete(done).onErrorResume((ex) -> {
				log.error(
						"audit completion of {} (request {}, outcome {}) could not be stored; its intent is on record",
						record.tool(), record.requestId(), outcome, ex);
				return Mono.empty();
			});
		}
		return this.writer.insert(done).onErrorMap((ex) -> {
			log.error("audit record of {} (request {}, outcome {}) could not be stored; answer withheld", record.tool(),
					record.requestId(), outcome, ex);
			return new ServiceUnavailableException("audit", ANSWER_WITHHELD);
		});
	}

	/**
	 * A cancelled run's outcome: {@code input_required} when it was the end of a round
	 * that asks the client (the run is cancelled by design), {@code cancelled} otherwise.
	 */
	private static String cancelled(ToolCall call) {
		return call.metadata().inputRequired() ? AuditRecord.INPUT_REQUIRED : AuditRecord.CANCELLED;
	}

	private static String outcome(Throwable ex) {
		return (ex instanceof ToolException toolException) ? toolException.code() : "internal_error";
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
