package cl.smartercl.mcp.server.web;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.codec.ServerSentEvent;

import cl.smartercl.mcp.core.tool.LogLevel;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * REST's event stream: a log line is an event named after its logger with the line as its
 * data, from {@code info} up; {@code debug} lines are not sent.
 */
class SseClientChannelTests {

	@Test
	void logLinesFromInfoUpAreEventsNamedAfterTheirLogger() {
		SseClientChannel channel = new SseClientChannel();
		channel.log(LogLevel.DEBUG, "services_deploy", "the new container is running").block();
		channel.log(LogLevel.INFO, "services_logs", "stdout: one").block();
		channel.log(LogLevel.NOTICE, "services_logs", "stderr: two").block();
		channel.log(LogLevel.ERROR, "services_deploy", "the new container failed").block();
		channel.log(LogLevel.INFO, null, "no logger").block();
		channel.complete();
		List<ServerSentEvent<String>> events = channel.events().collectList().block();
		assertThat(events).extracting((event) -> event.event() + " " + event.data())
			.containsExactly("services_logs stdout: one", "services_logs stderr: two",
					"services_deploy the new container failed", "info no logger");
	}

}
