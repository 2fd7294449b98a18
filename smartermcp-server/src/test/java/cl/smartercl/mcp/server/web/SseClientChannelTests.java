package cl.smartercl.mcp.server.web;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.codec.ServerSentEvent;

import cl.smartercl.mcp.core.tool.LogLevel;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * REST's event stream: a log line is an event named after its logger with the line as its
 * data, sent when its level reaches the caller's {@code log_level} ({@code info} unless
 * it chose another).
 */
class SseClientChannelTests {

	/**
	 * The lines a deploy and a followed log send, through a channel of the given
	 * threshold, as "event data".
	 */
	private static List<String> sent(LogLevel threshold) {
		SseClientChannel channel = new SseClientChannel(threshold);
		channel.log(LogLevel.DEBUG, "services_deploy", "the new container is running").block();
		channel.log(LogLevel.INFO, "services_logs", "stdout: one").block();
		channel.log(LogLevel.NOTICE, "services_logs", "stderr: two").block();
		channel.log(LogLevel.WARNING, "services_deploy", "the pull failed").block();
		channel.log(LogLevel.ERROR, "services_deploy", "the new container failed").block();
		channel.log(LogLevel.INFO, null, "no logger").block();
		channel.complete();
		List<ServerSentEvent<String>> events = channel.events().collectList().block();
		return events.stream().map((event) -> event.event() + " " + event.data()).toList();
	}

	@Test
	void byDefaultLogLinesFromInfoUpAreEventsNamedAfterTheirLogger() {
		assertThat(sent(LogLevelParameter.DEFAULT)).containsExactly("services_logs stdout: one",
				"services_logs stderr: two", "services_deploy the pull failed",
				"services_deploy the new container failed", "info no logger");
	}

	@Test
	void debugSendsEveryLine() {
		assertThat(sent(LogLevel.DEBUG)).containsExactly("services_deploy the new container is running",
				"services_logs stdout: one", "services_logs stderr: two", "services_deploy the pull failed",
				"services_deploy the new container failed", "info no logger");
	}

	@Test
	void noticeLeavesOutTheInfoLines() {
		assertThat(sent(LogLevel.NOTICE)).containsExactly("services_logs stderr: two",
				"services_deploy the pull failed", "services_deploy the new container failed");
	}

	@Test
	void aThresholdAboveEveryLineSendsNone() {
		assertThat(sent(LogLevel.CRITICAL)).isEmpty();
	}

	@Test
	void progressIsSentWhateverTheThreshold() {
		SseClientChannel channel = new SseClientChannel(LogLevel.EMERGENCY);
		channel.progress(1, 3.0, "pulled").block();
		channel.log(LogLevel.ALERT, "services_deploy", "below emergency").block();
		channel.complete();
		assertThat(channel.events().collectList().block()).extracting((event) -> event.event() + " " + event.data())
			.containsExactly("progress {\"progress\":1.0,\"total\":3.0,\"message\":\"pulled\"}");
	}

}
