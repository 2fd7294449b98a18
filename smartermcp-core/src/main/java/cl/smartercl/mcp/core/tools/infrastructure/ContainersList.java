package cl.smartercl.mcp.core.tools.infrastructure;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Contract of {@code containers_list}. */
public final class ContainersList {

	private ContainersList() {
	}

	public enum Filter {

		@JsonProperty("all")
		ALL,

		@JsonProperty("running")
		RUNNING,

		@JsonProperty("stopped")
		STOPPED,

		/** Exited non-zero, dead, restarting, or unhealthy. */
		@JsonProperty("error")
		ERROR

	}

	public record Input(@JsonProperty(
			defaultValue = "all") @JsonPropertyDescription("all, running, stopped, or error (exited non-zero, dead, restarting or unhealthy); default all.") Filter filter) {

		public Input {
			filter = (filter == null) ? Filter.ALL : filter;
		}

	}

	public record Output(List<Container> containers, int count) {
	}

}
