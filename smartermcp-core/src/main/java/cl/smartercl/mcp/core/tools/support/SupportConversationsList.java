package cl.smartercl.mcp.core.tools.support;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import cl.smartercl.mcp.core.error.InvalidArgumentsException;

/** Contract of {@code support_conversations_list}. */
public final class SupportConversationsList {

	public static final int MAX_LIMIT = 200;

	private SupportConversationsList() {
	}

	public enum Status {

		@JsonProperty("open")
		OPEN,

		@JsonProperty("resolved")
		RESOLVED,

		@JsonProperty("pending")
		PENDING,

		@JsonProperty("snoozed")
		SNOOZED,

		@JsonProperty("all")
		ALL

	}

	public record Input(@JsonPropertyDescription("Conversation status; default open.") Status status,
			@JsonPropertyDescription("'unassigned', 'assigned', or an agent's email or id; default anyone.") String assignee,
			@JsonPropertyDescription("How many conversations, 1 to 200; default 25.") Integer limit) {

		public Input {
			status = (status == null) ? Status.OPEN : status;
			limit = (limit == null) ? 25 : limit;
			if (limit < 1 || limit > MAX_LIMIT) {
				throw new InvalidArgumentsException("limit", "must be between 1 and " + MAX_LIMIT + ", got " + limit);
			}
		}

	}

}
