package cl.smartercl.mcp.core.tools.support;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import cl.smartercl.mcp.core.error.InvalidArgumentsException;
import cl.smartercl.mcp.core.tools.common.Paged;

/** Contract of {@code support_conversations_list}. */
public final class SupportConversationsList {

	public static final int MAX_LIMIT = 100;

	public static final int DEFAULT_LIMIT = 25;

	private SupportConversationsList() {
	}

	public enum Status {

		@JsonProperty("open")
		OPEN,

		@JsonProperty("pending")
		PENDING,

		@JsonProperty("resolved")
		RESOLVED,

		@JsonProperty("snoozed")
		SNOOZED,

		@JsonProperty("all")
		ALL;

		/** The value as it appears in the tool's arguments. */
		public String value() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * @param status which conversations; default open
	 * @param assignee {@code me}, {@code unassigned}, {@code assigned}, {@code all}
	 * (default), or one agent's name, email or id
	 * @param limit how many on this page, 1 to {@value #MAX_LIMIT}; default
	 * {@value #DEFAULT_LIMIT}
	 * @param cursor the {@code next_cursor} of the previous page
	 */
	public record Input(@JsonProperty(
			defaultValue = "open") @JsonPropertyDescription("open (default), pending, resolved, snoozed or all.") Status status,
			@JsonPropertyDescription("'me', 'unassigned', 'assigned', 'all' (default), or one agent's name, email or id.") String assignee,
			@Min(1) @Max(MAX_LIMIT) @JsonProperty(defaultValue = ""
					+ DEFAULT_LIMIT) @JsonPropertyDescription("How many conversations, 1 to 100; default 25.") Integer limit,
			@JsonPropertyDescription(Paged.CURSOR) String cursor) implements Paged {

		public Input {
			status = (status == null) ? Status.OPEN : status;
			limit = Paged.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
			if (assignee != null && assignee.isBlank()) {
				throw new InvalidArgumentsException("assignee",
						"must not be blank; use me, unassigned, assigned, all, or an agent's name, email or id");
			}
			assignee = (assignee == null) ? null : assignee.strip();
		}

		public Input(Status status, String assignee, Integer limit) {
			this(status, assignee, limit, null);
		}

	}

}
