package cl.smartercl.mcp.core.tools.services;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Contract of {@code services_list}. */
public final class ServicesList {

	private ServicesList() {
	}

	public enum Filter {

		@JsonProperty("all")
		ALL,

		@JsonProperty("frontend")
		FRONTEND,

		@JsonProperty("backend")
		BACKEND,

		@JsonProperty("infrastructure")
		INFRASTRUCTURE

	}

	public record Input(@JsonProperty(
			defaultValue = "all") @JsonPropertyDescription("Which services to list; default all.") Filter filter) {

		public Input {
			filter = (filter == null) ? Filter.ALL : filter;
		}

	}

	public record Output(List<Service> services, int count) {
	}

	public record Service(@JsonPropertyDescription("Id to use with the other services_* tools.") String id, String name,
			ServiceType type,
			@JsonPropertyDescription("Container state as the Docker engine reports it (running, exited, ...), absent when no container is found.") String state,
			@JsonPropertyDescription("Container health when the container defines a health check.") String health,
			String container, String image,
			@JsonPropertyDescription("The image tag, which is the deployed version.") String version) {
	}

}
