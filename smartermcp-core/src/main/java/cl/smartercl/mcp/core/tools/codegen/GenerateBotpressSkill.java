package cl.smartercl.mcp.core.tools.codegen;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import cl.smartercl.mcp.core.error.InvalidArgumentsException;
import cl.smartercl.mcp.core.tools.common.GeneratedFile;

/** Contract of {@code generate_botpress_skill}. */
public final class GenerateBotpressSkill {

	private GenerateBotpressSkill() {
	}

	public record Input(@JsonProperty(
			required = true) @JsonPropertyDescription("What the skill should do, in plain words.") String description) {

		public Input {
			if (description != null && description.isBlank()) {
				throw new InvalidArgumentsException("description", "must not be blank");
			}
		}

	}

	public record Output(String name, List<GeneratedFile> files,
			@JsonPropertyDescription("sampling (the client's model wrote it) or planner (SmarterMCP's own planner).") String source,
			List<String> unmapped) {
	}

}
