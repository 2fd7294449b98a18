package cl.smartercl.mcp.server.web;

import java.time.Duration;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.http.codec.ServerSentEvent;

import cl.smartercl.mcp.core.schema.ToolJson;
import cl.smartercl.mcp.core.tool.ClientChannel;

/**
 * The channel of a REST call made with {@code Accept: text/event-stream}: progress and
 * information lines (e.g. followed log lines) become server-sent events before the final
 * {@code result} event. REST has no model to sample.
 */
final class SseClientChannel implements ClientChannel {

	private final Sinks.Many<ServerSentEvent<String>> events = Sinks.many().unicast().onBackpressureBuffer();

	@Override
	public Mono<Void> progress(double progress, Double total, String message) {
		String data = "{\"progress\":" + progress + (total != null ? ",\"total\":" + total : "") + ",\"message\":"
				+ quote(message) + "}";
		return emit(ServerSentEvent.builder(data).event("progress").build());
	}

	@Override
	public Mono<Void> info(String logger, String message) {
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
