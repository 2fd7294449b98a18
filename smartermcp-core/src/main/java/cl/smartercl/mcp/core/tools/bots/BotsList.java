package cl.smartercl.mcp.core.tools.bots;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import cl.smartercl.mcp.core.tools.common.Paged;

/** Contract of {@code bots_list}. */
public final class BotsList {

	private BotsList() {
	}

	public record Input(@JsonPropertyDescription(Paged.CURSOR) String cursor) {
	}

	public record Output(List<Bot> bots, int count,
			@JsonPropertyDescription("True when more bots exist than were listed: pass next_cursor for the next page.") boolean truncated,
			@JsonPropertyDescription("The cursor of the next page, when truncated.") String nextCursor,
			@JsonPropertyDescription("How many bots the workspace holds, when Botpress says.") Integer total) {
	}

	public record Bot(String id, String name, String description,
			@JsonPropertyDescription("enabled, disabled (self-hosted Botpress), or not_deployed (Botpress Cloud: never deployed).") Status status,
			@JsonPropertyDescription("When the bot was last deployed (Botpress Cloud) or promoted to its pipeline stage (self-hosted).") Instant deployedAt,
			Instant updatedAt,
			@JsonPropertyDescription("The bot's pipeline stage, self-hosted Botpress only (e.g. prod).") String pipelineStage) {
	}

	/** Whether a bot answers its users. */
	public enum Status {

		@JsonProperty("enabled")
		ENABLED,

		@JsonProperty("disabled")
		DISABLED,

		@JsonProperty("not_deployed")
		NOT_DEPLOYED

	}

}
