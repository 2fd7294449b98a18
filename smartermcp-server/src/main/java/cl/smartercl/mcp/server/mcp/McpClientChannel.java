package cl.smartercl.mcp.server.mcp;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import reactor.core.publisher.Mono;

import cl.smartercl.mcp.core.tool.ClientChannel;
import cl.smartercl.mcp.core.tool.Confirmation;
import cl.smartercl.mcp.core.tool.LogLevel;

/**
 * A tool's channel back to an MCP client: progress notifications only when the call
 * carried a progress token (and with increasing values), log notifications at the level
 * the session asked for with {@code logging/setLevel} ({@code info} until it does), and
 * sampling only when the client declared the capability — with its own timeout, since the
 * SDK's default is hours — and the confirmation of destructive calls by elicitation when
 * the client declared that capability.
 */
final class McpClientChannel implements ClientChannel {

	private static final Duration SAMPLING_TIMEOUT = Duration.ofSeconds(120);

	/**
	 * How long a person has to answer a confirmation before the call is dropped as
	 * unanswered.
	 */
	static final Duration CONFIRMATION_TIMEOUT = Duration.ofSeconds(120);

	/**
	 * The confirmation form: one boolean, true by default, so that "accept" alone
	 * confirms and a client that shows the field lets its user untick it (accept with
	 * {@code confirm: false} is a decline). The 2026-07-28 era asks with the same form
	 * ({@link ModernClientChannel}).
	 */
	static final Map<String, Object> CONFIRMATION_SCHEMA = Map.of("type", "object", "properties",
			Map.of("confirm", Map.of("type", "boolean", "title", "Run it", "description",
					"Leave checked and accept to run the call; decline to stop it.", "default", true)));

	private final McpAsyncServerExchange exchange;

	private final Object progressToken;

	private double lastProgress = Double.NEGATIVE_INFINITY;

	McpClientChannel(McpAsyncServerExchange exchange, Object progressToken) {
		this.exchange = exchange;
		this.progressToken = progressToken;
	}

	@Override
	public synchronized Mono<Void> progress(double progress, Double total, String message) {
		if (this.progressToken == null || progress <= this.lastProgress) {
			return Mono.empty();
		}
		this.lastProgress = progress;
		return this.exchange
			.progressNotification(new McpSchema.ProgressNotification(this.progressToken, progress, total, message));
	}

	/**
	 * The exchange drops a message below the session's level itself (the SDK keeps the
	 * level {@code logging/setLevel} set, {@code info} before any): no second filter
	 * here.
	 */
	@Override
	public Mono<Void> log(LogLevel level, String logger, String message) {
		return this.exchange.loggingNotification(McpSchema.LoggingMessageNotification.builder()
			.level(level(level))
			.logger(logger)
			.data(message)
			.build());
	}

	/** The 2025 revisions' spelling of a level: the same names. */
	static McpSchema.LoggingLevel level(LogLevel level) {
		return McpSchema.LoggingLevel.fromValue(level.spelling());
	}

	@Override
	public boolean canSample() {
		McpSchema.ClientCapabilities capabilities = this.exchange.getClientCapabilities();
		return capabilities != null && capabilities.sampling() != null;
	}

	/**
	 * Confirmation by MCP elicitation (form mode), when the client declared the
	 * capability: {@code {}} or {@code {"form": {}}}; a client that offers only URL mode
	 * cannot be asked this way.
	 */
	@Override
	public Confirmation confirmation() {
		McpSchema.ClientCapabilities capabilities = this.exchange.getClientCapabilities();
		McpSchema.ClientCapabilities.Elicitation elicitation = (capabilities != null) ? capabilities.elicitation()
				: null;
		if (elicitation == null || (elicitation.form() == null && elicitation.url() != null)) {
			return Confirmation.UNAVAILABLE;
		}
		return Confirmation.asking((request) -> this.exchange
			.createElicitation(McpSchema.ElicitRequest.builder(request.message(), CONFIRMATION_SCHEMA).build())
			.timeout(CONFIRMATION_TIMEOUT)
			.map(McpClientChannel::answer));
	}

	static Confirmation.Answer answer(McpSchema.ElicitResult result) {
		return switch (result.action()) {
			case ACCEPT -> (result.content() != null && Boolean.FALSE.equals(result.content().get("confirm")))
					? Confirmation.Answer.DECLINED : Confirmation.Answer.CONFIRMED;
			case DECLINE -> Confirmation.Answer.DECLINED;
			case CANCEL -> Confirmation.Answer.CANCELLED;
		};
	}

	@Override
	public Mono<String> sample(String systemPrompt, String userMessage, int maxTokens) {
		if (!canSample()) {
			return ClientChannel.NONE.sample(systemPrompt, userMessage, maxTokens);
		}
		McpSchema.CreateMessageRequest request = McpSchema.CreateMessageRequest.builder()
			.messages(
					List.of(new McpSchema.SamplingMessage(McpSchema.Role.USER, new McpSchema.TextContent(userMessage))))
			.systemPrompt(systemPrompt)
			.maxTokens(maxTokens)
			.build();
		return this.exchange.createMessage(request).timeout(SAMPLING_TIMEOUT).map((result) -> {
			if (result.content() instanceof McpSchema.TextContent text) {
				return text.text();
			}
			throw new IllegalStateException("the client's model answered with non-text content");
		});
	}

}
