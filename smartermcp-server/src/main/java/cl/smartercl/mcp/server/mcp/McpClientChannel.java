package cl.smartercl.mcp.server.mcp;

import java.time.Duration;
import java.util.List;

import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import reactor.core.publisher.Mono;

import cl.smartercl.mcp.core.tool.ClientChannel;

/**
 * A tool's channel back to an MCP client: progress notifications only when the call carried a
 * progress token (and with increasing values), log notifications at INFO, and sampling only when the
 * client declared the capability — with its own timeout, since the SDK's default is hours.
 */
final class McpClientChannel implements ClientChannel {

	private static final Duration SAMPLING_TIMEOUT = Duration.ofSeconds(120);

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
		return this.exchange.progressNotification(
				new McpSchema.ProgressNotification(this.progressToken, progress, total, message));
	}

	@Override
	public Mono<Void> info(String logger, String message) {
		return this.exchange.loggingNotification(McpSchema.LoggingMessageNotification.builder()
			.level(McpSchema.LoggingLevel.INFO)
			.logger(logger)
			.data(message)
			.build());
	}

	@Override
	public boolean canSample() {
		McpSchema.ClientCapabilities capabilities = this.exchange.getClientCapabilities();
		return capabilities != null && capabilities.sampling() != null;
	}

	@Override
	public Mono<String> sample(String systemPrompt, String userMessage, int maxTokens) {
		if (!canSample()) {
			return ClientChannel.NONE.sample(systemPrompt, userMessage, maxTokens);
		}
		McpSchema.CreateMessageRequest request = McpSchema.CreateMessageRequest.builder()
			.messages(List.of(new McpSchema.SamplingMessage(McpSchema.Role.USER,
					new McpSchema.TextContent(userMessage))))
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
