package cl.smartercl.mcp.core.tools.bots;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Contract of {@code bots_deploy}. */
public final class BotsDeploy {

	private BotsDeploy() {
	}

	public record Input(@JsonProperty(required = true) @JsonPropertyDescription("Bot id from bots_list.") String botId,
			@JsonPropertyDescription("The bot version (Botpress Cloud) or artefact to deploy; default the latest built version.") String versionId) {
	}

	public record Output(String botId, String versionId, String status, Instant deployedAt) {
	}

}
