package cl.smartercl.mcp.core.tools.services;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Contract of {@code services_deploy}. */
public final class ServicesDeploy {

	private ServicesDeploy() {
	}

	public record Input(
			@JsonProperty(required = true) @JsonPropertyDescription("Service id from services_list.") String serviceId,
			@JsonPropertyDescription("Image tag to deploy; default: the current tag again (a redeploy, needs force).") String version,
			@JsonProperty(
					defaultValue = "false") @JsonPropertyDescription("Redeploy even when the service already runs that version; default false.") Boolean force) {

		public Input {
			force = (force != null) && force;
		}

	}

	public enum Outcome {

		@JsonProperty("deployed")
		DEPLOYED,

		@JsonProperty("unchanged")
		UNCHANGED,

		@JsonProperty("rolled_back")
		ROLLED_BACK

	}

	public record Output(String serviceId, Outcome outcome, String previousImage, String image,
			String previousContainerId, String containerId,
			@JsonPropertyDescription("Each step taken, in order, with its result.") List<String> steps,
			String message) {
	}

}
