package cl.smartercl.mcp.server.mcp;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.modelcontextprotocol.modern.McpSchema;
import io.modelcontextprotocol.modern.server.McpAsyncNotifier;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import cl.smartercl.mcp.core.tool.LogLevel;
import cl.smartercl.mcp.server.dispatch.CallMetadata;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 2026-07-28 era's log messages: only to a request that asked with a level in
 * {@code _meta}, only at or above it, each with its own level.
 */
class ModernClientChannelTests {

	private final List<String> sent = new CopyOnWriteArrayList<>();

	private final McpAsyncNotifier notifier = new McpAsyncNotifier() {

		@Override
		public Mono<Void> progress(double progress, Double total, String message) {
			return Mono.empty();
		}

		@Override
		public Mono<Void> notify(String method, Object params) {
			return Mono.fromRunnable(() -> {
				assertThat(method).isEqualTo(McpSchema.METHOD_NOTIFICATION_MESSAGE);
				McpSchema.LoggingMessageParams message = (McpSchema.LoggingMessageParams) params;
				ModernClientChannelTests.this.sent
					.add(message.level().name().toLowerCase() + " " + message.logger() + " " + message.data());
			});
		}

	};

	/** A channel of a request that asked for {@code threshold} (null: for nothing). */
	private ModernClientChannel channel(LogLevel threshold) {
		// the request context is only read for progress, sampling and elicitation
		return new ModernClientChannel(null, this.notifier, Map.of(), new CallMetadata(), threshold);
	}

	private void logEachLevel(ModernClientChannel channel) {
		for (LogLevel level : LogLevel.values()) {
			channel.log(level, "services_deploy", "a " + level.spelling() + " line").block();
		}
	}

	@Test
	void atInfoADebugMessageIsNotSentAndAnErrorIs() {
		logEachLevel(channel(LogLevel.INFO));
		assertThat(this.sent).contains("error services_deploy a error line")
			.noneMatch((line) -> line.startsWith("debug"))
			.hasSize(7);
	}

	@Test
	void theThresholdIsTheLowestLevelSent() {
		logEachLevel(channel(LogLevel.WARNING));
		assertThat(this.sent).containsExactly("warning services_deploy a warning line",
				"error services_deploy a error line", "critical services_deploy a critical line",
				"alert services_deploy a alert line", "emergency services_deploy a emergency line");
		this.sent.clear();
		logEachLevel(channel(LogLevel.DEBUG));
		assertThat(this.sent).hasSize(8).first().isEqualTo("debug services_deploy a debug line");
	}

	@Test
	void aRequestThatAskedForNoLevelGetsNone() {
		logEachLevel(channel(null));
		assertThat(this.sent).isEmpty();
		// nor one answered with plain JSON, whatever it asked
		logEachLevel(new ModernClientChannel(null, null, Map.of(), new CallMetadata(), LogLevel.DEBUG));
		assertThat(this.sent).isEmpty();
	}

	@Test
	void eachLevelHasItsNamesake() {
		for (LogLevel level : LogLevel.values()) {
			assertThat(ModernClientChannel.level(level)).isNotNull()
				.extracting(McpSchema.LoggingLevel::level)
				.isEqualTo(level.ordinal());
			assertThat(ModernClientChannel.level(level).name()).isEqualTo(level.name());
		}
	}

}
