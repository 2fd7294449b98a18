package cl.smartercl.mcp.server.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.modelcontextprotocol.modern.McpSchema;
import io.modelcontextprotocol.modern.server.McpAsyncNotifier;
import io.modelcontextprotocol.modern.server.McpRequestContext;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import cl.smartercl.mcp.core.tool.ClientChannel;
import cl.smartercl.mcp.core.tool.Confirmation;
import cl.smartercl.mcp.core.tool.LogLevel;
import cl.smartercl.mcp.server.dispatch.CallMetadata;

/**
 * A tool's channel back to a 2026-07-28 client. That revision has no server-initiated
 * requests: a tool that needs the client's model asks through a multi round-trip request
 * instead. The call ends with an {@code input_required} result listing what it needs; the
 * client answers in a retry of the same call ({@code inputResponses}), together with the
 * sealed {@code requestState} of the first round, and the tool runs again from the start,
 * this time finding its answers here.
 * <p>
 * So each ask is keyed by its kind and its position in the run ({@code sampling-1},
 * {@code sampling-2}, {@code confirmation-1}, …): a tool asks the same things in the same
 * order when given the same arguments and the same answers. An ask with an answer (from
 * this round's {@code inputResponses} or from an earlier round, carried in the request
 * state) is answered at once; the first ask without one is {@link #pending() published}
 * and never answered, and the caller ends the call with an {@code input_required} result
 * for it.
 * <p>
 * Two kinds of ask: sampling (the client's model) and the confirmation of a destructive
 * call (an elicitation form, the same one-field form as on the 2025 era, offered when the
 * client declares form elicitation). A confirmation's answer is kept as the
 * {@link Confirmation.Answer} it means.
 * <p>
 * Progress goes out as notifications on the call's event stream when the client gave a
 * progress token. Log lines ({@link #log}) go out as {@code notifications/message} on
 * that stream only when the request asked for them with a log level in {@code _meta}
 * ({@code io.modelcontextprotocol/logLevel}) and theirs reaches it: this revision has no
 * {@code logging/setLevel}, and a server must not send log messages to a request that did
 * not ask.
 * <p>
 * The first ask without an answer marks the call's {@link CallMetadata} before it is
 * published, so the cancellation of the run that follows is on record as the asking
 * round's end ({@code input_required}), not as the caller's.
 */
final class ModernClientChannel implements ClientChannel {

	/** The prefix of the keys of sampling asks. */
	static final String SAMPLING = "sampling-";

	/** The prefix of the keys of confirmation asks. */
	static final String CONFIRMATION = "confirmation-";

	private final McpRequestContext context;

	private final McpAsyncNotifier notifier;

	private final Map<String, String> answers;

	private final CallMetadata metadata;

	private final LogLevel logLevel;

	private final AtomicInteger samplings = new AtomicInteger();

	private final AtomicInteger confirmations = new AtomicInteger();

	private final Sinks.One<Ask> pending = Sinks.one();

	private double lastProgress = Double.NEGATIVE_INFINITY;

	/**
	 * One thing the tool asked of the client and got no answer for yet.
	 *
	 * @param key the input request's key
	 * @param sampling the completion asked of the client's model, or {@code null}
	 * @param elicitation the form shown to the user, or {@code null}
	 */
	record Ask(String key, McpSchema.CreateMessageRequest sampling, McpSchema.ElicitFormRequest elicitation) {
	}

	/**
	 * @param notifier the call's stream, or {@code null} when the answer is plain JSON
	 * @param answers the answers known so far, by key (texts of the client's model, names
	 * of {@link Confirmation.Answer}s)
	 * @param metadata the call's metadata, marked when the call stops to ask
	 * @param logLevel the lowest level of log messages the request asked for, or
	 * {@code null} (none)
	 */
	ModernClientChannel(McpRequestContext context, McpAsyncNotifier notifier, Map<String, String> answers,
			CallMetadata metadata, LogLevel logLevel) {
		this.context = context;
		this.notifier = notifier;
		this.answers = new LinkedHashMap<>(answers);
		this.metadata = metadata;
		this.logLevel = logLevel;
	}

	/** Emits the first ask without an answer, if the tool makes one. */
	Mono<Ask> pending() {
		return this.pending.asMono();
	}

	/** The answers known to this round, to carry into the next one. */
	Map<String, String> answers() {
		return Map.copyOf(this.answers);
	}

	@Override
	public Mono<Void> progress(double progress, Double total, String message) {
		if (this.notifier == null || this.context.progressToken() == null) {
			return Mono.empty();
		}
		return send(() -> {
			if (progress <= this.lastProgress) {
				return Mono.empty();
			}
			this.lastProgress = progress;
			return this.notifier.progress(progress, total, message);
		});
	}

	@Override
	public Mono<Void> log(LogLevel level, String logger, String message) {
		if (this.notifier == null || !logs(level)) {
			return Mono.empty();
		}
		return send(() -> this.notifier.notify(McpSchema.METHOD_NOTIFICATION_MESSAGE,
				new McpSchema.LoggingMessageParams(level(level), logger, message)));
	}

	/** Whether the request asked for log messages of this level. */
	boolean logs(LogLevel level) {
		return this.logLevel != null && level.reaches(this.logLevel);
	}

	/** The 2026-07-28 revision's spelling of a level: the same names. */
	static McpSchema.LoggingLevel level(LogLevel level) {
		return McpSchema.LoggingLevel.fromValue(level.spelling());
	}

	/**
	 * Emits one notification onto the call's stream under this channel's lock: the stream
	 * takes one message at a time, and a tool may report progress and log lines from
	 * different threads.
	 */
	private Mono<Void> send(java.util.function.Supplier<Mono<Void>> notification) {
		return Mono.fromRunnable(() -> {
			synchronized (this) {
				notification.get().subscribe(null, (ex) -> {
					// the stream has ended (the call was cancelled): nothing to tell
				});
			}
		});
	}

	@Override
	public boolean canSample() {
		McpSchema.ClientCapabilities capabilities = this.context.clientCapabilities();
		return capabilities != null && capabilities.supportsSampling();
	}

	@Override
	public Mono<String> sample(String systemPrompt, String userMessage, int maxTokens) {
		if (!canSample()) {
			return ClientChannel.NONE.sample(systemPrompt, userMessage, maxTokens);
		}
		String key = SAMPLING + this.samplings.incrementAndGet();
		String answer = this.answers.get(key);
		if (answer != null) {
			return Mono.just(answer);
		}
		McpSchema.CreateMessageRequest request = McpSchema.CreateMessageRequest
			.builder(List.of(McpSchema.SamplingMessage
				.builder(McpSchema.Role.USER, McpSchema.TextContent.builder(userMessage).build())
				.build()), maxTokens)
			.systemPrompt(systemPrompt)
			.build();
		ask(new Ask(key, request, null));
		// never answered: the call ends with input_required, and this run is cancelled
		return Mono.never();
	}

	/**
	 * Confirmation by an elicitation input request, when the client declared form
	 * elicitation in {@code _meta} ({@code {}} counts as form, as on the 2025 era);
	 * otherwise the tenant's {@code confirmation.without-elicitation} decides.
	 */
	@Override
	public Confirmation confirmation() {
		McpSchema.ClientCapabilities capabilities = this.context.clientCapabilities();
		if (capabilities == null || !capabilities.supportsElicitationForm()) {
			return Confirmation.UNAVAILABLE;
		}
		return Confirmation.asking(this::confirm);
	}

	private Mono<Confirmation.Answer> confirm(Confirmation.Request request) {
		String key = CONFIRMATION + this.confirmations.incrementAndGet();
		String answer = this.answers.get(key);
		if (answer != null) {
			return Mono.just(Confirmation.Answer.valueOf(answer));
		}
		McpSchema.ElicitFormRequest form = McpSchema.ElicitFormRequest
			.builder(request.message(), McpClientChannel.CONFIRMATION_SCHEMA)
			.build();
		ask(new Ask(key, null, form));
		return Mono.never();
	}

	/**
	 * Publishes the round's question: the call is marked first, so the cancellation that
	 * follows is on record as {@code input_required}.
	 */
	private void ask(Ask ask) {
		this.metadata.markInputRequired();
		this.pending.tryEmitValue(ask);
	}

	/**
	 * What an elicitation result means for a confirmation: accept with
	 * {@code confirm: false} declines.
	 */
	static Confirmation.Answer answer(McpSchema.ElicitResult result) {
		return switch (result.action()) {
			case ACCEPT -> (result.content() != null && Boolean.FALSE.equals(result.content().get("confirm")))
					? Confirmation.Answer.DECLINED : Confirmation.Answer.CONFIRMED;
			case DECLINE -> Confirmation.Answer.DECLINED;
			case CANCEL -> Confirmation.Answer.CANCELLED;
		};
	}

}
