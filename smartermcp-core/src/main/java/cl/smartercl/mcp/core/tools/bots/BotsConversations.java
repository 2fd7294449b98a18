package cl.smartercl.mcp.core.tools.bots;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import cl.smartercl.mcp.core.error.InvalidArgumentsException;

/** Contract of {@code bots_conversations}. */
public final class BotsConversations {

	public static final int MAX_LIMIT = 200;

	private BotsConversations() {
	}

	public record Input(@JsonProperty(required = true) @JsonPropertyDescription("Bot id from bots_list.") String botId,
			@JsonPropertyDescription("How many conversations, 1 to 200; default 20.") Integer limit) {

		public Input {
			limit = (limit == null) ? 20 : limit;
			if (limit < 1 || limit > MAX_LIMIT) {
				throw new InvalidArgumentsException("limit", "must be between 1 and " + MAX_LIMIT + ", got " + limit);
			}
		}

	}

	public record Output(String botId, List<BotConversation> conversations, int count, boolean truncated) {
	}

	public record BotConversation(String id, String channel, String userId, Instant createdAt, Instant updatedAt) {
	}

}
