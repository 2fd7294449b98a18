package cl.smartercl.mcp.core.tools.services;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import cl.smartercl.mcp.core.error.InvalidArgumentsException;

/** Contract of {@code services_logs}. */
public final class ServicesLogs {

	public static final int MAX_LINES = 5000;

	private ServicesLogs() {
	}

	public record Input(@JsonProperty(required = true) @JsonPropertyDescription("Service id from services_list.") String serviceId,
			@JsonPropertyDescription("How many of the last lines to return, 1 to 5000; default 100.") Integer lines,
			@JsonPropertyDescription("Keep streaming new lines for a bounded time; default false.") Boolean follow) {

		public Input {
			lines = (lines == null) ? 100 : lines;
			if (lines < 1 || lines > MAX_LINES) {
				throw new InvalidArgumentsException("lines", "must be between 1 and " + MAX_LINES + ", got " + lines);
			}
			follow = (follow != null) && follow;
		}

	}

	public record Output(String serviceId, String containerId, List<Line> lines,
			@JsonPropertyDescription("Why a followed stream ended (time or line bound, container stopped); absent without follow.") String endedBy) {
	}

	public record Line(@JsonPropertyDescription("stdout or stderr") String stream, Instant timestamp, String text) {
	}

}
