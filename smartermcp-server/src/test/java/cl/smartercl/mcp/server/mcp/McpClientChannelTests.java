package cl.smartercl.mcp.server.mcp;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import cl.smartercl.mcp.core.tool.LogLevel;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 2025 era's log messages, through the SDK's own session: the level the session set
 * with {@code logging/setLevel} ({@code info} before it does) decides what is sent, and
 * each message carries its level.
 */
class McpClientChannelTests {

	private final List<McpSchema.JSONRPCMessage> sent = new CopyOnWriteArrayList<>();

	private final McpServerSession session = new McpServerSession("s-1", Duration.ofSeconds(5),
			new McpServerTransport() {

				@Override
				public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
					return Mono.fromRunnable(() -> McpClientChannelTests.this.sent.add(message));
				}

				@Override
				public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
					throw new UnsupportedOperationException();
				}

				@Override
				public Mono<Void> closeGracefully() {
					return Mono.empty();
				}

			}, (initialize) -> Mono.empty(), Map.of(), Map.of());

	private final McpClientChannel channel = new McpClientChannel(new McpAsyncServerExchange("s-1", this.session,
			new McpSchema.ClientCapabilities(null, null, null, null), null, McpTransportContext.EMPTY), null);

	/** The messages sent, as "level logger data". */
	private List<String> messages() {
		return this.sent.stream().map((message) -> {
			McpSchema.JSONRPCNotification notification = (McpSchema.JSONRPCNotification) message;
			assertThat(notification.method()).isEqualTo(McpSchema.METHOD_NOTIFICATION_MESSAGE);
			McpSchema.LoggingMessageNotification params = (McpSchema.LoggingMessageNotification) notification.params();
			return params.level().name().toLowerCase() + " " + params.logger() + " " + params.data();
		}).toList();
	}

	@Test
	void beforeTheClientSetsALevelInfoAndAboveAreSent() {
		this.channel.log(LogLevel.DEBUG, "services_deploy", "the new container is running").block();
		this.channel.log(LogLevel.INFO, "services_logs", "stdout: one").block();
		this.channel.log(LogLevel.ERROR, "services_deploy", "the new container failed").block();
		assertThat(messages()).containsExactly("info services_logs stdout: one",
				"error services_deploy the new container failed");
	}

	@Test
	void theLevelTheClientSetIsTheThreshold() {
		// what the SDK's logging/setLevel handler does
		this.session.setMinLoggingLevel(McpSchema.LoggingLevel.WARNING);
		this.channel.log(LogLevel.INFO, "services_logs", "stdout: one").block();
		this.channel.log(LogLevel.NOTICE, "services_logs", "stderr: two").block();
		this.channel.log(LogLevel.WARNING, "services_deploy", "pull failed").block();
		this.channel.log(LogLevel.ERROR, "services_deploy", "the new container failed").block();
		assertThat(messages()).containsExactly("warning services_deploy pull failed",
				"error services_deploy the new container failed");

		this.sent.clear();
		this.session.setMinLoggingLevel(McpSchema.LoggingLevel.DEBUG);
		this.channel.log(LogLevel.DEBUG, "services_deploy", "the new container is running").block();
		assertThat(messages()).containsExactly("debug services_deploy the new container is running");
	}

	@Test
	void eachLevelHasItsNamesake() {
		for (LogLevel level : LogLevel.values()) {
			assertThat(McpClientChannel.level(level)).isNotNull()
				.extracting(McpSchema.LoggingLevel::level)
				.isEqualTo(level.ordinal());
			assertThat(McpClientChannel.level(level).name()).isEqualTo(level.name());
		}
	}

}
