package cl.smartercl.mcp.server.web;

import java.time.Duration;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.http.codec.ServerSentEvent;

import cl.smartercl.mcp.core.schema.ToolJson;
import cl.smartercl.mcp.core.tool.ClientChannel;
import cl.smartercl.mcp.core.tool.LogLevel;

/**
 * The channel of a REST call made with {@code Accept: text/event-stream}: progress and
 * log lines (e.g. followed log lines) become server-sent events before the final
 * {@code result} event. REST has no model to sample.
 * <p>
 * A log line is an event named after its logger whose data is the line's text, as it
 * always was: the format has no place for a level. The caller chooses the lowest level it
 * gets with the call's {@code log_level} parameter ({@link LogLevelParameter}); lines
 * below it are not sent. Without one it gets what an MCP session gets before it sets a
 * level: {@code info} and above.
 */
final class SseClientChannel implements ClientChannel {

	private final Sinks.Many<ServerSentEvent<String>> events = Sinks.many().unicast().onBackpressureBuffer();

	private final LogLevel threshold;

	/**
	 * A channel for one call.
	 * @param threshold the lowest level of the log lines sent
	 */
	SseClientChannel(LogLevel threshold) {
		this.threshold = threshold;
	}

	@Override
	public Mono<Void> progress(double progress, Double total, String message) {
		String data = "{\"progress\":" + progress + (total != null ? ",\"total\":" + total : "") + ",\"message\":"
				+ quote(message) + "}";
		return emit(ServerSentEvent.builder(data).event("progress").build());
	}

	@Override
	public Mono<Void> log(LogLevel level, String logger, String message) {
		if (!level.reaches(this.threshold)) {
			return Mono.empty();
		}
		return emit(ServerSentEvent.builder(message).event(logger == null ? "info" : logger).build());
	}

	@Override
	public boolean canSample() {
		return false;
	}

	@Override
	public Mono<String> sample(String systemPrompt, String userMessage, int maxTokens) {
		return ClientChannel.NONE.sample(systemPrompt, userMessage, maxTokens);
	}

	Mono<Void> emit(ServerSentEvent<String> event) {
		return Mono.fromRunnable(
				() -> this.events.emitNext(event, Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1))));
	}

	void complete() {
		this.events.tryEmitComplete();
	}

	Flux<ServerSentEvent<String>> events() {
		return this.events.asFlux();
	}

	private static String quote(String text) {
		return ToolJson.mapper().writeValueAsString(text == null ? "" : text);
	}

}
