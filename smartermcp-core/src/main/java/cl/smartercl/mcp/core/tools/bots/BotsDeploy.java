package cl.smartercl.mcp.core.tools.bots;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Contract of {@code bots_deploy}. */
public final class BotsDeploy {

	private BotsDeploy() {
	}

	public record Input(@JsonProperty(required = true) @JsonPropertyDescription("Bot id from bots_list.") String botId,
			@JsonPropertyDescription("Botpress Cloud: the bot version id or name; self-hosted: the archive version (the file <bot_id>/<version>.tgz of the tenant's archives folder). Default: the newest.") String version,
			@JsonProperty(
					defaultValue = "false") @JsonPropertyDescription("Deploy even when this version is the one SmarterMCP deployed last; default false.") Boolean force) {

		public Input {
			force = (force == null) ? Boolean.FALSE : force;
		}

	}

	public record Output(String botId, String version,
			@JsonPropertyDescription("deployed, or unchanged when this version was deployed already and force was not set.") String status,
			@JsonPropertyDescription("The version SmarterMCP deployed before, when it knows.") String previousVersion,
			Instant deployedAt, @JsonPropertyDescription("What happened, in one or two sentences.") String message) {
	}

}
