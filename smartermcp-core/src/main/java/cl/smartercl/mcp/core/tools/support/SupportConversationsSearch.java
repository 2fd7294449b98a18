package cl.smartercl.mcp.core.tools.support;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import cl.smartercl.mcp.core.error.InvalidArgumentsException;

/** Contract of {@code support_conversations_search}. */
public final class SupportConversationsSearch {

	public static final int MAX_QUERY = 200;

	private SupportConversationsSearch() {
	}

	public record Input(@JsonProperty(
			required = true) @JsonPropertyDescription("A conversation number (#123), a contact's email, phone or name, or text to find in messages.") String query) {

		public Input {
			if (query != null && query.isBlank()) {
				throw new InvalidArgumentsException("query", "must not be blank");
			}
			if (query != null && query.length() > MAX_QUERY) {
				throw new InvalidArgumentsException("query", "must be at most " + MAX_QUERY + " characters");
			}
			query = (query == null) ? null : query.strip();
		}

	}

	/**
	 * @param query the query as searched
	 * @param matches conversation number first, then contact matches, then message
	 * matches, newest first
	 * @param count how many matches are listed
	 * @param truncated whether the help desk had more matches than are listed
	 */
	public record Output(String query, List<Match> matches, int count, boolean truncated) {
	}

	/**
	 * One conversation that matched.
	 *
	 * @param matchedBy {@code id}, {@code contact_email}, {@code contact_phone},
	 * {@code contact_name}, {@code contact} or {@code message}
	 * @param why the reason in words, e.g. "the contact's email is ana@example.com"
	 * @param excerpt the matching message, shortened around the match; {@code null} when
	 * no message matched
	 */
	public record Match(Conversation conversation,
			@JsonPropertyDescription("id, contact_email, contact_phone, contact_name, contact or message.") String matchedBy,
			@JsonPropertyDescription("Why this conversation matched, in words.") String why,
			@JsonPropertyDescription("The matching message, shortened around the match; null when no message matched.") String excerpt) {
	}

}
