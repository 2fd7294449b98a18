package cl.smartercl.mcp.core.tools.bots;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import cl.smartercl.mcp.core.tools.common.Bounds;
import cl.smartercl.mcp.core.tools.common.Paged;

/** Contract of {@code bots_conversations}. */
public final class BotsConversations {

	public static final int MAX_LIMIT = 200;

	public static final int DEFAULT_LIMIT = 20;

	public static final int MAX_LAST_MESSAGES = 20;

	private BotsConversations() {
	}

	public record Input(@JsonProperty(required = true) @JsonPropertyDescription("Bot id from bots_list.") String botId,
			@Min(1) @Max(MAX_LIMIT) @JsonProperty(defaultValue = ""
					+ DEFAULT_LIMIT) @JsonPropertyDescription("How many conversations, 1 to 200; default 20.") Integer limit,
			@JsonPropertyDescription(Paged.CURSOR) String cursor,
			@Min(0) @Max(MAX_LAST_MESSAGES) @JsonProperty(
					defaultValue = "0") @JsonPropertyDescription("Also return each conversation's last messages, newest first: 0 to 20; default 0 (none).") Integer lastMessages)
			implements
				Paged {

		public Input {
			limit = Paged.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
			lastMessages = Bounds.within("last_messages", lastMessages, 0, 0, MAX_LAST_MESSAGES);
		}

	}

	public record Output(String botId,
			@JsonPropertyDescription("Where the conversations come from: cloud_conversations (every conversation of the bot) or v12_hitl_handoffs (self-hosted Botpress: only conversations handed off to a human agent).") String source,
			@JsonPropertyDescription("What this source cannot show, when it is not every conversation; null when it is complete.") String limitations,
			List<BotConversation> conversations, int count,
			@JsonPropertyDescription("True when more conversations exist: pass next_cursor for the next page.") boolean truncated,
			@JsonPropertyDescription("The cursor of the next page, when truncated.") String nextCursor) {
	}

	public record BotConversation(String id, String channel,
			@JsonPropertyDescription("User (and agent) ids taking part, as far as the source tells.") List<String> participants,
			Instant startedAt, Instant updatedAt,
			@JsonPropertyDescription("Number of messages, when the source gives it without extra calls; else null.") Integer messageCount,
			@JsonPropertyDescription("Handoff status on self-hosted Botpress (pending, assigned, resolved, expired, rejected); null on Cloud.") String status,
			@JsonPropertyDescription("The last messages, newest first, when last_messages was asked.") List<BotMessage> lastMessages) {
	}

	/**
	 * One message; {@code direction} is {@code incoming} (from the user) or
	 * {@code outgoing} (from the bot or an agent).
	 */
	public record BotMessage(String id, String direction, String type,
			@JsonPropertyDescription("The message text, when it has one.") String text, String userId,
			Instant createdAt) {
	}

}
