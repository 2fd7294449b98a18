package cl.smartercl.mcp.core.tools.services;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import cl.smartercl.mcp.core.tools.common.Bounds;

/** Contract of {@code services_logs}. */
public final class ServicesLogs {

	public static final int MAX_LINES = 5000;

	public static final int DEFAULT_LINES = 100;

	private ServicesLogs() {
	}

	public record Input(
			@JsonProperty(required = true) @JsonPropertyDescription("Service id from services_list.") String serviceId,
			@Min(1) @Max(MAX_LINES) @JsonProperty(defaultValue = ""
					+ DEFAULT_LINES) @JsonPropertyDescription("How many of the last lines to return, 1 to 5000; default 100.") Integer lines,
			@JsonProperty(
					defaultValue = "false") @JsonPropertyDescription("Keep streaming new lines for a bounded time, each also sent as a log message (stdout at info, stderr at notice); default false.") Boolean follow) {

		public Input {
			lines = Bounds.within("lines", lines, DEFAULT_LINES, 1, MAX_LINES);
			follow = (follow != null) && follow;
		}

	}

	public record Output(String serviceId, String containerId, List<Line> lines,
			@JsonPropertyDescription("Why a followed stream ended (time or line bound, container stopped); absent without follow.") String endedBy) {
	}

	public record Line(@JsonPropertyDescription("stdout or stderr") String stream, Instant timestamp, String text) {
	}

}
